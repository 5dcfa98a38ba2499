// Reads the OpenAPI document and resolves local `$ref`s, so later steps see plain schemas.
import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { asOpenApi31 } from "./openapi-30.mjs";
import { camelName } from "./ts-names.mjs";

/** The document as 3.1 (a 3.0 one converted: openapi-30.mjs), with a `$ref` resolver. */
export async function loadSpec(specPath) {
  const doc = asOpenApi31(parse(await readFile(specPath, "utf8")));
  return { doc, resolve: (node) => resolveRef(doc, node) };
}

/** Follows `#/a/b/c` references (possibly chained) inside one document. */
export function resolveRef(doc, node) {
  let current = node;
  for (let hops = 0; current && typeof current.$ref === "string"; hops++) {
    if (hops > 32) throw new Error(`reference loop at ${node.$ref}`);
    if (!current.$ref.startsWith("#/")) throw new Error(`only local references are supported: ${current.$ref}`);
    current = current.$ref
      .slice(2)
      .split("/")
      .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce((obj, key) => obj?.[key], doc);
    if (current === undefined) throw new Error(`unresolved reference ${node.$ref}`);
  }
  return current;
}

/** Every operation in the document, in document order. */
export function listOperations(doc) {
  const methods = ["get", "put", "post", "delete", "patch", "head", "options"];
  const result = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of methods) {
      if (item[method]) result.push({ path, method, operation: item[method], pathItem: item });
    }
  }
  return result;
}

/** `CreateServiceConversationParticipant` → `createServiceConversationParticipant` (any spelling: ts-names.mjs). */
export const methodName = camelName;
