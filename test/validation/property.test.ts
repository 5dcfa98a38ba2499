// Property-based, over every operation of the operations fixture and of the real spec: inputs are
// built from each operation's own input schema (scripts/lib/input-schema.mjs, read at test time):
// strings, integers, numbers, booleans, nullable fields, arrays, enums, date-times (as strings or
// Dates). Every valid input passes the client's preparation and generated validator; every input
// with one field broken (one rule of it) is rejected naming exactly that field, and that rule.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { operationTable as realTable } from "../../generated/operations.js";
import { TwilioValidationError } from "../../src/index.js";
import { prepareInput } from "../../src/internal/prepare.js";
import type { OperationEntry } from "../../src/types.js";
import { operationTable as fixtureTable } from "../fixtures/operations/generated/operations.js";
import { root } from "../helpers/pipeline.js";
import { runs } from "../helpers/depth.js";

const lib = (name: string) => import(pathToFileURL(join(root, "scripts/lib", name)).href);
const { loadSpec, methodName } = await lib("load-spec.mjs");
const { inputSchemas } = await lib("input-schema.mjs");
const { formats } = await lib("formats-source.mjs");

interface Schema {
  type?: string | string[];
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  contentMediaType?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  maxItems?: number;
  minItems?: number;
  uniqueItems?: boolean;
  example?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
}
type Group = "path" | "header" | "query" | "body";
interface Operation {
  name: string;
  entry: OperationEntry;
  groups: Partial<Record<Group, Schema>>;
}

async function operationsOf(spec: string, table: Record<string, OperationEntry>): Promise<Operation[]> {
  const { doc, resolve } = await loadSpec(join(root, spec));
  return (inputSchemas(doc, resolve) as { operation: { operationId: string }; schema: Schema }[]).map(
    ({ operation, schema }) => ({
      name: operation.operationId,
      entry: table[methodName(operation.operationId)]!,
      groups: schema.properties as Operation["groups"],
    }),
  );
}

const OPERATIONS = [
  ...(await operationsOf("test/fixtures/operations/spec/openapi.yaml", fixtureTable)),
  ...(await operationsOf("spec/openapi.yaml", realTable)),
];

// ---- Valid values, from a field's schema --------------------------------------------------------

const typesOf = (s: Schema) => [s.type ?? []].flat();
const nullable = (s: Schema) => typesOf(s).includes("null");
const lookaround = (pattern: string) => /\(\?<?[=!]/.test(pattern);
/** The pattern without its lookarounds (fast-check cannot generate those), if none is nested. */
const withoutLookarounds = (pattern: string) => {
  const stripped = pattern.replace(/\(\?<?[=!](?:[^()\\]|\\.)*\)/g, "");
  return lookaround(stripped) ? undefined : stripped;
};
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

const dateTime = fc
  .record({
    y: fc.integer({ min: 0, max: 9999 }),
    mo: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
    ms: fc.option(fc.integer({ min: 0, max: 999 })),
  })
  .map(
    (t) =>
      `${pad(t.y, 4)}-${pad(t.mo)}-${pad(t.d)}T${pad(t.h)}:${pad(t.mi)}:00${t.ms === null ? "" : `.${pad(t.ms, 3)}`}Z`,
  );
const dateObject = fc.date({
  min: new Date("0000-01-01T00:00:00.000Z"),
  max: new Date("9999-12-31T23:59:59.999Z"),
  noInvalidDate: true,
});

function validString(s: Schema, dates: boolean): fc.Arbitrary<unknown> {
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.format === "date-time") return dates ? fc.oneof(dateTime, dateObject) : dateTime;
  if (s.contentMediaType === "application/json")
    return fc.json({ maxDepth: 2 }).filter((j) => j.length <= (s.maxLength ?? Infinity));
  const re = s.pattern === undefined ? undefined : new RegExp(s.pattern, "u");
  if (re && !lookaround(s.pattern!)) return fc.stringMatching(re);
  const stripped = re && withoutLookarounds(s.pattern!);
  // What the lookarounds rule out is rare among strings of the rest of the pattern (say, "P" alone
  // for an ISO 8601 duration); the spec's example stands in for one, so no draw can loop for good.
  if (stripped !== undefined)
    return fc
      .stringMatching(new RegExp(stripped, "u"))
      .map((v) => (re!.test(v) || s.example === undefined ? v : s.example))
      .filter((v) => re!.test(String(v)));
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? min + 40, min + 300);
  // Code points of every plane (JSON Schema counts those), and the longest allowed exactly.
  const strings = fc.oneof(
    fc.string({ unit: "binary", minLength: min, maxLength: max }),
    fc.string({ unit: "binary", minLength: max, maxLength: max }),
  );
  return re ? strings.filter((v) => re.test(v)) : strings;
}

function validValue(s: Schema, dates = true): fc.Arbitrary<unknown> {
  const [type] = typesOf(s).filter((t) => t !== "null");
  const value: fc.Arbitrary<unknown> =
    type === "integer"
      ? fc.integer({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6 })
      : type === "number"
        ? fc
            .double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true })
            .filter((n) => s.exclusiveMinimum === undefined || n > s.exclusiveMinimum)
        : type === "boolean"
          ? fc.boolean()
          : type === "array"
            ? validArray(s, s.minItems ?? 0, s.maxItems ?? Math.max(4, s.minItems ?? 0))
            : validString(s, dates);
  return nullable(s) ? fc.oneof(value, fc.constant(null)) : value;
}

/** An array of valid items, `minLength` to `maxLength` of them, none repeated where the schema says so. */
function validArray(s: Schema, minLength: number, maxLength: number): fc.Arbitrary<unknown[]> {
  const items = validValue(s.items!, false);
  if (!s.uniqueItems) return fc.array(items, { minLength, maxLength });
  return fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) });
}

const validGroup = (g: Schema) =>
  fc.record(Object.fromEntries(Object.entries(g.properties ?? {}).map(([k, s]) => [k, validValue(s)])), {
    requiredKeys: g.required ?? [],
  });

const validInputOf = (op: Operation) =>
  fc.record(Object.fromEntries(Object.entries(op.groups).map(([group, g]) => [group, validGroup(g!)]))) as fc.Arbitrary<
    Record<Group, Record<string, unknown>>
  >;

// ---- Breakers: one rule of one field, broken --------------------------------------------------------

interface Breaker {
  group: Group;
  field: string | undefined;
  rule: string;
  value: fc.Arbitrary<unknown>;
}

const notJson = fc
  .oneof(
    fc.json().map((j) => `${j}}`),
    fc.constantFrom("", "{'a':1}", "NaN", "[1,"),
  )
  .filter((v) => {
    try {
      JSON.parse(v);
      return false;
    } catch {
      return true;
    }
  });
const brokenDate = fc.oneof(
  dateTime.map((d) => d.replace(/-\d\d-/, "-13-")),
  dateTime.map((d) => d.replace("T", " ")),
  fc.constant("2023-02-29T00:00:00Z"),
  fc.constant("yesterday"),
);
/** Strings of `re`, one character changed (they may still match it). */
const changed = (re: RegExp) =>
  fc
    .tuple(fc.stringMatching(re), fc.nat(), fc.constantFrom("g", "-", " ", "😀", "."))
    .map(([v, i, c]) => v.slice(0, i % (v.length || 1)) + c + v.slice((i % (v.length || 1)) + 1));
const mutated = (re: RegExp) => changed(re).filter((v) => !re.test(v));

/**
 * Strings a pattern with lookarounds refuses: short and odd ones (".", "..": a path segment that
 * would not stay one), and ones built from the rest of the pattern, changed in one place.
 */
function notMatching(pattern: string): fc.Arbitrary<string> {
  const re = new RegExp(pattern, "u");
  const stripped = withoutLookarounds(pattern);
  const near = stripped === undefined ? [] : [changed(new RegExp(stripped, "u"))];
  return fc
    .oneof(fc.constantFrom("", ".", "..", " ", "😀"), fc.string({ maxLength: 6 }), ...near)
    .filter((v) => !re.test(v));
}

/** Values of another type than the field's (null only where the field is not nullable). */
function wrongType(s: Schema): fc.Arbitrary<unknown> {
  const types = typesOf(s);
  const all: [string, fc.Arbitrary<unknown>][] = [
    ["string", fc.constantFrom("1", "true", "")],
    ["integer", fc.integer()],
    ["number", fc.double({ noNaN: true }).filter((n) => !Number.isInteger(n))],
    ["boolean", fc.boolean()],
    ["array", fc.constant(["a"])],
    ["null", fc.constant(null)],
    ["object", fc.constant({ a: 1 })],
  ];
  const accepted = (t: string) => types.includes(t) || (t === "integer" && types.includes("number"));
  return fc.oneof(...all.filter(([t]) => !accepted(t)).map(([, a]) => a));
}

function breakersFor(group: Group, field: string, s: Schema): Breaker[] {
  const out: Breaker[] = [{ group, field, rule: "type", value: wrongType(s) }];
  const add = (rule: string, value: fc.Arbitrary<unknown>) => out.push({ group, field, rule, value });
  if (s.minimum !== undefined) add("minimum", fc.integer({ min: s.minimum - 1000, max: s.minimum - 1 }));
  if (s.maximum !== undefined) add("maximum", fc.integer({ min: s.maximum + 1, max: s.maximum + 1000 }));
  if (s.exclusiveMinimum !== undefined)
    add("exclusiveMinimum", fc.integer({ min: s.exclusiveMinimum - 1000, max: s.exclusiveMinimum }));
  if (s.maxLength !== undefined)
    add("maxLength", fc.string({ unit: "binary", minLength: s.maxLength + 1, maxLength: s.maxLength + 20 }));
  if (s.minLength) add("minLength", fc.string({ unit: "binary", maxLength: s.minLength - 1 }));
  if (s.pattern !== undefined) {
    const re = new RegExp(s.pattern, "u");
    add("pattern", lookaround(s.pattern) ? notMatching(s.pattern) : mutated(re));
  }
  if (s.enum)
    add(
      "enum",
      fc.string({ minLength: 1 }).filter((v) => !s.enum!.includes(v)),
    );
  if (s.format === "date-time") add("format", brokenDate);
  if (s.contentMediaType === "application/json")
    add(
      "contentMediaType",
      notJson.filter((v) => v.length <= (s.maxLength ?? Infinity)),
    );
  // Repeats allowed: more items than an enum has values cannot all differ.
  const items = (minLength: number, maxLength: number) =>
    fc.array(validValue(s.items!, false), { minLength, maxLength });
  if (s.maxItems !== undefined) add("maxItems", items(s.maxItems + 1, s.maxItems + 4));
  if (s.minItems) add("minItems", validArray(s, 0, s.minItems - 1));
  if (s.uniqueItems)
    add(
      "uniqueItems",
      items(1, 3).map((a) => [...a, a[0]]),
    );
  if (s.items)
    add(
      "type",
      fc
        .tuple(fc.array(validValue(s.items, false), { maxLength: 3 }), wrongType(s.items))
        .map(([a, bad]) => [...a, bad]),
    );
  return out;
}

function breakersOf(op: Operation): Breaker[] {
  return (Object.entries(op.groups) as [Group, Schema][]).flatMap(([group, g]) => [
    ...Object.entries(g.properties ?? {}).flatMap(([field, s]) => breakersFor(group, field, s)),
    {
      group,
      field: undefined,
      rule: "additionalProperties",
      value: fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !(k in (g.properties ?? {}))),
    },
  ]);
}

const invalidInputOf = (op: Operation) =>
  fc.tuple(validInputOf(op), fc.constantFrom(...breakersOf(op))).chain(([input, breaker]) =>
    breaker.value.map((value) => {
      const broken = { ...input, [breaker.group]: { ...input[breaker.group] } };
      const field = breaker.field ?? (value as string); // an unknown field: the generated value is its name
      broken[breaker.group]![field] = breaker.field === undefined ? "x" : value;
      return { input: broken, breaker, field };
    }),
  );

// ---- The properties ----------------------------------------------------------------------------

const DEEP_VALID = 3_000;
const DEEP_INVALID = 8_000;
const VALID_RUNS = runs(750, DEEP_VALID);
const INVALID_RUNS = runs(2_000, DEEP_INVALID);
const seen = new Set<string>();
// Built once: making an arbitrary (a regex's above all) costs far more than drawing from it.
const validInputs = fc.oneof(...OPERATIONS.map((op) => validInputOf(op).map((input) => ({ op, input }))));
const invalidInputs = fc.oneof(...OPERATIONS.map((op) => invalidInputOf(op).map((broken) => ({ op, ...broken }))));

describe("property: inputs built from each operation's input schema (fixture and real spec)", () => {
  it(`valid inputs pass (${VALID_RUNS} runs)`, () => {
    fc.assert(
      fc.property(validInputs, ({ op, input }) => {
        expect(() => prepareInput(op.entry, input), `${op.name} ${JSON.stringify(input)}`).not.toThrow();
      }),
      { numRuns: VALID_RUNS },
    );
  });

  it(`each input with one field broken is rejected, naming that field and rule (${INVALID_RUNS} runs)`, () => {
    fc.assert(
      fc.property(invalidInputs, ({ op, input, breaker, field }) => {
        let error: unknown;
        try {
          prepareInput(op.entry, input);
        } catch (e) {
          error = e;
        }
        expect(error, `${op.name} ${breaker.group}.${field} ${breaker.rule}`).toBeInstanceOf(TwilioValidationError);
        const problems = (error as TwilioValidationError).problems;
        expect(
          problems.every((p) => p.in === breaker.group && p.field === field),
          JSON.stringify(problems),
        ).toBe(true);
        expect(problems.map((p) => p.rule)).toContain(breaker.rule);
        seen.add(`${op.name} ${breaker.group}.${breaker.field ?? "*"}:${breaker.rule}`);
      }),
      { numRuns: INVALID_RUNS },
    );
  });

  it("covered at least 10,000 inputs under TEST_DEPTH=deep, and the rules of every shape (integer, number, boolean, nullable, array, enum, date-time)", () => {
    expect(DEEP_VALID + DEEP_INVALID).toBeGreaterThanOrEqual(10_000);
    for (const rule of [
      "UpdateWidget body.Count:maximum",
      "UpdateWidget body.Count:type",
      "UpdateWidget body.Weight:exclusiveMinimum",
      "UpdateWidget body.Visible:type",
      "UpdateWidget body.Note:type",
      "UpdateWidget body.Color:enum",
      "CreateWidget body.Tags:maxItems",
      "CreateShelf body.Labels:minItems",
      "CreateShelf body.Labels:uniqueItems",
      "CreateShelf body.Timers.Restock:pattern",
      "CreateWidget body.Tags:type",
      "ListWidget query.PageSize:minimum",
      "ListWidget query.MadeAfter:format",
      "ListServiceConversationParticipant query.PageSize:maximum",
      "FetchServiceConversationParticipant path.Sid:maxLength",
      "CreateServiceConversationParticipant body.Attributes:contentMediaType",
    ])
      expect(seen, rule).toContain(rule);
  });

  it("the date-time format the validators check is formats-source.mjs's", () => {
    fc.assert(
      fc.property(fc.oneof(dateTime, brokenDate), (s) => {
        const valid = formats["date-time"](s) as boolean;
        const input = { path: { ShelfSid: "SH0123456789abcdef0123456789abcdef" }, query: { MadeAfter: s } };
        expect(fixtureTable.listWidget.validate(input)).toBe(valid);
        fixtureTable.listWidget.validate.errors = null;
      }),
      { numRuns: runs(125, 500) },
    );
  });
});
