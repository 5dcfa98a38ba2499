import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { validateServiceConversationParticipant, validateTwilioError } from "../../generated/schema-validators.js";
import { createConversationsClient, TwilioApiError } from "../../src/index.js";
import { startFakeConversations, TWILIO_ERRORS, type FakeConversations } from "../../src/testing/index.js";

let fake: FakeConversations;
beforeEach(async () => void (fake = await startFakeConversations()));
afterEach(() => fake.close());

const url = () => `${fake.baseUrl}/v1/Services/${fake.serviceSid}/Conversations/${fake.conversationSid}/Participants`;
const basic = (user: string, secret: string) => `Basic ${Buffer.from(`${user}:${secret}`).toString("base64")}`;

/** A hand-built request, to reach the server with what the client would never send. */
async function post(body: string, headers: Record<string, string> = {}, target = url()) {
  const response = await fetch(target, {
    method: "POST",
    headers: {
      Authorization: basic(fake.accountSid, fake.authToken),
      "Content-Type": "application/x-www-form-urlencoded",
      ...headers,
    },
    body,
  });
  const json = await response.json();
  expect(validateTwilioError(json) || validateServiceConversationParticipant(json)).toBe(true);
  return { status: response.status, json, requestId: response.headers.get("twilio-request-id") };
}

const client = () =>
  createConversationsClient({ accountSid: fake.accountSid, authToken: fake.authToken, baseUrl: fake.baseUrl });

describe("the fake Conversations server", () => {
  it("answers 201 with a participant that matches the spec's schema", async () => {
    const { status, json, requestId } = await post(
      "Identity=alice&Attributes=%7B%22a%22%3A1%7D&RoleSid=RL0123456789abcdef0123456789abcdef",
    );
    expect(status).toBe(201);
    expect(validateServiceConversationParticipant(json)).toBe(true);
    expect(requestId).toMatch(/^RQ[0-9a-f]{32}$/);
    expect(json).toMatchObject({
      account_sid: fake.accountSid,
      chat_service_sid: fake.serviceSid,
      conversation_sid: fake.conversationSid,
      identity: "alice",
      attributes: '{"a":1}',
      role_sid: "RL0123456789abcdef0123456789abcdef",
      messaging_binding: null,
    });
    expect(json.sid).toMatch(/^MB[0-9a-f]{32}$/);
    expect(json.url).toBe(`${url()}/${json.sid}`);
    expect(fake.participants).toEqual([json]);
  });

  it("builds messaging_binding from the address fields", async () => {
    const { json } = await post(
      "MessagingBinding.Address=whatsapp%3A%2B15558675310&MessagingBinding.ProxyAddress=whatsapp%3A%2B15017122661",
    );
    expect(json.messaging_binding).toEqual({
      type: "whatsapp",
      address: "whatsapp:+15558675310",
      proxy_address: "whatsapp:+15017122661",
      projected_address: null,
    });
    expect(json.identity).toBeNull();
  });

  it("refuses wrong or missing credentials with 401 / 20003", async () => {
    expect((await post("Identity=a", { Authorization: basic(fake.accountSid, "wrong") })).json).toMatchObject({
      status: 401,
      code: 20003,
    });
    expect((await post("Identity=a", { Authorization: "" })).status).toBe(401);
    expect(fake.participants).toHaveLength(0);
  });

  it("accepts an API key it was started with", async () => {
    const withKey = await startFakeConversations({ apiKeys: { SK0123456789abcdef0123456789abcdef: "s3cret" } });
    try {
      const c = createConversationsClient({
        apiKey: "SK0123456789abcdef0123456789abcdef",
        apiSecret: "s3cret",
        baseUrl: withKey.baseUrl,
      });
      await c.createServiceConversationParticipant({
        path: { ChatServiceSid: withKey.serviceSid, ConversationSid: withKey.conversationSid },
      });
      expect(withKey.participants).toHaveLength(1);
    } finally {
      await withKey.close();
    }
  });

  it("answers 404 / 20404 for an unknown service or conversation", async () => {
    const other = url().replace(fake.conversationSid, "CH" + "f".repeat(32));
    expect((await post("Identity=a", {}, other)).json).toMatchObject({
      status: 404,
      code: TWILIO_ERRORS.notFound.code,
    });
    expect((await post("Identity=a", {}, url().replace(fake.serviceSid, "IS" + "f".repeat(32)))).status).toBe(404);
  });

  it("finds a conversation by its unique name", async () => {
    const conversation = fake.addConversation(fake.serviceSid, { uniqueName: "support/ticket#42" });
    const p = await client().createServiceConversationParticipant({
      path: { ChatServiceSid: fake.serviceSid, ConversationSid: "support/ticket#42" },
    });
    expect(p.conversation_sid).toBe(conversation.sid);
  });

  it("answers 400 naming the parameter for a body the spec forbids", async () => {
    const bad = await post("RoleSid=RL123");
    expect(bad.json).toMatchObject({ status: 400, code: TWILIO_ERRORS.badRequest.code });
    expect(bad.json.message).toMatch(/RoleSid/);
    expect((await post("Nickname=x")).json.message).toMatch(/Nickname/);
    expect((await post("Attributes=%7Bnope")).json.message).toMatch(/Attributes/);
    expect((await post("Identity=%zz")).json.message).toMatch(/percent-encoding/);
    expect((await post("Identity=a&Identity=b")).json.message).toMatch(/more than once/);
  });

  it("answers 400 for a JSON body", async () => {
    const r = await post(JSON.stringify({ Identity: "a" }), { "Content-Type": "application/json" });
    expect(r.status).toBe(400);
    expect(r.json.message).toMatch(/Content-Type must be application\/x-www-form-urlencoded/);
  });

  it("refuses a second participant with the same identity (409 / 50433) or address (409 / 50416)", async () => {
    const path = { ChatServiceSid: fake.serviceSid, ConversationSid: fake.conversationSid };
    await client().createServiceConversationParticipant({ path, body: { Identity: "alice" } });
    const dupIdentity = await client()
      .createServiceConversationParticipant({ path, body: { Identity: "alice" } })
      .catch((e: TwilioApiError) => e);
    expect(dupIdentity).toMatchObject({ status: 409, code: 50433 });
    const sms = { "MessagingBinding.Address": "+15558675310", "MessagingBinding.ProxyAddress": "+15017122661" };
    await client().createServiceConversationParticipant({ path, body: sms });
    const dupAddress = await client()
      .createServiceConversationParticipant({ path, body: sms })
      .catch((e: TwilioApiError) => e);
    expect(dupAddress).toMatchObject({ status: 409, code: 50416 });
    expect(fake.participants).toHaveLength(2);
  });

  it("records every request it saw and closes cleanly", async () => {
    await post("Identity=a");
    expect(fake.requests).toEqual([
      expect.objectContaining({ method: "POST", body: "Identity=a", form: { Identity: "a" } }),
    ]);
    await fake.close();
    await expect(fetch(url(), { method: "POST" })).rejects.toThrow();
  });
});

describe("the fake server's layout", () => {
  it("creates the services and conversations it is given, the first as defaults", async () => {
    const s1 = "IS" + "1".repeat(32);
    const s2 = "IS" + "2".repeat(32);
    const laid = await startFakeConversations({
      services: { [s1]: ["CH" + "a".repeat(32), { uniqueName: "room" }], [s2]: [] },
    });
    try {
      expect([laid.serviceSid, laid.conversationSid]).toEqual([s1, "CH" + "a".repeat(32)]);
      const c = createConversationsClient({
        accountSid: laid.accountSid,
        authToken: laid.authToken,
        baseUrl: laid.baseUrl,
        maxRetries: 0,
      });
      await c.createServiceConversationParticipant({ path: { ChatServiceSid: s1, ConversationSid: "room" } });
      const missing = await c
        .createServiceConversationParticipant({ path: { ChatServiceSid: s2, ConversationSid: "room" } })
        .catch((e: TwilioApiError) => e);
      expect(missing).toMatchObject({ status: 404 });
    } finally {
      await laid.close();
    }
  });
});
