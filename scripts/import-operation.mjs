#!/usr/bin/env node
// `npm run spec:import -- <operationId>… [--from <description>]`: prints, as YAML to paste into
// spec/openapi.yaml, the named operations of Twilio's description (by default the copy in
// test/fixtures/twilio-oai) with the component schemas they use, read as OpenAPI 3.1
// (lib/openapi-30.mjs), without Twilio's `x-*` extensions, each schema under the TypeScript name the
// generator would give it (lib/ts-names.mjs) and every `$ref` pointing there. The result is a start,
// not the end: this project's strict lint then asks for what Twilio leaves out (a description on
// every property, SID patterns, 4xx responses); spec/README.md says how to finish.
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { parse, stringify } from "yaml";
import { asOpenApi31 } from "./lib/openapi-30.mjs";
import { listOperations } from "./lib/load-spec.mjs";
import { typeName } from "./lib/ts-names.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SCHEMA_REF = "#/components/schemas/";

/** The operations named, with the component schemas they reach, as a 3.1 fragment `{ paths, components }`. */
export function importOperations(description, operationIds) {
  const doc = asOpenApi31(description);
  const wanted = new Set(operationIds);
  const paths = {};
  for (const { path, method, operation } of listOperations(doc)) {
    if (!wanted.delete(operation.operationId)) continue;
    (paths[path] ??= {})[method] = operation;
  }
  if (wanted.size) throw new Error(`no operation ${[...wanted].join(", ")} in the description`);
  const schemas = {};
  const reach = (node) => {
    if (Array.isArray(node)) return node.forEach(reach);
    if (!node || typeof node !== "object") return;
    const name =
      typeof node.$ref === "string" && node.$ref.startsWith(SCHEMA_REF) && node.$ref.slice(SCHEMA_REF.length);
    if (name && !(name in schemas)) {
      schemas[name] = doc.components.schemas[name];
      reach(schemas[name]);
    }
    Object.values(node).forEach(reach);
  };
  reach(paths);
  return clean({
    paths,
    components: { schemas: Object.fromEntries(Object.entries(schemas).map(([n, s]) => [typeName(n), s])) },
  });
}

/** Drops `x-*` keys and points each schema `$ref` at the schema's new name. */
function clean(node) {
  if (Array.isArray(node)) return node.map(clean);
  if (!node || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith("x-")) continue;
    out[key] =
      key === "$ref" && typeof value === "string" && value.startsWith(SCHEMA_REF)
        ? SCHEMA_REF + typeName(value.slice(SCHEMA_REF.length))
        : clean(value);
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { from: { type: "string", default: join(root, "test/fixtures/twilio-oai/twilio_conversations_v1.json") } },
  });
  if (!positionals.length) {
    console.error("usage: npm run spec:import -- <operationId>… [--from <description.json|yaml>]");
    process.exit(2);
  }
  try {
    const fragment = importOperations(parse(await readFile(values.from, "utf8")), positionals);
    process.stdout.write(stringify(fragment, { lineWidth: 0, aliasDuplicateObjects: false }));
  } catch (error) {
    console.error(error.message);
    process.exitCode = 1;
  }
}
