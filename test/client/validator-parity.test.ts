// Differential: the client's input checks (src/internal/rules.ts over the generated rule tables) against Ajv
// compiling the same operation input schemas from the spec at test time, worded the way the client
// worded Ajv's findings before it dropped Ajv. For many generated inputs (valid values, lengths near
// the limit with astral characters, pattern near-misses, impossible dates, non-strings, unknown
// fields, `__proto__` keys, missing groups) both must give the very same problems, in order.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FieldRules, GroupRules, InputRules } from "../../generated/validators.js";
import { problemsOf } from "../../src/internal/validate.js";
import type { ValidationProblem } from "../../src/index.js";
import { root } from "../helpers/pipeline.js";

const lib = (name: string) => import(pathToFileURL(join(root, "scripts/lib", name)).href);
const { loadSpec } = await lib("load-spec.mjs");
const { compileInputValidators } = await lib("emit-validators.mjs");
const { emitRules } = await lib("emit-rules.mjs");
const { formats } = await lib("formats-source.mjs");

interface AjvIssue { instancePath: string; keyword: string; params: Record<string, unknown> }
type AjvValidate = ((data: unknown) => boolean) & { errors?: AjvIssue[] | null };

/** Ajv's findings, worded as src/internal/validate.ts worded them while the client shipped Ajv's code. */
function ajvProblems(validate: AjvValidate, input: unknown): ValidationProblem[] {
  if (validate(input)) return [];
  return validate.errors!.map((issue) => {
    const [where = "input", ...rest] = issue.instancePath.split("/").slice(1).map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"));
    const p = issue.params;
    let field = rest.join("/") || where;
    const says: Record<string, string> = {
      pattern: `must match the pattern ${String(p.pattern)}`,
      maxLength: `must be at most ${String(p.limit)} characters`,
      minLength: `must be at least ${String(p.limit)} characters`,
      enum: `must be one of ${((p.allowedValues ?? []) as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`,
      format: `must be a valid ${String(p.format)}${p.format === "date-time" ? " (RFC 3339, e.g. 2023-05-04T09:42:00.123Z) or a Date" : ""}`,
      type: `must be of type ${String(p.type)}`,
      contentMediaType: "must be a string of valid JSON",
    };
    let message = `${field} ${says[issue.keyword] ?? `breaks the rule ${issue.keyword}`}`;
    if (issue.keyword === "additionalProperties") {
      field = String(p.additionalProperty);
      message = `${field} is not a ${where === "input" ? "known input" : `${where} field of this operation`}`;
    } else if (issue.keyword === "required") {
      field = String(p.missingProperty);
      message = `${field} is required`;
    }
    return { in: where, field, rule: issue.keyword, message };
  });
}

// ---- Inputs, generated from each field's rules --------------------------------------------------

const ASTRAL = ["😀", "𝄞", "\u{10FFFF}"];
const NOISE = ["a", "Z", "0", "f", " ", "\n", "é", "/", "~", ".", "-", ...ASTRAL, "\ud800", "\udc00"];
const noise = (max: number) => fc.array(fc.constantFrom(...NOISE), { maxLength: max }).map((a) => a.join(""));
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Date-times in and out of the calendar: 29–31 February, 31 April, leap and common years. */
const dateTime = fc
  .record({
    year: fc.constantFrom(1900, 2000, 2023, 2024, 2100, 0, 9999),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    time: fc.constantFrom("T00:00:00Z", "t23:59:60.123z", "T12:30:00+05:30", "T24:00:00Z", "T12:00:00", " 12:00:00Z", "T12:00:00.Z"),
  })
  .map(({ year, month, day, time }) => `${pad(year, 4)}-${pad(month)}-${pad(day)}${time}`);

const json = fc.oneof(fc.json({ maxDepth: 2 }), fc.json({ maxDepth: 2 }).map((j) => j.slice(0, -1)), fc.constantFrom("", "{'a':1}", "NaN", "[1,", '{"a":1}'));

/** A valid value, then one character changed, dropped, added, or its letters' case flipped. */
const nearMiss = (valid: fc.Arbitrary<string>) =>
  fc.tuple(valid, fc.nat(), fc.constantFrom(...NOISE), fc.constantFrom("replace", "insert", "delete", "case")).map(([v, i, c, how]) => {
    const at = v.length ? i % v.length : 0;
    if (how === "replace") return v.slice(0, at) + c + v.slice(at + 1);
    if (how === "insert") return v.slice(0, at) + c + v.slice(at);
    if (how === "delete") return v.slice(0, at) + v.slice(at + 1);
    return v === v.toLowerCase() ? v.toUpperCase() : v.toLowerCase();
  });

/** Around a length limit, counted in code points: BMP, astral and lone-surrogate mixes. */
const nearLength = (limit: number) =>
  fc.tuple(fc.integer({ min: Math.max(0, limit - 2), max: limit + 2 }), fc.constantFrom("a", "😀", "mixed")).map(([n, kind]) =>
    Array.from({ length: n }, (_, i) => (kind === "mixed" ? NOISE[i % NOISE.length] === "\ud800" ? "😀" : NOISE[i % NOISE.length]! : kind)).join(""));

const nonString = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.constant({ a: 1 }), fc.constant(new Date(0)));

function value(rule: FieldRules): fc.Arbitrary<unknown> {
  const strings: fc.Arbitrary<unknown>[] = [noise(6), fc.string({ unit: "binary", maxLength: 8 })];
  if (rule.pattern !== undefined && !/\(\?[=!<]/.test(rule.pattern)) {
    const valid = fc.stringMatching(rule.regex!);
    strings.push(valid, valid, nearMiss(valid));
  }
  if (rule.pattern !== undefined) strings.push(fc.constantFrom("", ".", "..", "...", "a.", "CH0123456789abcdef0123456789abcdef"));
  if (rule.maxLength !== undefined) strings.push(nearLength(rule.maxLength));
  if (rule.minLength !== undefined) strings.push(nearLength(rule.minLength));
  if (rule.enum) strings.push(fc.constantFrom(...rule.enum), fc.constantFrom(...rule.enum).map((v) => `${v}\n`), fc.constantFrom(...rule.enum).map((v) => String(v).toUpperCase()));
  if (rule.format === "date-time") strings.push(dateTime, dateTime, nearMiss(dateTime));
  if (rule.format === "uri") strings.push(fc.webUrl(), nearMiss(fc.webUrl()));
  if (rule.contentMediaType) strings.push(json, json);
  return fc.oneof({ arbitrary: fc.oneof(...strings), weight: 6 }, { arbitrary: nonString, weight: 1 });
}

/** A value that keeps every rule of the field (mostly: the oracle decides). */
function validValue(rule: FieldRules): fc.Arbitrary<string> {
  if (rule.enum) return fc.constantFrom(...rule.enum.map(String));
  if (rule.format === "date-time") return dateTime.filter((d) => formats["date-time"](d));
  if (rule.format === "uri") return fc.webUrl();
  if (rule.contentMediaType) return fc.json({ maxDepth: 2 });
  if (rule.pattern !== undefined && !/\(\?[=!<]/.test(rule.pattern)) return fc.stringMatching(rule.regex!);
  const min = rule.minLength ?? 0;
  return fc.array(fc.constantFrom("a", "é", "😀", "\u{10FFFF}", " "), { minLength: min, maxLength: Math.min(rule.maxLength ?? min + 8, min + 8) }).map((a) => a.join(""));
}

function validInputOf(rules: InputRules): fc.Arbitrary<unknown> {
  return fc.record(Object.fromEntries(rules.groups.map((g) => [g.name, fc.record(
    Object.fromEntries(g.fields.map((f) => [f.name, validValue(f)])),
    { requiredKeys: g.required.filter((name) => g.fields.some((f) => f.name === name)) },
  )])));
}

const UNKNOWN_KEYS = ["__proto__", "constructor", "toString", "identity", "Identity ", "a/b", "x~y", ""];

/** An object with exactly these own, enumerable keys, `__proto__` included; sometimes prototype-free. */
function build(entries: [string, unknown][], bare: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = bare ? Object.create(null) : {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

/** Some entries, in any order (for...in order is not the table's). */
const shuffled = (parts: fc.Arbitrary<([string, unknown] | null)[]>) =>
  parts.chain((list) => {
    const entries = list.filter((e): e is [string, unknown] => e !== null);
    return fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length });
  });

function groupValue(group: GroupRules): fc.Arbitrary<unknown> {
  const entries = shuffled(
    fc.tuple(
      fc.tuple(...group.fields.map((f) => fc.option(value(f).map((v): [string, unknown] => [f.name, v]), { freq: 3 }))),
      fc.array(fc.tuple(fc.constantFrom(...UNKNOWN_KEYS), fc.oneof(fc.string(), nonString)), { maxLength: 2 }),
    ).map(([fields, unknown]) => [...fields, ...unknown]),
  );
  return fc.oneof(
    { arbitrary: fc.tuple(entries, fc.boolean()).map(([e, bare]) => build(e, bare)), weight: 12 },
    { arbitrary: fc.constantFrom(null, [], "body", 1, new Map()), weight: 1 },
  );
}

function inputOf(rules: InputRules): fc.Arbitrary<unknown> {
  const groups = shuffled(
    fc.tuple(
      ...rules.groups.map((g) => fc.option(groupValue(g).map((v): [string, unknown] => [g.name, v]), { freq: 5 })),
      fc.option(fc.tuple(fc.constantFrom("__proto__", "bdy", "signal"), fc.constant({})), { freq: 1 }),
    ),
  );
  return fc.oneof(
    { arbitrary: groups.map((entries) => build(entries, false)), weight: 20 },
    { arbitrary: fc.constantFrom(null, [], "input", 42), weight: 1 },
  );
}

// ---- The operations: the real spec and the two-operation fixture --------------------------------

async function operations(spec: string, generated: string) {
  const { doc, resolve } = await loadSpec(join(root, spec));
  const ajv: Record<string, AjvValidate> = compileInputValidators(doc, resolve);
  const { operationTable } = await import(pathToFileURL(join(root, generated, "operations.ts")).href);
  return Object.values(operationTable as Record<string, { operationId: string; inputRules: InputRules }>).map((e) => ({
    name: e.operationId, rules: e.inputRules, ajv: ajv[e.operationId]!,
  }));
}

/** Every keyword the tables support, together on single fields (no real spec has all of them). */
async function allKeywords() {
  const s = (schema: object) => ({ type: "string", ...schema });
  const doc = {
    paths: {
      "/v1/Mixes/{MixSid}": {
        post: {
          operationId: "CreateMix",
          parameters: [
            { name: "MixSid", in: "path", required: true, schema: s({ minLength: 3, maxLength: 5, pattern: "^M[a-z😀]+$" }) },
            { name: "Mode", in: "query", schema: s({ enum: ["fast", "slow", "😀😀😀"], maxLength: 4, minLength: 2, pattern: "^[a-z]+$" }) },
            { name: "X-Kind", in: "header", required: true, schema: s({ enum: ["a", "b"] }) },
          ],
          requestBody: {
            required: true,
            content: { "application/x-www-form-urlencoded": { schema: { type: "object", required: ["Site"], properties: {
              Site: s({ format: "uri", maxLength: 30 }),
              When: s({ format: "date-time", enum: ["2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "x"] }),
              Json: s({ contentMediaType: "application/json", minLength: 2, pattern: "^[\\[{]" }),
              Plain: s({}),
            } } } },
          },
          responses: { "201": { description: "Created." } },
        },
      },
    },
  };
  const resolve = (node: unknown) => node;
  const dir = await mkdtemp(join(tmpdir(), "tcp-rules-"));
  await writeFile(join(dir, "validators.ts"), emitRules(doc, resolve, "mix.yaml"));
  const { createMixInputRules } = await import(pathToFileURL(join(dir, "validators.ts")).href);
  return [{ name: "CreateMix (every keyword)", rules: createMixInputRules as InputRules, ajv: compileInputValidators(doc, resolve).CreateMix as AjvValidate }];
}

const OPERATIONS = [
  ...(await operations("spec/openapi.yaml", "generated")),
  ...(await operations("test/fixtures/two-operations/spec/openapi.yaml", "test/fixtures/two-operations/generated")),
  ...(await allKeywords()),
];

describe.each(OPERATIONS)("$name: rule table and Ajv agree", ({ rules, ajv }) => {
  it("on 4,000 generated inputs, problem for problem and in order", () => {
    let valid = 0;
    fc.assert(
      fc.property(fc.oneof(inputOf(rules), validInputOf(rules)), (input) => {
        const expected = ajvProblems(ajv, input);
        expect(problemsOf(rules, input)).toEqual(expected);
        if (expected.length === 0) valid++;
      }),
      { numRuns: 4_000 },
    );
    expect(valid).toBeGreaterThan(40); // the valid side is exercised too
  });

  it("on hand-picked edge cases", () => {
    const sid = (prefix: string) => `${prefix}0123456789abcdef0123456789abcdef`;
    const pathOf = (extra: Record<string, unknown> = {}) =>
      Object.fromEntries([...(rules.groups.find((g) => g.name === "path")?.fields ?? []).map((f) => [f.name, sid(f.pattern?.slice(1, 3) ?? "XX")]), ...Object.entries(extra)]);
    const cases: unknown[] = [
      {}, { path: {} }, { path: pathOf() }, { path: pathOf({ Sid: "x" }) }, { path: [] }, { path: null }, { header: "x" },
      { path: pathOf(), body: JSON.parse('{"__proto__":{"Identity":"smuggled"}}') },
      { path: pathOf(), body: { DateCreated: "2023-02-29T00:00:00Z", DateUpdated: "2024-02-29T00:00:00Z" } },
      { path: pathOf(), body: { DateCreated: "2100-02-29T00:00:00Z", DateUpdated: "2000-02-29T00:00:00Z" } },
      { path: pathOf(), body: { MadeAt: "2023-04-31T00:00:00Z", Name: "😀".repeat(20) } },
      { path: pathOf(), body: { Name: "😀".repeat(21), Identity: "😀".repeat(256) } },
      { path: pathOf(), body: { Identity: "😀".repeat(257), RoleSid: `${sid("RL")}\n`, Attributes: "{" } },
      { path: pathOf(), header: { "X-Twilio-Webhook-Enabled": 1 } },
      { path: pathOf({ ChatServiceSid: 5, ConversationSid: "..", WidgetSid: "wg" }), query: { a: 1 }, bdy: 1 },
    ];
    for (const input of cases) expect(problemsOf(rules, input), JSON.stringify(input)).toEqual(ajvProblems(ajv, input));
  });
});

describe("the formats src/internal/rules.ts checks match scripts/lib/formats-source.mjs", () => {
  it.each(Object.keys(formats))("%s", (format) => {
    const rules: InputRules = { required: [], groups: [{ name: "body", required: [], fields: [{ name: "F", format: format as FieldRules["format"] }] }] };
    const strings = format === "date-time" ? fc.oneof(dateTime, nearMiss(dateTime)) : fc.oneof(fc.webUrl(), nearMiss(fc.webUrl()), noise(8));
    fc.assert(fc.property(strings, (s) => {
      expect(problemsOf(rules, { body: { F: s } }).length === 0).toBe(formats[format](s));
    }), { numRuns: 3_000 });
  });
});

describe("the generator", () => {
  it.each([
    ["multipleOf", { type: "string", multipleOf: 2 }],
    ["oneOf", { oneOf: [{ type: "string" }, { type: "string", maxLength: 3 }] }],
    ["integer", { type: "integer" }],
    ["contentMediaType", { type: "string", contentMediaType: "text/plain" }],
    ["format", { type: "string", format: "email" }],
  ])("refuses a body field whose rules src/internal/rules.ts cannot check (%s), naming it and the field", async (keyword, schema) => {
    const { doc, resolve } = await loadSpec(join(root, "spec/openapi.yaml"));
    doc.components.schemas.CreateServiceConversationParticipantRequest.properties.Nickname = schema;
    expect(() => emitRules(doc, resolve, "spec/openapi.yaml")).toThrow(
      new RegExp(`CreateServiceConversationParticipant: body field Nickname uses .*${keyword}.*src/internal/rules\\.ts cannot check`),
    );
  });
});
