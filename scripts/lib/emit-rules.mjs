// The client's input rules as plain data: for each operation, per input group (path, header, query,
// body) which fields exist, which are required, and only the JSON Schema keywords each field uses.
// src/internal/rules.ts checks a call against them. A keyword it could not check stops the generator here,
// naming the keyword and the field, so no rule of the spec is ever dropped in silence.
import { inputSchemas } from "./input-schema.mjs";
import { formats, FORMATS_BODY, UCS2LENGTH_SOURCE } from "./formats-source.mjs";
import { generatedHeader } from "./header.mjs";
import { methodName } from "./load-spec.mjs";

/** What src/internal/rules.ts checks on a field, in the order it reports them (Ajv's order). */
const FIELD_KEYWORDS = ["type", "enum", "maxLength", "minLength", "pattern", "format", "contentMediaType"];
const GROUP_KEYWORDS = ["type", "properties", "required", "additionalProperties"];
/** Annotations: JSON Schema (and Ajv) never validate them. */
const ANNOTATIONS = ["default", "deprecated", "readOnly", "writeOnly", "$comment"];

export function emitRules(doc, resolve, specName) {
  const tables = inputSchemas(doc, resolve).map(({ operation, schema }) => {
    const where = (group, field) => `${operation.operationId}: ${group}${field === undefined ? "" : ` field ${field}`}`;
    const groups = Object.entries(schema.properties).map(([name, group]) => groupRules(name, group, where));
    const rules = `{\n  required: ${list(schema.required)},\n  groups: [\n${groups.join("")}  ],\n}`;
    return `export const ${methodName(operation.operationId)}InputRules: InputRules = ${rules};\n`;
  });
  return [
    generatedHeader(specName) + "// Each operation's input rules, read from the spec; src/internal/rules.ts checks calls against them.",
    "",
    "/** The rules of one field, a string: only the keywords the spec gives it. */",
    "export interface FieldRules {",
    "  readonly name: string;",
    "  readonly enum?: readonly (string | number | boolean | null)[];",
    "  /** Lengths count Unicode code points, as JSON Schema does. */",
    "  readonly maxLength?: number;",
    "  readonly minLength?: number;",
    "  /** The pattern as the spec writes it, and compiled once in Unicode mode (JSON Schema's regexes). */",
    "  readonly pattern?: string;",
    "  readonly regex?: RegExp;",
    `  readonly format?: ${Object.keys(formats).map((f) => JSON.stringify(f)).join(" | ")};`,
    "  /** The string must parse as JSON. */",
    '  readonly contentMediaType?: "application/json";',
    "}",
    "",
    "/** One input group: its fields, the required ones, and whether unknown fields pass (`open`). */",
    "export interface GroupRules {",
    '  readonly name: "path" | "header" | "query" | "body";',
    "  readonly required: readonly string[];",
    "  readonly fields: readonly FieldRules[];",
    "  readonly open?: true;",
    "}",
    "",
    "/** An operation's whole input: its groups, and which of them must be given. */",
    "export interface InputRules {",
    "  readonly required: readonly string[];",
    "  readonly groups: readonly GroupRules[];",
    "}",
    "",
    "/** The string formats above, as scripts/lib/formats-source.mjs writes them (Ajv checks the same text). */",
    `export const FORMATS = ((): Readonly<Record<NonNullable<FieldRules["format"]>, (s: string) => boolean>> => {\n${FORMATS_BODY}\n})();`,
    "",
    "/** Unicode code points in a string, as JSON Schema's lengths count them (from formats-source.mjs too). */",
    `export const ucs2length: (str: string) => number = ${UCS2LENGTH_SOURCE};`,
    "",
    ...tables,
  ].join("\n");
}

function groupRules(name, schema, where) {
  refuseUnknown(schema, GROUP_KEYWORDS, where(name));
  if (schema.type !== "object") fail(where(name), `type ${JSON.stringify(schema.type)} (an input group must be an object)`);
  const open = schema.additionalProperties === undefined || schema.additionalProperties === true;
  if (!open && schema.additionalProperties !== false) fail(where(name), "additionalProperties as a schema");
  const fields = Object.entries(schema.properties ?? {}).map(([field, s]) => `        ${fieldRules(s, where(name, field), field)},\n`);
  return [
    `    {\n      name: ${JSON.stringify(name)},\n      required: ${list(schema.required ?? [])},\n`,
    open ? "      open: true,\n" : "",
    fields.length ? `      fields: [\n${fields.join("")}      ],\n` : "      fields: [],\n",
    "    },\n",
  ].join("");
}

const list = (values) => `[${values.map((v) => JSON.stringify(v)).join(", ")}]`;

function fieldRules(schema, at, name) {
  refuseUnknown(schema, FIELD_KEYWORDS, at);
  if (schema.type !== "string") fail(at, `type ${JSON.stringify(schema.type)} (every field is a string)`);
  const parts = [`name: ${JSON.stringify(name)}`];
  for (const keyword of FIELD_KEYWORDS.slice(1)) {
    const value = schema[keyword];
    if (value === undefined) continue;
    const ok = {
      enum: () => Array.isArray(value) && value.every((v) => v === null || ["string", "number", "boolean"].includes(typeof v)),
      maxLength: () => Number.isSafeInteger(value) && value >= 0,
      minLength: () => Number.isSafeInteger(value) && value >= 0,
      pattern: () => typeof value === "string" && compiles(value),
      format: () => Object.hasOwn(formats, value),
      contentMediaType: () => value === "application/json",
    }[keyword]();
    if (!ok) fail(at, `${keyword} ${JSON.stringify(value)}`);
    parts.push(`${keyword}: ${keyword === "enum" ? list(value) : JSON.stringify(value)}`);
    if (keyword === "pattern") parts.push(`regex: new RegExp(${JSON.stringify(value)}, "u")`);
  }
  return `{ ${parts.join(", ")} }`;
}

function refuseUnknown(schema, known, at) {
  for (const keyword of Object.keys(schema)) {
    if (!known.includes(keyword) && !ANNOTATIONS.includes(keyword)) fail(at, keyword);
  }
}

function fail(at, what) {
  throw new Error(`${at} uses ${what}, which src/internal/rules.ts cannot check. Change the spec, or teach ` +
    `src/internal/rules.ts and scripts/lib/emit-rules.mjs the keyword (and test it against Ajv).`);
}

function compiles(pattern) {
  try {
    new RegExp(pattern, "u");
    return true;
  } catch {
    return false;
  }
}
