// The JSON Schema of one operation's whole input ({ path, header, query, body }), made from its
// parameters and request body. The client's rule tables (emit-rules.mjs) are read from it, and
// the tests compile it with Ajv as the oracle those tables must agree with.
import { listOperations } from "./load-spec.mjs";
import { formatApplies, KNOWN_FORMATS } from "./formats-source.mjs";

/** Each operation with the schema of its input: `[{ operation, schema }]`, in document order. */
export function inputSchemas(doc, resolve) {
  return listOperations(doc).map(({ operation, pathItem }) => ({
    operation,
    schema: inputSchema(operation, pathItem, resolve),
  }));
}

/** The schema of an operation's whole input; unknown keys are errors at every level. */
export function inputSchema(operation, pathItem, resolve) {
  const inline = (schema) => inlineRefs(schema, resolve);
  const params = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map(resolve);
  const group = (where) => {
    const list = params.filter((p) => p.in === where);
    return {
      type: "object",
      additionalProperties: false,
      properties: Object.fromEntries(list.map((p) => [p.name, inline(p.schema)])),
      required: list.filter((p) => p.required).map((p) => p.name),
    };
  };
  const properties = { path: group("path"), header: group("header"), query: group("query") };
  const required = properties.path.required.length ? ["path"] : [];
  const body = resolve(operation.requestBody ?? {});
  const media = Object.values(body.content ?? {})[0];
  if (media) {
    properties.body = inline(media.schema);
    if (body.required) required.push("body");
  }
  return { type: "object", additionalProperties: false, properties, required };
}

const ANNOTATIONS = new Set(["description", "summary", "title", "example", "examples", "xml", "externalDocs"]);
/** Keywords whose value maps names (of properties, say) to schemas: the names are not keywords. */
const NAMED_SCHEMAS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
/** Keywords whose value is data, not a schema. */
const DATA = new Set(["enum", "const", "default", "required", "dependentRequired"]);

/**
 * Replaces every `$ref` with a copy of its target and drops what does not validate: annotations
 * (they would bloat the bundle), `x-*` extensions, and a `format` the generator does not check on
 * that type (Twilio's `uri-map` on an object, say: an annotation, which `annotationFormats` lists).
 */
export function inlineRefs(node, resolve, depth = 0) {
  if (depth > 64) throw new Error("schema nests too deeply (recursive $ref?)");
  if (Array.isArray(node)) return node.map((n) => inlineRefs(n, resolve, depth + 1));
  if (!node || typeof node !== "object") return node;
  const target = node.$ref ? resolve(node) : node;
  const out = {};
  for (const [key, value] of Object.entries(target)) {
    if (ANNOTATIONS.has(key) || key.startsWith("x-")) continue;
    if (key === "format" && !checkedFormat(value, target.type)) continue;
    if (DATA.has(key)) out[key] = value;
    else if (NAMED_SCHEMAS.has(key) && value && typeof value === "object")
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, schema]) => [name, inlineRefs(schema, resolve, depth + 1)]),
      );
    else out[key] = inlineRefs(value, resolve, depth + 1);
  }
  return out;
}

/** Whether `format` on a schema of `type` is one the validators check (or knowingly accept). */
function checkedFormat(format, type) {
  const types = [type ?? []].flat().filter((t) => t !== "null");
  return KNOWN_FORMATS.has(format) && (!types.length || formatApplies(format, types));
}

/** Each `format` of `doc`'s schemas the generator does not know, sorted: an annotation, never a check. */
export function annotationFormats(doc) {
  const found = new Set();
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    if (typeof node.format === "string" && !KNOWN_FORMATS.has(node.format)) found.add(node.format);
    Object.values(node).forEach(walk);
  };
  walk(doc);
  return [...found].sort();
}
