// Hostile input never reaches the network: each case is a TwilioValidationError whose `problems`
// name the field and the rule it broke, and the server sees zero requests. Plain http to a remote
// host is refused when the client is created.
import { describe, expect, it } from "vitest";
import { TwilioValidationError, type ValidationProblem } from "../../src/index.js";
import { rejection, setup, TRANSPORTS } from "./support.js";

type Case = [label: string, input: (path: Paths) => unknown, expected: Partial<ValidationProblem>];
type Paths = { ChatServiceSid: string; ConversationSid: string };

const body = (fields: Record<string, unknown>) => (path: Paths) => ({ path, body: fields });
const hex32 = "0123456789abcdef0123456789abcdef";

const CASES: Case[] = [
  // CR/LF and other non-enum values in a header
  [
    "CR/LF in X-Twilio-Webhook-Enabled",
    (path) => ({ path, header: { "X-Twilio-Webhook-Enabled": "true\r\nX-Evil: 1" } }),
    { in: "header", field: "X-Twilio-Webhook-Enabled", rule: "enum" },
  ],
  [
    "LF alone in X-Twilio-Webhook-Enabled",
    (path) => ({ path, header: { "X-Twilio-Webhook-Enabled": "false\n" } }),
    { in: "header", field: "X-Twilio-Webhook-Enabled", rule: "enum" },
  ],
  [
    "an unknown header",
    (path) => ({ path, header: { "X-Evil\r\n": "1" } }),
    { in: "header", field: "X-Evil\r\n", rule: "additionalProperties" },
  ],
  // non-JSON Attributes
  ...["{not json", "", "undefined", "{'single':'quotes'}", '{"a":1,}', "NaN", "[1,2"].map((a): Case => [
    `Attributes ${JSON.stringify(a)}`,
    body({ Attributes: a }),
    { in: "body", field: "Attributes", rule: "contentMediaType" },
  ]),
  // SIDs out of pattern
  [
    "ChatServiceSid too short",
    (path) => ({ path: { ...path, ChatServiceSid: "IS123" } }),
    { in: "path", field: "ChatServiceSid" },
  ],
  [
    "ChatServiceSid with the wrong prefix",
    (path) => ({ path: { ...path, ChatServiceSid: `CH${hex32}` } }),
    { in: "path", field: "ChatServiceSid", rule: "pattern" },
  ],
  [
    "ChatServiceSid lower-case prefix",
    (path) => ({ path: { ...path, ChatServiceSid: `is${hex32}` } }),
    { in: "path", field: "ChatServiceSid", rule: "pattern" },
  ],
  [
    "ChatServiceSid non-hex",
    (path) => ({ path: { ...path, ChatServiceSid: `IS${"z".repeat(32)}` } }),
    { in: "path", field: "ChatServiceSid", rule: "pattern" },
  ],
  [
    "ChatServiceSid one too long",
    (path) => ({ path: { ...path, ChatServiceSid: `IS${hex32}0` } }),
    { in: "path", field: "ChatServiceSid", rule: "maxLength" },
  ],
  ["RoleSid with the wrong prefix", body({ RoleSid: `IS${hex32}` }), { in: "body", field: "RoleSid", rule: "pattern" }],
  ["RoleSid with a trailing newline", body({ RoleSid: `RL${hex32}\n` }), { in: "body", field: "RoleSid" }],
  // Identity length, counted in code points
  [
    "Identity of 257 characters",
    body({ Identity: "a".repeat(257) }),
    { in: "body", field: "Identity", rule: "maxLength" },
  ],
  ["Identity of 257 emoji", body({ Identity: "😀".repeat(257) }), { in: "body", field: "Identity", rule: "maxLength" }],
  // unknown fields
  ...["identity", "FriendlyName", "MessagingBinding", "Identity ", "__proto__", "constructor"].map((k): Case => [
    `unknown body field ${JSON.stringify(k)}`,
    (path) => ({ path, body: JSON.parse(`{${JSON.stringify(k)}:"x"}`) }),
    { in: "body", field: k, rule: "additionalProperties" },
  ]),
  [
    "__proto__ smuggling a field",
    (path) => ({ path, body: JSON.parse('{"__proto__":{"Identity":"smuggled"}}') }),
    { in: "body", field: "__proto__", rule: "additionalProperties" },
  ],
  [
    "unknown path field",
    (path) => ({ path: { ...path, Sid: "MB1" } }),
    { in: "path", field: "Sid", rule: "additionalProperties" },
  ],
  [
    "unknown top-level input",
    (path) => ({ path, bdy: { Identity: "x" } }),
    { in: "input", field: "bdy", rule: "additionalProperties" },
  ],
  // non-string values
  ...(
    [
      ["a number", 42],
      ["an object", { a: 1 }],
      ["an array", ["a"]],
      ["null", null],
      ["true", true],
      ["false", false],
      ["a bigint", 1n],
      ["a Date", new Date(0)],
      ["a String object", new String("x")],
    ] as [string, unknown][]
  ).map(([what, value]): Case => [
    `Identity as ${what}`,
    body({ Identity: value }),
    { in: "body", field: "Identity", rule: "type" },
  ]),
  ...(
    [
      ["a number", 1],
      ["an object", {}],
      ["null", null],
    ] as [string, unknown][]
  ).map(([what, value]): Case => [
    `Attributes as ${what}`,
    body({ Attributes: value }),
    { in: "body", field: "Attributes", rule: "type" },
  ]),
  [
    "ConversationSid as a number",
    (path) => ({ path: { ...path, ConversationSid: 42 } }),
    { in: "path", field: "ConversationSid", rule: "type" },
  ],
  [
    "DateCreated not a date-time",
    body({ DateCreated: "yesterday" }),
    { in: "body", field: "DateCreated", rule: "format" },
  ],
  [
    "DateCreated an invalid Date",
    body({ DateCreated: new Date(Number.NaN) }),
    { in: "body", field: "DateCreated", rule: "format" },
  ],
  ["Identity with a lone surrogate", body({ Identity: "\udc00" }), { in: "body", field: "Identity", rule: "unicode" }],
  // groups that are not plain objects would go out empty
  [
    "body as URLSearchParams",
    (path) => ({ path, body: new URLSearchParams({ Identity: "x" }) }),
    { in: "body", field: "body", rule: "type" },
  ],
  [
    "body as a Map",
    (path) => ({ path, body: new Map([["Identity", "x"]]) }),
    { in: "body", field: "body", rule: "type" },
  ],
  ["body as a string", (path) => ({ path, body: "Identity=x" }), { field: "body", rule: "type" }],
];

describe.each(TRANSPORTS)("%s", (_transport, create) => {
  describe("hostile input is refused before the network", () => {
    it.each(CASES)("%s", async (_label, makeInput, expected) => {
      const { fake, client, path } = await setup(create);
      const error = await rejection(client.createServiceConversationParticipant(makeInput(path) as never));
      expect(error).toBeInstanceOf(TwilioValidationError);
      expect(error.attempts).toBe(0);
      expect(error.problems).toContainEqual(expect.objectContaining(expected));
      const named = error.problems.find((p: ValidationProblem) => p.field === expected.field)!;
      expect(error.message).toContain(named.message);
      expect(error.message).toMatch(/nothing was sent/);
      expect(fake.requests).toHaveLength(0);
    });

    it("accepts the boundary values: Identity of 256 characters, 256 emoji, and valid JSON Attributes", async () => {
      const { fake, client, path } = await setup(create);
      const identities = ["a".repeat(256), "😀".repeat(256), "👩‍👩‍👧".repeat(51)]; // 51 × 5 code points = 255
      for (const Identity of identities) {
        await client.createServiceConversationParticipant({
          path,
          body: { Identity, Attributes: '{"ok":[1,"two",null]}' },
        });
      }
      expect(fake.requests.map((r) => r.form?.Identity)).toEqual(identities);
    });
  });

  describe("client options", () => {
    it.each([
      "http://example.com",
      "http://conversations.twilio.com",
      "http://10.0.0.1:8080",
      "http://localhost.evil.example.com",
      "http://127.0.0.1.nip.io",
      "http://[::ffff:7f00:1]",
      "ws://127.0.0.2",
      "ftp://127.0.0.1",
      "file:///etc/passwd",
    ])("refuses baseUrl %s when the client is created, saying https is required", (baseUrl) => {
      let error: unknown;
      try {
        create({ accountSid: "AC" + "0".repeat(32), authToken: "t", baseUrl });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TwilioValidationError);
      const problem = (error as TwilioValidationError).problems.find((p) => p.field === "baseUrl")!;
      expect(problem).toMatchObject({ in: "options", field: "baseUrl", rule: "protocol" });
      expect(problem.message).toMatch(/must use https:/);
      expect(problem.message).toMatch(/loopback/);
    });

    it.each(["http://127.0.0.1:1", "http://localhost:1", "http://[::1]:1", "https://example.com"])(
      "accepts %s",
      (baseUrl) => {
        expect(() => create({ accountSid: "AC" + "0".repeat(32), authToken: "t", baseUrl })).not.toThrow();
      },
    );

    it.each([
      ["userAgent", { userAgent: "app/1\r\nX-Evil: 1" }],
      ["userAgent", { userAgent: "app/1\u0000" }],
      ["userAgent", { userAgent: "app/😀" }],
      ["accountSid", { accountSid: "AC1\r\n" }],
      ["accountSid", { accountSid: "AC:1" }],
      ["authToken", { authToken: "t\r\nX-Evil: 1" }],
    ])("refuses a bad header value in %s when the client is created", (field, options) => {
      expect(() =>
        create({ accountSid: "AC" + "0".repeat(32), authToken: "t", baseUrl: "http://127.0.0.1:1", ...options }),
      ).toThrow(
        expect.objectContaining({
          problems: expect.arrayContaining([expect.objectContaining({ in: "options", field })]),
        }),
      );
    });
  });
});
