// Validation of every shape of the operations fixture: through its generated validators, and through
// a real client call against a loopback server that must see nothing. Each problem names the field
// as the spec spells it and the rule.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOperationsClient } from "../../src/client.js";
import { TwilioValidationError, type ValidationProblem } from "../../src/index.js";
import { problemsOf } from "../../src/internal/validate.js";
import type { paths } from "../fixtures/operations/generated/openapi.js";
import { operationTable } from "../fixtures/operations/generated/operations.js";
import { startRecordingServer, type RecordingServer } from "../helpers/recording-server.js";

const path = { ShelfSid: "SH0123456789abcdef0123456789abcdef", Sid: "bolt" };
type Op = keyof typeof operationTable;

const cases: { what: string; op: Op; input: Record<string, unknown>; problem: ValidationProblem }[] = [
  {
    what: "an integer out of range",
    op: "updateWidget",
    input: { path, body: { Count: 1001 } },
    problem: { in: "body", field: "Count", rule: "maximum", message: "Count must be at most 1000" },
  },
  {
    what: "a fraction where an integer goes",
    op: "updateWidget",
    input: { path, body: { Count: 1.5 } },
    problem: { in: "body", field: "Count", rule: "type", message: "Count must be of type integer" },
  },
  {
    what: "a number not above its exclusive minimum",
    op: "updateWidget",
    input: { path, body: { Weight: 0 } },
    problem: { in: "body", field: "Weight", rule: "exclusiveMinimum", message: "Weight must be greater than 0" },
  },
  {
    what: 'a wrong boolean (the string "true")',
    op: "updateWidget",
    input: { path, body: { Visible: "true" } },
    problem: { in: "body", field: "Visible", rule: "type", message: "Visible must be of type boolean" },
  },
  {
    what: "a bad enum value",
    op: "updateWidget",
    input: { path, body: { Color: "purple" } },
    problem: { in: "body", field: "Color", rule: "enum", message: 'Color must be one of "red", "green", "blue"' },
  },
  {
    what: "a nullable field given a number",
    op: "updateWidget",
    input: { path, body: { Note: 5 } },
    problem: { in: "body", field: "Note", rule: "type", message: "Note must be of type string or null" },
  },
  {
    what: "an array item of the wrong type",
    op: "createWidget",
    input: { path: { ShelfSid: path.ShelfSid }, body: { Name: "b", Tags: ["a", 2] } },
    problem: { in: "body", field: "Tags", rule: "type", message: "Tags[1] must be of type string" },
  },
  {
    what: "too many array items",
    op: "createWidget",
    input: { path: { ShelfSid: path.ShelfSid }, body: { Name: "b", Tags: ["a", "b", "c", "d", "e", "f"] } },
    problem: { in: "body", field: "Tags", rule: "maxItems", message: "Tags must have at most 5 items" },
  },
  {
    what: "a string where an array goes",
    op: "createWidget",
    input: { path: { ShelfSid: path.ShelfSid }, body: { Name: "b", Tags: "a" } },
    problem: { in: "body", field: "Tags", rule: "type", message: "Tags must be of type array" },
  },
  {
    what: "a PageSize out of Twilio's 1–100",
    op: "listWidget",
    input: { path: { ShelfSid: path.ShelfSid }, query: { PageSize: 0 } },
    problem: { in: "query", field: "PageSize", rule: "minimum", message: "PageSize must be at least 1" },
  },
  {
    what: "a date-time query parameter that is no date",
    op: "listWidget",
    input: { path: { ShelfSid: path.ShelfSid }, query: { MadeAfter: "yesterday" } },
    problem: {
      in: "query",
      field: "MadeAfter",
      rule: "format",
      message: "MadeAfter must be a valid date-time (RFC 3339, e.g. 2023-05-04T09:42:00.123Z) or a Date",
    },
  },
  {
    what: "a required body field left out",
    op: "createShelf",
    input: { body: {} },
    problem: { in: "body", field: "FriendlyName", rule: "required", message: "FriendlyName is required" },
  },
  {
    what: "a header outside its enum",
    op: "createShelf",
    input: { header: { "X-Twilio-Webhook-Enabled": "yes" }, body: { FriendlyName: "a" } },
    problem: {
      in: "header",
      field: "X-Twilio-Webhook-Enabled",
      rule: "enum",
      message: 'X-Twilio-Webhook-Enabled must be one of "true", "false"',
    },
  },
];

let server: RecordingServer;
beforeAll(async () => void (server = await startRecordingServer()));
afterAll(() => server.close());

describe.each(cases)("$what", ({ op, input, problem }) => {
  it("the generated validator finds exactly that problem", () => {
    expect(problemsOf(operationTable[op].validate, { path: {}, header: {}, query: {}, ...input })).toEqual([problem]);
  });

  it("a client call rejects with it, and nothing reaches the server", async () => {
    const client = createOperationsClient<paths, typeof operationTable>(operationTable, {
      accountSid: "AC0123456789abcdef0123456789abcdef",
      authToken: "t",
      baseUrl: server.baseUrl,
    });
    const error = await (client[op] as (input: unknown) => Promise<unknown>)(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TwilioValidationError);
    expect((error as TwilioValidationError).problems).toEqual([problem]);
    expect(server.requests).toHaveLength(0);
  });
});

describe("valid values of each shape pass", () => {
  it("null in a nullable field, booleans, integers at their limits, an array at its most items", () => {
    const update = operationTable.updateWidget.validate;
    for (const body of [
      { Note: null },
      { Note: "n" },
      { Visible: true },
      { Visible: false },
      { Count: 0 },
      { Count: 1000 },
      { Weight: 1e-9 },
    ]) {
      expect(problemsOf(update, { path, body }), JSON.stringify(body)).toEqual([]);
    }
    expect(
      problemsOf(operationTable.createWidget.validate, {
        path: { ShelfSid: path.ShelfSid },
        body: { Name: "b", Tags: ["a", "b", "c", "d", "e"] },
      }),
    ).toEqual([]);
  });
});
