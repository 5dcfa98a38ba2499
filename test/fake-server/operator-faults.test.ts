// The fake's operator-facing extensions: Twilio's Fetch a Conversation, a conversation deleted
// mid-test, a revoked token, a service failing every request, and background traffic using part of
// a conversation's 30 actions per second.
import { afterEach, describe, expect, it } from "vitest";
import { validateServiceConversation } from "../../generated/schema-validators.js";
import { createConversationsClient, TwilioApiError } from "../../src/index.js";
import { faults, startFakeConversations, type FakeConversations } from "../../src/testing/index.js";

let fake: FakeConversations;
afterEach(() => fake?.close());

const client = () =>
  createConversationsClient({
    accountSid: fake.accountSid,
    authToken: fake.authToken,
    baseUrl: fake.baseUrl,
    maxRetries: 0,
  });
const path = () => ({ ChatServiceSid: fake.serviceSid, ConversationSid: fake.conversationSid });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: TwilioApiError) => [e.status, e.code],
  );

describe("the fake's operator extensions", () => {
  it("serves Fetch a Conversation (by SID or unique name) with the spec's shape, and 404 once removed", async () => {
    fake = await startFakeConversations({ services: { IS0123456789abcdef0123456789abcdef: [{ uniqueName: "t42" }] } });
    const byName = await client().fetchServiceConversation({ path: { ...path(), ConversationSid: "t42" } });
    expect(validateServiceConversation(byName)).toBe(true);
    expect(byName).toMatchObject({ sid: fake.conversationSid, unique_name: "t42", chat_service_sid: fake.serviceSid });
    expect(fake.removeConversation(fake.serviceSid, "t42")).toBe(true);
    expect(await failure(client().fetchServiceConversation({ path: path() }))).toEqual([404, 20404]);
    expect(
      await failure(client().createServiceConversationParticipant({ path: path(), body: { Identity: "a" } })),
    ).toEqual([404, 20404]);
  });

  it("answers 401 / 20003 to every request once the token is revoked", async () => {
    fake = await startFakeConversations();
    await client().createServiceConversationParticipant({ path: path(), body: { Identity: "a" } });
    fake.revoke();
    expect(await failure(client().fetchServiceConversation({ path: path() }))).toEqual([401, 20003]);
    expect(
      await failure(client().createServiceConversationParticipant({ path: path(), body: { Identity: "b" } })),
    ).toEqual([401, 20003]);
    expect(fake.participants.map((p) => p.identity)).toEqual(["a"]);
  });

  it("failAll answers every create it strikes with the fault until turned off; reads are untouched", async () => {
    fake = await startFakeConversations();
    fake.failAll(faults.status(500));
    for (const id of ["a", "b", "c"])
      expect(
        await failure(client().createServiceConversationParticipant({ path: path(), body: { Identity: id } })),
      ).toEqual([500, 20500]);
    expect(await client().fetchServiceConversation({ path: path() })).toMatchObject({ sid: fake.conversationSid });
    fake.failAll();
    await client().createServiceConversationParticipant({ path: path(), body: { Identity: "d" } });
    expect(fake.participants.map((p) => p.identity)).toEqual(["d"]);
  });

  it("background traffic uses part of the conversation's window: fewer creates fit in a second", async () => {
    fake = await startFakeConversations({ rateLimit: true });
    fake.backgroundTraffic(fake.conversationSid, 20);
    await new Promise((r) => setTimeout(r, 1100)); // a full window of it
    const c = client();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        c.createServiceConversationParticipant({ path: path(), body: { Identity: `p${i}` }, maxRetries: 0 }).then(
          () => "created",
          (e: TwilioApiError) => e.code,
        ),
      ),
    );
    // Without it all 30 of a burst fit Twilio's 30/s; with it, only what it left of the window (about
    // 10, more if the burst is spread over a busy machine's second): some are refused with 50063.
    expect(answers.filter((a) => a === "created").length).toBeLessThan(30);
    expect(answers.filter((a) => a === 50063).length).toBeGreaterThan(0);
    expect(answers.filter((a) => a !== "created" && a !== 50063)).toEqual([]);
  });
});
