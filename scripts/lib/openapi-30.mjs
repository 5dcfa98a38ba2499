// OpenAPI 3.0 input, read as 3.1: the generator's later steps (Ajv's JSON Schema 2020-12, the
// operation table) speak 3.1 only, and a maintainer points the generator at a description as it
// was published (Twilio's is 3.0.1). Lint and openapi-typescript read the file itself: both know 3.0.
//
// The Schema Object differences that change what a value may be (OpenAPI 3.1.0, "Migrating from
// 3.0"): `nullable: true` is a `null` type, and a boolean `exclusiveMinimum`/`exclusiveMaximum`
// modifies `minimum`/`maximum` instead of being the bound. `example` stays: it is an annotation
// in both. Only schemas carry these keywords, so they are found wherever they are; a property
// named `nullable` has a schema, not a boolean, as its value and is left alone.

/** `doc` itself when it is 3.1; for 3.0.x a converted copy with `openapi: 3.1.0`. */
export function asOpenApi31(doc) {
  if (!/^3\.0\./.test(String(doc?.openapi ?? ""))) return doc;
  return { ...upgrade(doc), openapi: "3.1.0" };
}

function upgrade(node) {
  if (Array.isArray(node)) return node.map(upgrade);
  if (!node || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) out[key] = upgrade(value);
  if (typeof out.nullable === "boolean") nullable(out);
  for (const [exclusive, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ]) {
    if (typeof out[exclusive] !== "boolean") continue;
    if (out[exclusive] && out[bound] !== undefined) {
      out[exclusive] = out[bound];
      delete out[bound];
    } else delete out[exclusive];
  }
  return out;
}

/** `nullable: true` with a `type` adds `null` to it (and to an `enum`); without a type, anything already goes. */
function nullable(schema) {
  const { nullable: isNullable } = schema;
  delete schema.nullable;
  if (!isNullable || schema.type === undefined) return;
  schema.type = [...new Set([schema.type, "null"].flat())];
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
}
