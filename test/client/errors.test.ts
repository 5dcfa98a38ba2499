import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createConversationsClient,
  TwilioApiError,
  TwilioConnectionError,
  TwilioError,
  TwilioTimeoutError,
  TwilioValidationError,
} from "../../src/index.js";
import { SIDS, startRecordingServer, type RecordingServer } from "../helpers/recording-server.js";

let server: RecordingServer;
beforeAll(async () => void (server = await startRecordingServer()));
afterAll(() => server.close());
beforeEach(() => void server.requests.splice(0));

const path = { ChatServiceSid: SIDS.service, ConversationSid: SIDS.conversation };
const call = () =>
  createConversationsClient({
    accountSid: SIDS.account,
    authToken: "t",
    baseUrl: server.baseUrl,
    maxRetries: 0,
  }).createServiceConversationParticipant({ path, body: { Identity: "alice" } });

function answer(status: number, body: string, headers: Record<string, string> = {}) {
  server.handle((_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  });
}

async function failure(): Promise<TwilioApiError> {
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TwilioApiError);
  expect(error).toBeInstanceOf(TwilioError);
  return error as TwilioApiError;
}

describe("TwilioApiError", () => {
  it("carries Twilio's status, code, message, more_info, details and request id", async () => {
    answer(
      404,
      JSON.stringify({
        code: 20404,
        message: "The requested resource was not found",
        more_info: "https://www.twilio.com/docs/errors/20404",
        status: 404,
        details: { hint: "x" },
      }),
      { "Content-Type": "application/json", "Twilio-Request-Id": "RQ0123456789abcdef0123456789abcdef" },
    );
    const e = await failure();
    expect(e).toMatchObject({
      status: 404,
      code: 20404,
      twilioMessage: "The requested resource was not found",
      moreInfo: "https://www.twilio.com/docs/errors/20404",
      details: { hint: "x" },
      requestId: "RQ0123456789abcdef0123456789abcdef",
      attempts: 1,
      method: "POST",
    });
    expect(e.message).toContain("HTTP 404 (Twilio code 20404)");
    expect(e.message).toContain("RQ0123456789abcdef0123456789abcdef");
  });

  it("handles a proxy's HTML 502", async () => {
    answer(502, "<html><body>Bad Gateway</body></html>", { "Content-Type": "text/html" });
    const e = await failure();
    expect(e).toMatchObject({ status: 502, code: undefined, rawBody: "<html><body>Bad Gateway</body></html>" });
    expect(e.message).toMatch(/HTML body/);
  });

  it("handles an empty 500", async () => {
    answer(500, "");
    const e = await failure();
    expect(e).toMatchObject({ status: 500, code: undefined });
    expect(e.message).toMatch(/empty body/);
  });

  it("handles a non-JSON error body", async () => {
    answer(400, "plain words", { "Content-Type": "text/plain" });
    expect((await failure()).rawBody).toBe("plain words");
  });

  it("rejects a 201 whose body is not valid JSON, saying the participant may exist", async () => {
    answer(201, '{"sid": "MB', { "Content-Type": "application/json" });
    const e = await failure();
    expect(e.status).toBe(201);
    expect(e.message).toMatch(/not valid JSON.*look the resource up/);
  });

  it("rejects an empty 201", async () => {
    answer(201, "", { "Content-Type": "application/json" });
    expect((await failure()).message).toMatch(/not valid JSON/);
  });

  it("keeps at most maxResponseBytes of an error body", async () => {
    answer(500, "x".repeat(200_000));
    const error = await createConversationsClient({
      accountSid: SIDS.account,
      authToken: "t",
      baseUrl: server.baseUrl,
      maxRetries: 0,
      maxResponseBytes: 1000,
    })
      .createServiceConversationParticipant({ path })
      .catch((e: TwilioApiError) => e);
    expect((error as TwilioApiError).rawBody!.length).toBeLessThanOrEqual(1000);
  });
});

describe("TwilioValidationError", () => {
  it("names RoleSid and its rule, and nothing is sent", async () => {
    const error = await createConversationsClient({ accountSid: SIDS.account, authToken: "t", baseUrl: server.baseUrl })
      .createServiceConversationParticipant({ path, body: { RoleSid: "RL-not-a-sid" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TwilioValidationError);
    expect(error).toBeInstanceOf(TwilioError);
    const v = error as TwilioValidationError;
    expect(v.problems).toContainEqual(expect.objectContaining({ in: "body", field: "RoleSid", rule: "pattern" }));
    expect(v.message).toMatch(/RoleSid must match the pattern \^RL\[0-9a-fA-F\]\{32\}\$/);
    expect(v.attempts).toBe(0);
    expect(server.requests).toHaveLength(0);
  });

  it("names every offending field at once", async () => {
    const error = (await createConversationsClient({
      accountSid: SIDS.account,
      authToken: "t",
      baseUrl: server.baseUrl,
    })
      .createServiceConversationParticipant({
        path: { ChatServiceSid: "IS123", ConversationSid: ".." },
        header: { "X-Twilio-Webhook-Enabled": "yes" as "true" },
        body: { Identity: "x".repeat(257), Attributes: "{not json", DateCreated: "yesterday", Nickname: "n" } as never,
      })
      .catch((e: unknown) => e)) as TwilioValidationError;
    const named = error.problems.map((p) => `${p.in}.${p.field}:${p.rule}`);
    expect(named).toEqual(
      expect.arrayContaining([
        "path.ChatServiceSid:pattern",
        "path.ConversationSid:pattern",
        "header.X-Twilio-Webhook-Enabled:enum",
        "body.Identity:maxLength",
        "body.Attributes:contentMediaType",
        "body.DateCreated:format",
        "body.Nickname:additionalProperties",
      ]),
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe("the error classes", () => {
  it("all share one exported base class", () => {
    for (const E of [TwilioApiError, TwilioValidationError, TwilioTimeoutError, TwilioConnectionError]) {
      expect(E.prototype).toBeInstanceOf(TwilioError);
    }
  });
});
