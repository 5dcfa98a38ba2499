// Compiles schemas into standalone validator code (Ajv, ahead of time), so no validator library
// ships: generated/validators.ts holds one validator per operation, of its whole input (what the
// client checks every call with); generated/schema-validators.ts one per component schema (for
// tests: request and response bodies). Both get the formats and the code-point count inlined, so
// the output has no `require()`.
import Ajv2020 from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";
import { _ } from "ajv";
import { inlineRefs, inputSchemas } from "./input-schema.mjs";
import { addFormats, formatsSource, UCS2LENGTH_SOURCE } from "./formats-source.mjs";
import { generatedHeader } from "./header.mjs";
import { distinctNames, typeName } from "./ts-names.mjs";

/** Ajv as the generator configures it; `code` options only for standalone output. */
export function createAjv(code) {
  const ajv = new Ajv2020({
    allErrors: true, // report every offending field, not only the first
    messages: false, // src/internal/validate.ts words each finding itself; keeps the output small
    strict: true, // an unknown keyword (a typo) stops the generator instead of checking nothing
    ...(code && { code }),
  });
  ajv.addKeyword("example");
  addFormats(ajv);
  addJsonContentKeyword(ajv);
  return ajv;
}

/** The name of an operation's input validator in generated/validators.ts. */
export const inputValidatorName = (operationId) => `validate${typeName(operationId)}Input`;

/** generated/validators.ts: one validator per operation, of its whole input `{ path, header, query, body }`. */
export function emitInputValidators(doc, resolve, specName, typesModule) {
  const schemas = Object.fromEntries(
    inputSchemas(doc, resolve).map(({ operation, schema }) => [inputValidatorName(operation.operationId), schema]),
  );
  return standaloneModule(
    schemas,
    [
      generatedHeader(specName) +
        "// @ts-nocheck — Ajv's standalone output is plain JavaScript; the exports below are typed.",
      "// Each operation's input validator, compiled from the spec by Ajv (src/internal/validate.ts words its findings).",
      "/* eslint-disable */",
      `import type { InputValidator } from ${JSON.stringify(typesModule)};`,
    ],
    "InputValidator",
  );
}

/** generated/schema-validators.ts: one validator per component schema. */
export function emitValidators(doc, resolve, specName) {
  const entries = Object.entries(doc.components?.schemas ?? {});
  const names = distinctNames(entries, ([name]) => name, typeName, "the schemas");
  const schemas = Object.fromEntries(
    entries.map(([, schema], i) => [`validate${names[i]}`, inlineRefs(schema, resolve)]),
  );
  return standaloneModule(
    schemas,
    [
      generatedHeader(specName) +
        "// @ts-nocheck — Ajv's standalone output is plain JavaScript; the exports below are typed.",
      "/* eslint-disable */",
      "",
      "/** One failed rule, as reported by the compiled validators. */",
      "export interface ValidationIssue {",
      "  /** JSON Pointer to the offending value, e.g. `/body/RoleSid`. */",
      "  instancePath: string;",
      "  /** The JSON Schema keyword that failed: `pattern`, `maxLength`, `format`, … */",
      "  keyword: string;",
      "  params: Record<string, unknown>;",
      "  message?: string;",
      "}",
      "",
      "/** A compiled validator: returns whether `data` is valid; on failure `errors` lists why. */",
      "export interface Validator {",
      "  (data: unknown): boolean;",
      "  errors?: ValidationIssue[] | null;",
      "}",
    ],
    "Validator",
  );
}

/** A module exporting one standalone validator per entry of `schemas` (export name → schema), typed `type`. */
function standaloneModule(schemas, preamble, type) {
  const ajv = createAjv({ source: true, esm: true, formats: _`__formats` });
  const exportsByName = {};
  for (const [name, schema] of Object.entries(schemas)) {
    ajv.addSchema({ ...schema, $id: name });
    try {
      ajv.getSchema(name); // compiles it now, so a failure (an unknown keyword, say) names its schema
    } catch (error) {
      throw new Error(`${name}: ${error.message}`, { cause: error });
    }
    exportsByName[name] = name;
  }
  const code = shorten(
    standaloneCode(ajv, exportsByName).replace(/require\("ajv\/dist\/runtime\/ucs2length"\)\.default/g, "ucs2length"),
  );
  if (/\brequire\(/.test(code))
    throw new Error("standalone validator code still calls require() (a keyword needing Ajv's runtime?)");

  const names = Object.keys(exportsByName);
  return [
    ...preamble,
    "",
    "// Ajv standalone output, wrapped so its helpers stay private to this module.",
    "const compiled: any = /* @__PURE__ */ (function () {",
    `const __formats: any = ${formatsSource(formatsIn(Object.values(schemas)))};`,
    UCS2LENGTH_SOURCE,
    code.replace(/^"use strict";/, "").replace(/export const (\w+) = /g, "const $1 = "),
    `return { ${names.join(", ")} };`,
    "})();",
    "",
    ...names.map((n) => `export const ${n}: ${type} = compiled.${n};`),
    "",
  ].join("\n");
}
/** The names of the formats `schemas` use (only those are inlined). */
function formatsIn(schemas) {
  const names = new Set();
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    if (typeof node.format === "string") names.add(node.format);
    Object.values(node).forEach(walk);
  };
  walk(schemas);
  return [...names];
}

/** A JavaScript string literal in double quotes, as Ajv writes them. */
const STRING = String.raw`"(?:[^"\\]|\\.)*"`;

/**
 * Drops what no caller reads, checking nothing less: each finding's `schemaPath` (callers go by
 * instancePath, keyword and params), and the copies of whole schemas Ajv keeps only so that a few
 * params (an enum's allowed values) can point into them.
 */
function shorten(code) {
  const out = inlineSchemaConstants(code.replace(new RegExp(`schemaPath:${STRING},`, "g"), ""));
  if (/\bschemaPath\b/.test(out)) throw new Error("validator code still carries schemaPath");
  return out;
}

/** Replaces every `schemaN.a.b["c"]` with the value it points at, then drops unused `schemaN`s. */
function inlineSchemaConstants(code) {
  let out = code;
  for (const name of new Set([...code.matchAll(/const (schema\d+) = /g)].map((m) => m[1]))) {
    const declaration = new RegExp(`const ${name} = `).exec(out);
    const start = declaration.index + declaration[0].length;
    const end = endOfJson(out, start);
    const schema = JSON.parse(out.slice(start, end));
    const reference = new RegExp(`\\b${name}((?:\\.[A-Za-z_$][\\w$]*|\\[(?:${STRING}|\\d+)\\])+)`, "g");
    const body = (out.slice(0, declaration.index) + "\0" + out.slice(end + 1)).replace(reference, (_, path) =>
      JSON.stringify(
        [...path.matchAll(new RegExp(`\\.([A-Za-z_$][\\w$]*)|\\[(${STRING}|\\d+)\\]`, "g"))].reduce(
          (value, [, key, index]) => value[key ?? JSON.parse(index)],
          schema,
        ),
      ),
    );
    const [before, after] = body.split("\0");
    // Still used whole (say, as a validator's `schema`): keep it.
    out = new RegExp(`\\b${name}\\b`).test(body)
      ? before + out.slice(declaration.index, end + 1) + after
      : before + after;
  }
  return out;
}

/** Index just past the JSON object or array that starts at `start`. */
function endOfJson(text, start) {
  let depth = 0;
  for (let i = start, inString = false; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") depth++;
    else if ((c === "}" || c === "]") && --depth === 0) return i + 1;
  }
  throw new Error("unterminated schema literal in validator code");
}

/**
 * `contentMediaType: application/json` is only an annotation in JSON Schema 2020-12; here it is
 * made a real check, so `Attributes` must be parseable JSON.
 */
function addJsonContentKeyword(ajv) {
  ajv.removeKeyword("contentMediaType");
  ajv.addKeyword({
    keyword: "contentMediaType",
    type: "string",
    schemaType: "string",
    error: { message: "must be a string of valid JSON" },
    code(cxt) {
      if (cxt.schema !== "application/json") {
        throw new Error(`contentMediaType ${cxt.schema} is not supported by the generator`);
      }
      const valid = cxt.gen.let("valid", true);
      cxt.gen.try(
        () => cxt.gen.code(_`JSON.parse(${cxt.data})`),
        () => cxt.gen.assign(valid, false),
      );
      cxt.pass(valid);
    },
  });
}
