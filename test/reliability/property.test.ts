// Property-based: inputs built from the spec's own rules (read from spec/openapi.yaml at test
// time, not restated here). Every valid one is accepted by the fake server and round-trips exactly
// (the server decodes the very values the caller passed; Dates as ISO-8601 with ms). Every invalid
// one breaks exactly one rule of one field and is rejected before the network, naming that field.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { operationTable } from "../../generated/operations.js";
import { TwilioValidationError, type ConversationsClient, type ValidationProblem } from "../../src/index.js";
import { startFakeConversations, type FakeConversations } from "../../src/testing/index.js";
import { root } from "../helpers/pipeline.js";
import { runs } from "../helpers/depth.js";
import { TRANSPORTS, type Create } from "./support.js";

// ---- The rules, from the spec ------------------------------------------------------------------

interface Schema {
  type?: string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  enum?: string[];
  format?: string;
  contentMediaType?: string;
  properties?: Record<string, Schema>;
}

const spec = parse(readFileSync(join(root, "spec/openapi.yaml"), "utf8"));
const deref = (node: any): any =>
  node?.$ref
    ? deref(
        node.$ref
          .slice(2)
          .split("/")
          .reduce((o: any, k: string) => o[k.replaceAll("~1", "/").replaceAll("~0", "~")], spec),
      )
    : node;
const entry = operationTable.createServiceConversationParticipant;
const operation = spec.paths[entry.path][entry.method.toLowerCase()];
const parameters: { name: string; in: string; schema: Schema }[] = operation.parameters.map(deref);
const groupSchemas: Record<"path" | "header" | "body", Record<string, Schema>> = {
  path: Object.fromEntries(parameters.filter((p) => p.in === "path").map((p) => [p.name, p.schema])),
  header: Object.fromEntries(parameters.filter((p) => p.in === "header").map((p) => [p.name, p.schema])),
  body: deref(operation.requestBody.content[entry.requestContentType].schema).properties,
};
type Group = keyof typeof groupSchemas;

// ---- Valid values ------------------------------------------------------------------------------

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** RFC 3339 date-times in all their forms: `T`/`t`, fractions, `Z`/`z`/offsets, leap seconds. */
const rfc3339 = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 60 }),
    fraction: fc.option(fc.stringMatching(/^\.\d{1,9}$/), { nil: "" }),
    zone: fc.oneof(
      fc.constantFrom("Z", "z"),
      fc
        .tuple(fc.constantFrom("+", "-"), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
        .map(([s, h, m]) => `${s}${pad(h)}:${pad(m)}`),
    ),
    t: fc.constantFrom("T", "t"),
  })
  .map((d) => {
    const leap = d.year % 4 === 0 && (d.year % 100 !== 0 || d.year % 400 === 0);
    const last = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][d.month - 1]!;
    return `${pad(d.year, 4)}-${pad(d.month)}-${pad(Math.min(d.day, last))}${d.t}${pad(d.hour)}:${pad(d.minute)}:${pad(d.second)}${d.fraction}${d.zone}`;
  });

/** Date objects, sent as ISO-8601 with milliseconds (years 0–9999: the range RFC 3339 has). */
const dateObject = fc.date({
  min: new Date("0000-01-01T00:00:00.000Z"),
  max: new Date("9999-12-31T23:59:59.999Z"),
  noInvalidDate: true,
});

/** A JS regex feature fast-check cannot generate from (lookaround): filter instead. */
const generatable = (pattern: string) => !/\(\?[=!<]/.test(pattern);

function validValue(s: Schema): fc.Arbitrary<unknown> {
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.format === "date-time") return fc.oneof(rfc3339, dateObject);
  if (s.contentMediaType === "application/json") return fc.json({ stringUnit: "binary", maxDepth: 2 });
  const re = s.pattern === undefined ? undefined : new RegExp(s.pattern, "u");
  if (re && generatable(s.pattern!)) return fc.stringMatching(re);
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 80;
  // Any code point (controls, NUL, `%`, `+`, `&`, `=`, emoji …), the ASCII range densely, and the
  // maximum length exactly (counted in code points, as JSON Schema does).
  const strings = fc.oneof(
    fc.string({ unit: "binary", minLength: min, maxLength: max }),
    fc.string({ unit: "binary-ascii", minLength: min, maxLength: max }),
    fc.string({ unit: "binary", minLength: max, maxLength: max }),
  );
  return re ? strings.filter((v) => re.test(v)) : strings;
}

const validGroup = (group: Group, allOptional: boolean) =>
  fc.record(
    Object.fromEntries(Object.entries(groupSchemas[group]).map(([k, s]) => [k, validValue(s)])),
    allOptional ? { requiredKeys: [] } : {},
  );

const validInput = fc.record({
  path: validGroup("path", false),
  header: validGroup("header", true),
  body: validGroup("body", true),
});

type Input = { path: Record<string, unknown>; header: Record<string, unknown>; body: Record<string, unknown> };

// ---- Invalid values: one rule of one field broken -------------------------------------------------

const nonString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.bigInt(),
  fc.object({ maxDepth: 1 }),
  fc.array(fc.string(), { maxLength: 3 }),
);

/** Breaks an anchored pattern: one character changed, inserted or dropped, or the case flipped. */
const mutated = (valid: fc.Arbitrary<string>, re: RegExp) =>
  fc
    .tuple(
      valid,
      fc.nat(),
      fc.constantFrom("g", "z", "-", " ", "/", "\n", "é", "😀", "."),
      fc.constantFrom("replace", "insert", "delete", "case"),
    )
    .map(([v, i, c, how]) => {
      const at = v.length ? i % v.length : 0;
      if (how === "replace") return v.slice(0, at) + c + v.slice(at + 1);
      if (how === "insert") return v.slice(0, at) + c + v.slice(at);
      if (how === "delete") return v.slice(0, at) + v.slice(at + 1);
      return v.slice(0, 2).toLowerCase() + v.slice(2);
    })
    .filter((v) => !re.test(v));

/** Not RFC 3339: a valid one with one part made impossible, or text with no digits at all. */
const brokenDate = fc.oneof(
  fc
    .tuple(
      rfc3339,
      fc.constantFrom<[RegExp, string]>(
        [/-\d\d-/, "-13-"],
        [/-\d\d[Tt]/, "-32T"],
        [/[Tt]\d\d/, "T24"],
        [/[Tt]/, " "],
        [/(Z|z|[+-]\d\d:\d\d)$/, ""],
        [/:\d\d(?=[.Zz+-])/, ":61"],
        [/^\d{4}/, "99999"],
      ),
    )
    .map(([d, [re, to]]) => d.replace(re, to)),
  fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz -:/"), minLength: 0, maxLength: 20 }),
  fc.constant("2023-02-29T00:00:00Z"),
);

/** Not JSON: a JSON text with something appended or cut, checked against JSON.parse itself. */
const notJson = fc
  .oneof(
    fc.json().map((j) => `${j}}`),
    fc.json().map((j) => j.slice(0, -1)),
    fc.json().map((j) => j.replaceAll('"', "'")),
    fc.string(),
  )
  .filter((v) => {
    try {
      JSON.parse(v);
      return false;
    } catch {
      return true;
    }
  });

interface Breaker {
  group: Group;
  field: string | undefined; // undefined: an unknown field, named by the generated key
  rule: string;
  value: fc.Arbitrary<unknown>;
}

function breakersFor(group: Group, field: string, s: Schema): Breaker[] {
  const out: Breaker[] = [{ group, field, rule: "type", value: nonString }];
  if (s.maxLength !== undefined)
    out.push({
      group,
      field,
      rule: "maxLength",
      value: fc.string({ unit: "binary", minLength: s.maxLength + 1, maxLength: s.maxLength + 40 }),
    });
  if (s.minLength)
    out.push({ group, field, rule: "minLength", value: fc.string({ unit: "binary", maxLength: s.minLength - 1 }) });
  if (s.pattern !== undefined) {
    const re = new RegExp(s.pattern, "u");
    out.push({
      group,
      field,
      rule: "pattern",
      value: generatable(s.pattern)
        ? mutated(fc.stringMatching(re), re)
        : fc.oneof(fc.constantFrom("", ".", "..", "..."), fc.string({ maxLength: 3 })).filter((v) => !re.test(v)),
    });
  }
  if (s.enum) out.push({ group, field, rule: "enum", value: fc.string().filter((v) => !s.enum!.includes(v)) });
  if (s.format === "date-time") out.push({ group, field, rule: "format", value: brokenDate });
  if (s.contentMediaType === "application/json") out.push({ group, field, rule: "contentMediaType", value: notJson });
  return out;
}

const BREAKERS: Breaker[] = (Object.keys(groupSchemas) as Group[]).flatMap((group) => [
  ...Object.entries(groupSchemas[group]).flatMap(([field, s]) => breakersFor(group, field, s)),
  {
    group,
    field: undefined,
    rule: "additionalProperties",
    value: fc.string({ maxLength: 12 }).filter((k) => !(k in groupSchemas[group])),
  },
]);

const invalidInput = fc.tuple(validInput, fc.constantFrom(...BREAKERS)).chain(([input, breaker]) =>
  breaker.value.map((value) => {
    const broken: Input = { path: { ...input.path }, header: { ...input.header }, body: { ...input.body } };
    // An unknown field gets a valid-looking string value; the generated value is its name.
    const field = breaker.field ?? (value as string);
    broken[breaker.group][field] = breaker.field === undefined ? "x" : value;
    return { input: broken, breaker, field };
  }),
);

// ---- The tests ---------------------------------------------------------------------------------

// Per transport. Validation happens before any transport, but both are run to be sure.
const DEEP_VALID = 600;
const DEEP_INVALID = 5_000;
const VALID_RUNS = runs(150, DEEP_VALID);
const INVALID_RUNS = runs(1_250, DEEP_INVALID);
let fake: FakeConversations | undefined;
let client: ConversationsClient;
const checked = { valid: 0, invalid: 0 };
const rulesSeen = new Set<string>();

/** A fresh fake server and client: `fake.requests` copies every request, so keep that list short. */
async function freshFake(create: Create) {
  await fake?.close();
  fake = await startFakeConversations();
  client = create({ accountSid: fake.accountSid, authToken: fake.authToken, baseUrl: fake.baseUrl, maxRetries: 0 });
  return fake;
}
afterAll(() => fake?.close());

const ROUTE = /^\/v1\/Services\/([^/?#]+)\/Conversations\/([^/?#]+)\/Participants$/;

describe("property: inputs built from the spec's rules", () => {
  it("the spec's body fields are the operation table's", () => {
    expect(Object.keys(groupSchemas.body).sort()).toEqual(Object.keys(entry.fields.body).sort());
    expect(Object.keys(groupSchemas.path).sort()).toEqual(Object.keys(entry.fields.path).sort());
  });

  describe.each(TRANSPORTS)("%s", (_transport, create) => {
    it(`every valid input is accepted and round-trips exactly (${VALID_RUNS} runs)`, async () => {
      let fake = await freshFake(create);
      const used = new Set<string>();
      let sent = 0;
      await fc.assert(
        fc.asyncProperty(validInput, async (input) => {
          if (sent === 100) {
            fake = await freshFake(create);
            sent = 0;
            used.clear();
          }
          const { ChatServiceSid, ConversationSid } = input.path as Record<string, string>;
          // A fresh conversation per run (named by the generated value), so identities never clash.
          fc.pre(!used.has(`${ChatServiceSid}\u0000${ConversationSid}`));
          used.add(`${ChatServiceSid}\u0000${ConversationSid}`);
          // An address + proxy address pair is unique across the fake's conversations (Twilio's 50416).
          const { "MessagingBinding.Address": address, "MessagingBinding.ProxyAddress": proxy } = input.body as Record<
            string,
            unknown
          >;
          const binding = JSON.stringify(["binding", address, proxy ?? null]);
          fc.pre(address === undefined || proxy === undefined || !used.has(binding));
          used.add(binding);
          const conversation = fake.addConversation(fake.addService(ChatServiceSid!), { uniqueName: ConversationSid! });

          const participant = await client.createServiceConversationParticipant(input as never);

          const requests = fake.requests; // a copy of every request so far: read it once per run
          expect(requests).toHaveLength(++sent);
          const request = requests.at(-1)!;
          const route = ROUTE.exec(request.url);
          expect(route).not.toBeNull();
          expect(decodeURIComponent(route![1]!)).toBe(ChatServiceSid);
          expect(decodeURIComponent(route![2]!)).toBe(ConversationSid);
          const form = Object.fromEntries(
            Object.entries(input.body).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
          );
          expect(request.form).toEqual(form);
          expect(request.headers["x-twilio-webhook-enabled"]).toBe(input.header["X-Twilio-Webhook-Enabled"]);
          expect(participant.conversation_sid).toBe(conversation.sid);
          expect(participant.identity).toBe(form.Identity ?? null);
          expect(participant.attributes).toBe(form.Attributes ?? "{}");
          if (form.DateCreated !== undefined) expect(participant.date_created).toBe(form.DateCreated);
          checked.valid++;
        }),
        { numRuns: VALID_RUNS },
      );
    });

    it(`every invalid input is rejected before the network, naming the broken field (${INVALID_RUNS} runs)`, async () => {
      const fake = await freshFake(create);
      await fc.assert(
        fc.asyncProperty(invalidInput, async ({ input, breaker, field }) => {
          let error: unknown;
          try {
            await client.createServiceConversationParticipant(input as never);
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(TwilioValidationError);
          const problems = (error as TwilioValidationError).problems;
          expect(problems.length).toBeGreaterThan(0);
          // Only the broken field is named, and the broken rule is among its problems.
          expect(
            problems.every((p: ValidationProblem) => p.field === field && p.in === breaker.group),
            JSON.stringify(problems),
          ).toBe(true);
          expect(problems.map((p) => p.rule)).toContain(breaker.rule);
          rulesSeen.add(`${breaker.group}.${breaker.field ?? "*"}:${breaker.rule}`);
          checked.invalid++;
        }),
        { numRuns: INVALID_RUNS },
      );
      expect(fake.requests).toHaveLength(0); // not one of them reached the server
    });
  });

  it("checked every input (at least 10,000 under TEST_DEPTH=deep), covering every rule of every field", () => {
    expect(checked.valid + checked.invalid).toBe((VALID_RUNS + INVALID_RUNS) * TRANSPORTS.length);
    expect((DEEP_VALID + DEEP_INVALID) * TRANSPORTS.length).toBeGreaterThanOrEqual(10_000);
    expect(checked.valid).toBe(VALID_RUNS * TRANSPORTS.length);
    expect([...rulesSeen].sort()).toEqual(BREAKERS.map((b) => `${b.group}.${b.field ?? "*"}:${b.rule}`).sort());
  });
});
