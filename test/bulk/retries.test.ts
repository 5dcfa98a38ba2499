// What addParticipants sends again, and when, against the fake server: asserted on the wire.
import { describe, expect, it } from "vitest";
import { faults, type FakeConversations } from "../../src/testing/index.js";
import { collect, setup } from "./support.js";

const wire = (f: FakeConversations) => f.requests.map((r) => r.method);

describe("addParticipants tries again", () => {
  it("after a lost answer, resends a failed lookup (a GET) before it would ever create again", async () => {
    const { fake, client, item } = await setup();
    fake.inject(faults.reset(true), faults.on("fetch", faults.status(500)));
    const [result] = await collect(client.addParticipants([item("lost")]));
    expect(result).toMatchObject({ outcome: "existing", tries: 1 });
    expect(wire(fake)).toEqual(["POST", "GET", "GET"]);
    expect(fake.participants.map((p) => p.identity)).toEqual(["lost"]);
  });

  it("waits for a 503's Retry-After before trying the item again", async () => {
    const { fake, client, item } = await setup();
    // The 503 asks for 5 s. A read that another fake answers after 1 s is the clock: by then the
    // backoff alone (200 ms) would have sent the create again; with Retry-After honoured, the stop
    // finds the item still waiting.
    fake.inject(faults.unavailable("5"));
    const clock = await setup();
    clock.fake.inject(faults.on("fetch", faults.delay(1000)));
    const controller = new AbortController();
    const results = collect(client.addParticipants([item("busy")], { signal: controller.signal }));
    const path = { ChatServiceSid: clock.fake.serviceSid, ConversationSid: clock.fake.conversationSid, Sid: "tick" };
    await clock.client.fetchServiceConversationParticipant({ path }).catch(() => undefined);
    controller.abort(new Error("stop"));
    const [result] = await results;
    expect(result).toMatchObject({ outcome: "failed", tries: 1, error: { status: 503, retryAfterMs: 5000 } });
    expect(fake.requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });
});
