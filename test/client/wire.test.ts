import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createConversationsClient, VERSION } from "../../src/index.js";
import { formFields, SIDS, startRecordingServer, type RecordingServer } from "../helpers/recording-server.js";

const authToken = "wire-test-token";
let server: RecordingServer;
beforeAll(async () => void (server = await startRecordingServer()));
afterAll(() => server.close());
beforeEach(() => void server.requests.splice(0));

const client = () =>
  createConversationsClient({ accountSid: SIDS.account, authToken, baseUrl: server.url, maxRetries: 0 });
const path = { ChatServiceSid: SIDS.service, ConversationSid: SIDS.conversation };

describe("the request on the wire", () => {
  it("is one POST to the exact path with Twilio's headers", async () => {
    await client().createServiceConversationParticipant({
      path,
      body: { Identity: "alice" },
      header: { "X-Twilio-Webhook-Enabled": "true" },
    });
    expect(server.requests).toHaveLength(1);
    const [req] = server.requests;
    expect(req!.method).toBe("POST");
    expect(req!.url).toBe(`/v1/Services/${SIDS.service}/Conversations/${SIDS.conversation}/Participants`);
    expect(req!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(req!.headers.accept).toBe("application/json");
    expect(req!.headers["user-agent"]).toBe(`twilio-conversations-participants/${VERSION}`);
    expect(req!.headers["x-twilio-webhook-enabled"]).toBe("true");
    expect(req!.headers.authorization).toBe(`Basic ${Buffer.from(`${SIDS.account}:${authToken}`).toString("base64")}`);
  });

  it("sends every body field with the spec's exact (dotted) key, in spec order", async () => {
    const body = {
      Identity: "alice",
      "MessagingBinding.Address": "+15558675310",
      "MessagingBinding.ProxyAddress": "+15017122661",
      "MessagingBinding.ProjectedAddress": "+15017122662",
      DateCreated: "2023-05-04T09:42:00.123Z",
      DateUpdated: "2023-05-05T10:00:00+02:00",
      Attributes: '{"role":"agent","n":[1,2]}',
      RoleSid: SIDS.role,
    };
    await client().createServiceConversationParticipant({ path, body });
    expect(formFields(server.requests[0]!.body)).toEqual(Object.entries(body));
  });

  it("sends a Date as ISO-8601 with its milliseconds", async () => {
    await client().createServiceConversationParticipant({
      path,
      body: { DateCreated: new Date(Date.UTC(2024, 1, 29, 23, 59, 58, 7)) },
    });
    expect(server.requests[0]!.body).toBe("DateCreated=2024-02-29T23%3A59%3A58.007Z");
  });

  it("percent-encodes non-ASCII and reserved characters in UTF-8 (RFC 3986), spaces as %20", async () => {
    await client().createServiceConversationParticipant({ path, body: { Identity: "Zoë & 李 +1=2 ~*!'()/?#%🎉" } });
    expect(server.requests[0]!.body).toBe(
      "Identity=Zo%C3%AB%20%26%20%E6%9D%8E%20%2B1%3D2%20~%2A%21%27%28%29%2F%3F%23%25%F0%9F%8E%89",
    );
    expect(formFields(server.requests[0]!.body)).toEqual([["Identity", "Zoë & 李 +1=2 ~*!'()/?#%🎉"]]);
  });

  it("omits undefined fields and sends an empty form when there are none", async () => {
    await client().createServiceConversationParticipant({ path, body: { Identity: undefined, RoleSid: undefined } });
    await client().createServiceConversationParticipant({ path });
    expect(server.requests.map((r) => r.body)).toEqual(["", ""]);
    expect(server.requests[1]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(server.requests[1]!.headers["x-twilio-webhook-enabled"]).toBeUndefined();
  });

  it("sends a conversation's unique name as one encoded path segment", async () => {
    await client().createServiceConversationParticipant({
      path: { ...path, ConversationSid: "support/ticket#42?x=1 é" },
    });
    expect(server.requests[0]!.url).toBe(
      `/v1/Services/${SIDS.service}/Conversations/support%2Fticket%2342%3Fx%3D1%20%C3%A9/Participants`,
    );
  });

  it("authenticates with an API key as the Basic user, and extends the User-Agent", async () => {
    const c = createConversationsClient({
      apiKey: "SK0123456789abcdef0123456789abcdef",
      apiSecret: "key-secret",
      baseUrl: server.url,
      userAgent: "my-app/1.2",
    });
    await c.createServiceConversationParticipant({ path });
    const req = server.requests[0]!;
    expect(req.headers.authorization).toBe(
      `Basic ${Buffer.from("SK0123456789abcdef0123456789abcdef:key-secret").toString("base64")}`,
    );
    expect(req.headers["user-agent"]).toBe(`twilio-conversations-participants/${VERSION} my-app/1.2`);
  });

  it("reads credentials from TWILIO_* environment variables by default", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { TWILIO_ACCOUNT_SID: SIDS.account, TWILIO_AUTH_TOKEN: "env-token" });
    try {
      await createConversationsClient({ baseUrl: server.url }).createServiceConversationParticipant({ path });
    } finally {
      process.env = saved;
    }
    expect(server.requests[0]!.headers.authorization).toBe(
      `Basic ${Buffer.from(`${SIDS.account}:env-token`).toString("base64")}`,
    );
  });

  it("resolves to the parsed 201 body", async () => {
    const participant = await client().createServiceConversationParticipant({ path, body: { Identity: "alice" } });
    expect(participant.sid).toBe(SIDS.participant);
    expect(participant.messaging_binding).toBeNull();
  });

  it("builds the default and regional hosts from the spec's servers", async () => {
    // No loopback server can answer for twilio.com: observe the request at the injected fetch.
    const urls: string[] = [];
    const fetch = async (request: Request) => {
      urls.push(request.url);
      return new Response(JSON.stringify({}), { status: 201 });
    };
    await createConversationsClient({
      accountSid: SIDS.account,
      authToken,
      fetch,
    }).createServiceConversationParticipant({ path });
    await createConversationsClient({
      accountSid: SIDS.account,
      authToken,
      fetch,
      region: "ie1",
      edge: "dublin",
    }).createServiceConversationParticipant({ path });
    expect(urls.map((u) => new URL(u).origin)).toEqual([
      "https://conversations.twilio.com",
      "https://conversations.dublin.ie1.twilio.com",
    ]);
    expect(() => createConversationsClient({ accountSid: SIDS.account, authToken, region: "mars1" })).toThrow(
      /region must be one of us1, ie1, au1/,
    );
  });
});
