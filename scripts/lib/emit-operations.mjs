// The operation table the client is built from: one entry per operation, with everything the
// client needs at run time (method, path, content type, each input field and how it goes on the
// wire, the success status, whether it is a paged list, and its input validator). Printed as
// TypeScript by ts-print.mjs; the entry's shape is `OperationEntry` in src/types.ts.
import { generatedHeader } from "./header.mjs";
import { inputValidatorName } from "./emit-validators.mjs";
import { inlineRefs } from "./input-schema.mjs";
import { listOperations, methodName } from "./load-spec.mjs";
import { literal, raw } from "./ts-print.mjs";
import { distinctNames } from "./ts-names.mjs";

const FORM = "application/x-www-form-urlencoded";
const SCALARS = ["string", "integer", "number", "boolean"];

/**
 * Each operation's table entry (`validate` as the validator's name, an expression), with its method
 * name (`key`), validator name and summary/description, in document order.
 */
export function operationEntries(doc, resolve) {
  const operations = listOperations(doc);
  for (const { path, method, operation } of operations)
    if (typeof operation.operationId !== "string")
      throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
  const keys = distinctNames(operations, (o) => o.operation.operationId, methodName, "the operationIds");
  return operations.map(({ path, method, operation, pathItem }, index) => {
    const at = (where) => `${operation.operationId}: ${where}`;
    const params = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map(resolve);
    const group = (where) =>
      Object.fromEntries(
        params
          .filter((p) => p.in === where)
          .map((p) => [p.name, fieldKind(inlineRefs(p.schema, resolve), at(`${where} parameter ${p.name}`))]),
      );
    const body = resolve(operation.requestBody ?? {});
    const [contentType, media] = Object.entries(body.content ?? {})[0] ?? [null, null];
    if (contentType !== null && contentType !== FORM)
      throw new Error(`${at("request body")} is ${contentType}; the client sends ${FORM} only`);
    const bodySchema = media ? inlineRefs(media.schema, resolve) : { properties: {} };
    const success = Object.keys(operation.responses ?? {}).find((code) => /^2\d\d$/.test(code));
    if (!success) throw new Error(`${at("responses")} declare no 2xx status`);
    // A HEAD answer never has a body (RFC 9110 9.3.2): content declared for it describes the GET's.
    const response = method === "head" ? {} : resolve(operation.responses[success]);
    const name = inputValidatorName(operation.operationId);
    return {
      name,
      key: keys[index],
      summary: operation.summary,
      description: operation.description,
      entry: {
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        requestContentType: contentType,
        successStatus: Number(success),
        successHasBody: Object.keys(response.content ?? {}).length > 0,
        fields: {
          path: group("path"),
          header: group("header"),
          query: group("query"),
          body: Object.fromEntries(
            Object.entries(bodySchema.properties ?? {}).map(([field, s]) => [
              field,
              fieldKind(s, at(`body field ${field}`)),
            ]),
          ),
        },
        list: listOf(success, response, resolve),
        validate: raw(name),
      },
    };
  });
}

export function emitOperations(doc, resolve, specName, typesModule) {
  const operations = operationEntries(doc, resolve);
  const servers = (doc.servers ?? []).map((s) => ({
    url: s.url,
    variables: Object.fromEntries(
      Object.entries(s.variables ?? {}).map(([k, v]) => [k, { default: v.default, enum: v.enum ?? null }]),
    ),
  }));

  return [
    generatedHeader(specName),
    `import type { OperationEntry } from ${JSON.stringify(typesModule)};`,
    `import { ${operations.map((o) => o.name).join(", ")} } from "./validators.js";`,
    "",
    "/** Every operation in the spec, keyed by the client method that calls it. */",
    `export const operationTable = ${literal(Object.fromEntries(operations.map((o) => [o.key, o.entry])))} as const satisfies Readonly<Record<string, OperationEntry>>;`,
    "",
    "export type OperationTable = typeof operationTable;",
    "",
    "/** The spec's `servers`: the default host first, then templated (regional) hosts. */",
    `export const servers = ${literal(servers)} as const;`,
    "",
  ].join("\n");
}

/** How a field goes on the wire (`FieldKind`): a scalar, a date-time, or an array of scalars. */
function fieldKind(schema, at) {
  const [type, ...more] = typesOf(schema);
  if (type === "string") return schema.format === "date-time" ? "date-time" : "string";
  if (SCALARS.includes(type) && !more.length) return type;
  if (type === "array" && !more.length) {
    const items = typesOf(schema.items ?? {});
    if (items.length === 1 && SCALARS.includes(items[0])) return "array";
  }
  throw new Error(
    `${at} has type ${JSON.stringify(schema.type)}${type === "array" ? ` with items ${JSON.stringify(schema.items?.type)}` : ""}: ` +
      "a query or form field carries one scalar (string, integer, number, boolean, maybe null) or an array of them",
  );
}

/** The schema's types besides `null` (3.1's way to say nullable). */
const typesOf = (schema) => [schema.type].flat().filter((t) => t !== undefined && t !== "null");

/** Twilio's paged list: a 200 JSON body with one array property besides `meta.next_page_url`. */
function listOf(status, response, resolve) {
  const media = response.content?.["application/json"];
  if (status !== "200" || !media) return null;
  const properties = inlineRefs(media.schema, resolve).properties ?? {};
  if (!properties.meta?.properties?.next_page_url) return null;
  const arrays = Object.entries(properties).filter(([key, s]) => key !== "meta" && typesOf(s).includes("array"));
  return arrays.length === 1 ? { itemsKey: arrays[0][0] } : null;
}
