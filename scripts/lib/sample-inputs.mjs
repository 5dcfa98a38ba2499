// What one call of each operation looks like, filled in from the spec's own examples: the input
// groups (path, query, header, body) with the names of the optional fields in each, whether it is
// a paged list, and what its result is called. Required fields always; optional ones only with a
// realistic example (no placeholder SID or fixed date a reader would paste).
// code-samples.mjs renders it as code; the docs tests run that code against the fake server.
import { operationEntries } from "./emit-operations.mjs";
import { listOperations, methodName, resolveRef } from "./load-spec.mjs";

const FORM = "application/x-www-form-urlencoded";
const GROUPS = { path: "path", query: "query", header: "header" };

/** Every operation of `doc` with the input its samples show, in document order. */
export function sampleCalls(doc) {
  // Whether a call is a paged list and has a result: as the client's operation table says.
  const entries = new Map(
    operationEntries(doc, (node) => resolveRef(doc, node)).map(({ entry }) => [entry.operationId, entry]),
  );
  return listOperations(doc).map(({ path, method, operation, pathItem }) => {
    const entry = entries.get(operation.operationId);
    const list = entry.list && { ...entry.list, itemName: itemNameOf(doc, operation, entry.list.itemsKey) };
    const input = { path: {}, query: {}, header: {} };
    const optional = { path: [], query: [], header: [], body: [] };
    for (const p of parameters(doc, pathItem, operation)) {
      const group = GROUPS[p.in];
      if (!group) continue; // cookies: the client has no such group
      const schema = resolveRef(doc, p.schema ?? {});
      const value = exampleOf(doc, p) ?? (p.required ? made(schema, p.name) : undefined);
      // Optional values only when the spec gives a realistic one; a list's paging is the pager's business.
      if (value === undefined) continue;
      if (!p.required && ((list && group === "query") || !realistic(schema))) continue;
      input[group][p.name] = value;
      if (!p.required) optional[group].push(p.name);
    }
    const body = bodyExample(doc, operation);
    if (body !== undefined) {
      input.body = body.fields;
      optional.body = body.optional;
    }
    return {
      operationId: operation.operationId,
      summary: operation.summary ?? operation.operationId,
      method: method.toUpperCase(),
      path,
      methodName: methodName(operation.operationId),
      input,
      optional,
      list,
      resultName: nameOf(successRef(doc, operation), "result"),
      hasResult: entry.successHasBody,
    };
  });
}

/** Path-level parameters, overridden by the operation's own of the same name and place. */
function parameters(doc, pathItem, operation) {
  const all = new Map();
  for (const p of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((x) => resolveRef(doc, x))) {
    all.set(`${p.in}:${p.name}`, p);
  }
  return [...all.values()];
}

/** `example`, else the first of `examples` (on the parameter or media type, then on its schema). */
function exampleOf(doc, holder) {
  if (holder.example !== undefined) return holder.example;
  const first = Object.values(holder.examples ?? {})[0];
  if (first !== undefined) return resolveRef(doc, first).value;
  const schema = resolveRef(doc, holder.schema ?? {});
  // A schema's `examples` is JSON Schema's: a plain array of values.
  return schema.example ?? (Array.isArray(schema.examples) ? schema.examples[0] : undefined);
}

/**
 * The form body's fields: the example's required ones (made where it lacks them) and its realistic
 * optional ones, with the names of those optional ones; undefined without a form body.
 */
function bodyExample(doc, operation) {
  const body = operation.requestBody && resolveRef(doc, operation.requestBody);
  const media = body?.content?.[FORM];
  if (!media) return undefined;
  const schema = resolveRef(doc, media.schema ?? {});
  const required = new Set(schema.required ?? []);
  const propertyOf = (name) => resolveRef(doc, schema.properties?.[name] ?? {});
  const fields = {};
  for (const name of required) fields[name] = made(propertyOf(name), name);
  const optional = [];
  for (const [name, value] of Object.entries(asTyped(doc, exampleOf(doc, media), schema) ?? {})) {
    if (!required.has(name) && !realistic(propertyOf(name))) continue;
    fields[name] = value;
    if (!required.has(name)) optional.push(name);
  }
  return { fields, optional };
}

/**
 * A form example as the typed call takes it: an example showing an array field with one value
 * (as the wire carries it, `Permission=sendMessage`; Twilio's do) gets an array of that value.
 */
function asTyped(doc, example, schema) {
  if (!example || typeof example !== "object") return example;
  const typed = { ...example };
  for (const [name, value] of Object.entries(example)) {
    const types = [resolveRef(doc, schema.properties?.[name] ?? {}).type].flat();
    if (types.includes("array") && !Array.isArray(value)) typed[name] = [value];
  }
  return typed;
}

/**
 * Whether an optional field's example is worth showing: not when a reader would copy a value that
 * cannot be theirs, a placeholder SID (`RL0123…`: a role of someone else's account) or a fixed
 * date-time (every participant stamped with the spec author's day).
 */
function realistic(schema) {
  return !SID.test(schema.pattern ?? "") && schema.format !== "date-time";
}
const SID = /^\^([A-Z]{2})\[0-9a-fA-F\]\{32\}\$$/;

/** A value that passes `schema` where the spec gives no example: a SID by its pattern, a default, an enum. */
function made(schema, name) {
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  const types = [schema.type ?? "string"].flat();
  if (types.includes("array")) return [made(schema.items ?? {}, name)];
  if (types.includes("integer") || types.includes("number")) return schema.minimum ?? 1;
  if (types.includes("boolean")) return true;
  if (schema.format in FORMATTED) return FORMATTED[schema.format];
  const sid = SID.exec(schema.pattern ?? "");
  if (sid) return `${sid[1]}0123456789abcdef0123456789abcdef`;
  return name;
}

/** A value of each string format the validators check. */
const FORMATTED = {
  "date-time": "2023-05-04T09:42:00.123Z",
  date: "2023-05-04",
  uri: "https://example.com/hook",
  email: "alice@example.com",
  uuid: "0f8fad5b-d9cb-469f-a165-70867728950e",
  byte: "aGVsbG8=",
};

/** What one item of a paged list is called, from its items' schema (`participants` → `participant`). */
function itemNameOf(doc, operation, itemsKey) {
  const schema = resolveRef(doc, operation.responses["200"]).content["application/json"].schema;
  const items = resolveRef(doc, resolveRef(doc, schema).properties[itemsKey]);
  return nameOf(items.items?.$ref, "item");
}

/** The `$ref` of the first 2xx JSON body's schema. */
function successRef(doc, operation) {
  const code = Object.keys(operation.responses ?? {}).find((c) => /^2\d\d$/.test(c));
  return code && resolveRef(doc, operation.responses[code]).content?.["application/json"]?.schema?.$ref;
}

/** `#/components/schemas/ServiceConversationParticipant` → `participant` (its last word). */
function nameOf(ref, fallback) {
  const words = ref
    ?.split("/")
    .at(-1)
    ?.match(/[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])/g);
  const name = words?.at(-1)?.toLowerCase();
  return name && /^[a-z][a-z0-9]*$/.test(name) && !RESERVED.has(name) ? name : fallback;
}

const RESERVED = new Set([
  "client",
  "default",
  "class",
  "function",
  "new",
  "delete",
  "var",
  "let",
  "const",
  "import",
  "export",
  "return",
  "this",
  "void",
  "with",
  "yield",
  "await",
  "enum",
  "in",
  "of",
  "if",
  "for",
]);
