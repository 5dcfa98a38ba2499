// The generated input validators (Ajv standalone code) and src/internal/validate.ts's wording of
// their findings, on the real spec's operation: formats with a real calendar, lengths in code
// points, each problem naming the field as Twilio spells it and the rule, and no call's data left
// behind on the validator.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateCreateServiceConversationParticipantInput as validate } from "../../generated/validators.js";
import { problemsOf } from "../../src/internal/validate.js";
import { root } from "../helpers/pipeline.js";

const { formats } = await import(join(root, "scripts/lib/formats-source.mjs"));
const path = {
  ChatServiceSid: "IS0123456789abcdef0123456789abcdef",
  ConversationSid: "CH0123456789abcdef0123456789abcdef",
};
const bodyProblems = (body: Record<string, unknown>) => problemsOf(validate, { path, header: {}, query: {}, body });

describe("generated/validators.ts", () => {
  it("is standalone: no require(), no validator library", async () => {
    const text = await readFile(join(root, "generated/validators.ts"), "utf8");
    expect(text).not.toMatch(/\brequire\(/);
    expect(text).not.toMatch(/from "ajv/);
  });

  it("leaves nothing of a call on the validator", () => {
    expect(bodyProblems({ Identity: "x".repeat(300) })).toHaveLength(1);
    expect(validate.errors).toBeNull();
    expect(bodyProblems({ Identity: "alice" })).toEqual([]);
    expect(validate.errors).toBeNull();
  });
});

describe("formats: date-time with a real calendar, as scripts/lib/formats-source.mjs defines it", () => {
  it.each([
    ["2024-02-29T00:00:00Z", true],
    ["2023-02-29T00:00:00Z", false],
    ["2000-02-29T00:00:00Z", true],
    ["2100-02-29T00:00:00Z", false],
    ["2023-04-31T00:00:00Z", false],
    ["2023-12-31t23:59:60.123z", true],
    ["2023-05-04T09:42:00+05:30", true],
    ["2023-05-04T24:00:00Z", false],
    ["2023-05-04T09:42:00", false],
    ["2023-05-04 09:42:00Z", false],
    ["2023-13-01T00:00:00Z", false],
  ])("%s → %s", (value, ok) => {
    expect(bodyProblems({ DateCreated: value }).map((p) => p.rule)).toEqual(ok ? [] : ["format"]);
  });

  it("agrees with the format's source on 3,000 generated near-dates", () => {
    const pad = (n: number, w = 2) => String(n).padStart(w, "0");
    const dates = fc
      .record({
        year: fc.constantFrom(1900, 2000, 2023, 2024, 2100, 0, 9999),
        month: fc.integer({ min: 0, max: 13 }),
        day: fc.integer({ min: 0, max: 32 }),
        time: fc.constantFrom("T00:00:00Z", "t23:59:60.1z", "T12:30:00+05:30", "T24:00:00Z", "T12:00:00"),
      })
      .map((d) => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}${d.time}`);
    fc.assert(
      fc.property(dates, (s) => {
        expect(bodyProblems({ DateUpdated: s }).length === 0).toBe(formats["date-time"](s));
      }),
      { numRuns: 3_000 },
    );
  });
});

describe("lengths count code points, as JSON Schema does", () => {
  it("256 emoji fit Identity (512 UTF-16 units); 257 do not", () => {
    expect(bodyProblems({ Identity: "😀".repeat(256) })).toEqual([]);
    expect(bodyProblems({ Identity: "😀".repeat(257) })).toEqual([
      { in: "body", field: "Identity", rule: "maxLength", message: "Identity must be at most 256 characters" },
    ]);
  });

  it("the address limits and Attributes' 4,096", () => {
    expect(
      bodyProblems({
        "MessagingBinding.Address": "+".repeat(257),
        "MessagingBinding.ProxyAddress": "😀".repeat(256),
        Attributes: `"${"é".repeat(4094)}"`,
      }),
    ).toEqual([
      {
        in: "body",
        field: "MessagingBinding.Address",
        rule: "maxLength",
        message: "MessagingBinding.Address must be at most 256 characters",
      },
    ]);
    expect(bodyProblems({ Attributes: `"${"a".repeat(4095)}"` }).map((p) => `${p.field}:${p.rule}`)).toEqual([
      "Attributes:maxLength",
    ]);
  });
});

describe("each problem names the field as Twilio spells it and the rule", () => {
  it("words every keyword the spec's input uses", () => {
    const problems = problemsOf(validate, {
      path: { ChatServiceSid: "IS0", ConversationSid: ".." },
      header: { "X-Twilio-Webhook-Enabled": "yes" },
      body: { RoleSid: 5, Attributes: "{", DateCreated: "2023-02-29T00:00:00Z", Nickname: "x" },
      bdy: {},
    });
    expect(problems).toEqual([
      { in: "input", field: "bdy", rule: "additionalProperties", message: "bdy is not a known input" },
      {
        in: "path",
        field: "ChatServiceSid",
        rule: "minLength",
        message: "ChatServiceSid must be at least 34 characters",
      },
      {
        in: "path",
        field: "ChatServiceSid",
        rule: "pattern",
        message: "ChatServiceSid must match the pattern ^IS[0-9a-fA-F]{32}$",
      },
      {
        in: "path",
        field: "ConversationSid",
        rule: "pattern",
        message: "ConversationSid must match the pattern ^(?!\\.{1,2}$)[\\s\\S]+$",
      },
      {
        in: "header",
        field: "X-Twilio-Webhook-Enabled",
        rule: "enum",
        message: 'X-Twilio-Webhook-Enabled must be one of "true", "false"',
      },
      {
        in: "body",
        field: "Nickname",
        rule: "additionalProperties",
        message: "Nickname is not a body field of this operation",
      },
      {
        in: "body",
        field: "DateCreated",
        rule: "format",
        message: "DateCreated must be a valid date-time (RFC 3339, e.g. 2023-05-04T09:42:00.123Z) or a Date",
      },
      {
        in: "body",
        field: "Attributes",
        rule: "contentMediaType",
        message: "Attributes must be a string of valid JSON",
      },
      { in: "body", field: "RoleSid", rule: "type", message: "RoleSid must be of type string" },
    ]);
  });

  it("a missing group or field, a group of the wrong type, a `__proto__` key", () => {
    expect(problemsOf(validate, {})).toEqual([
      { in: "input", field: "path", rule: "required", message: "path is required" },
    ]);
    expect(problemsOf(validate, { path: { ChatServiceSid: path.ChatServiceSid } })).toEqual([
      { in: "path", field: "ConversationSid", rule: "required", message: "ConversationSid is required" },
    ]);
    expect(problemsOf(validate, { path, body: [] })).toEqual([
      { in: "body", field: "body", rule: "type", message: "body must be of type object" },
    ]);
    expect(problemsOf(validate, null)).toEqual([
      { in: "input", field: "input", rule: "type", message: "input must be of type object" },
    ]);
    expect(bodyProblems(JSON.parse('{"__proto__":{"Identity":"smuggled"}}'))).toEqual([
      {
        in: "body",
        field: "__proto__",
        rule: "additionalProperties",
        message: "__proto__ is not a body field of this operation",
      },
    ]);
  });
});
