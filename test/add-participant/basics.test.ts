// addParticipant's answers without faults: its input rule, created / existing, duplicates by
// identity and by binding, a binding in use elsewhere, and concurrent calls for one participant.
import { describe, expect, it } from "vitest";
import { TwilioApiError, TwilioValidationError } from "../../src/index.js";
import { faults } from "../../src/testing/index.js";
import { rejection, setup, TRANSPORTS } from "../reliability/support.js";

const SMS = { "MessagingBinding.Address": "+15558675310", "MessagingBinding.ProxyAddress": "+15017122661" };
const FAST = { settleMs: 0 };

describe.each(TRANSPORTS)("%s", (_transport, create) => {
  it("needs Identity or MessagingBinding.Address, naming both, and sends nothing", async () => {
    const { fake, client, path } = await setup(create);
    for (const body of [undefined, {}, { Attributes: "{}" }]) {
      const error = await rejection(client.addParticipant({ path, ...(body ? { body } : {}) }));
      expect(error).toBeInstanceOf(TwilioValidationError);
      expect(error.problems.map((p: { field: string }) => p.field)).toEqual(["Identity", "MessagingBinding.Address"]);
      expect(error.message).toMatch(/Identity.*MessagingBinding\.Address/);
    }
    const bad = await rejection(client.addParticipant({ path, body: { Identity: "a" } }, { settleMs: -1 }));
    expect(bad.problems).toEqual([expect.objectContaining({ field: "settleMs", rule: "minimum" })]);
    expect(fake.requests).toHaveLength(0);
  });

  it("201 → created; the same identity again → existing, the same participant, after one create and one fetch", async () => {
    const { fake, client, path } = await setup(create);
    const first = await client.addParticipant({ path, body: { Identity: "alice", Attributes: '{"n":1}' } });
    expect(first.outcome).toBe("created");
    expect(fake.participants).toEqual([first.participant]);
    const second = await client.addParticipant({ path, body: { Identity: "alice" } }, FAST);
    expect(second).toEqual({ outcome: "existing", participant: first.participant });
    expect(fake.requests.map((r) => r.method)).toEqual(["POST", "POST", "GET"]);
    expect(fake.requests[2]!.url).toBe(
      `/v1/Services/${path.ChatServiceSid}/Conversations/${path.ConversationSid}/Participants/alice`,
    );
  });

  it("an SMS participant twice → existing, found by paging through the list (address and proxy address)", async () => {
    const { fake, client, path } = await setup(create);
    for (let i = 0; i < 120; i++)
      await client.createServiceConversationParticipant({ path, body: { Identity: `filler-${i}` } });
    const first = await client.addParticipant({ path, body: SMS });
    const second = await client.addParticipant({ path, body: SMS }, FAST);
    expect(second).toEqual({ outcome: "existing", participant: first.participant });
    const reads = fake.requests.filter((r) => r.method === "GET");
    expect(reads.length).toBeGreaterThan(1); // the binding is on a later page
    expect(
      fake.participants.filter((p) => p.messaging_binding?.address === SMS["MessagingBinding.Address"]),
    ).toHaveLength(1);
  });

  it("a binding in use in another conversation rejects with TwilioApiError 50416 saying so; nothing is added here", async () => {
    const { fake, client, path } = await setup(create);
    const other = fake.addConversation(fake.serviceSid).sid;
    await client.addParticipant({ path: { ...path, ConversationSid: other }, body: SMS });
    const error = await rejection(client.addParticipant({ path, body: SMS }, FAST));
    expect(error).toBeInstanceOf(TwilioApiError);
    expect(error).toMatchObject({ status: 409, code: 50416 });
    expect(error.message).toMatch(/in use in another conversation/);
    expect(fake.participants.map((p) => p.conversation_sid)).toEqual([other]);
  });

  it("a binding held by a participant of this conversation with another identity is refused, naming it", async () => {
    const { client, path } = await setup(create);
    const held = await client.addParticipant({ path, body: { Identity: "bob", ...SMS } });
    const error = await rejection(client.addParticipant({ path, body: { Identity: "carol", ...SMS } }, FAST));
    expect(error).toMatchObject({ status: 409, code: 50416 });
    expect(error.message).toContain(held.participant.sid);
  });

  it("a group (MMS) participant, an address without a proxy, twice → 50437 → existing", async () => {
    const { fake, client, path } = await setup(create);
    const body = { "MessagingBinding.Address": "+15558675311" };
    const first = await client.addParticipant({ path, body });
    const second = await client.addParticipant({ path, body }, FAST);
    expect(second).toEqual({ outcome: "existing", participant: first.participant });
    expect(fake.participants).toHaveLength(1);
  });

  it("the caller's signal aborting during the wait before the lookup ends the call at once, with its reason", async () => {
    const { fake, client, path } = await setup(create);
    fake.inject(faults.status(500));
    const controller = new AbortController();
    const call = client.addParticipant(
      { path, body: { Identity: "impatient" }, signal: controller.signal },
      { settleMs: 60_000 },
    );
    await fake.idle();
    while (fake.requests.length === 0) await new Promise((r) => setImmediate(r));
    controller.abort(new Error("user gave up"));
    await expect(call).rejects.toThrow("user gave up");
    expect(fake.requests.map((r) => r.method)).toEqual(["POST"]); // no lookup, no resend
  });

  it("a 404 for an unknown conversation comes back as it is, after one lookup (chat: a fetch; SMS: the list)", async () => {
    const { fake, client, path } = await setup(create);
    const missing = { ...path, ConversationSid: "nope" };
    for (const body of [{ Identity: "a" }, SMS]) {
      const error = await rejection(client.addParticipant({ path: missing, body }));
      expect(error).toBeInstanceOf(TwilioApiError);
      expect(error).toMatchObject({ status: 404, code: 20404, method: "POST" });
    }
    expect(fake.requests.map((r) => `${r.method} ${r.url.replace(/.*\/nope\//, "")}`)).toEqual([
      "POST Participants",
      "GET Participants/a",
      "POST Participants",
      "GET Participants",
    ]);
    expect(fake.participants).toEqual([]);
  });

  it.each([".", "..", ""])(
    "identity %j (no path segment can carry it) after Twilio's 50433 → existing, found through the list",
    async (identity) => {
      const { fake, client, path } = await setup(create);
      const first = await client.addParticipant({ path, body: { Identity: identity } });
      expect(first.outcome).toBe("created");
      const again = await client.addParticipant({ path, body: { Identity: identity } }, FAST);
      expect(again).toEqual({ outcome: "existing", participant: first.participant });
      expect(fake.requests.map((r) => `${r.method} ${r.url.split("?")[0]!.split("/").at(-1)}`)).toEqual([
        "POST Participants",
        "POST Participants",
        "GET Participants",
      ]);
      expect(fake.participants).toEqual([first.participant]);
    },
  );
});

describe.each(TRANSPORTS)("%s: races", (_transport, create) => {
  const N = 10;

  it(`${N} concurrent adds of one identity on one client: one create, one participant, all resolve with it`, async () => {
    const { fake, client, path } = await setup(create);
    const results = await Promise.all(
      Array.from({ length: N }, () => client.addParticipant({ path, body: { Identity: "crowd" } }, FAST)),
    );
    expect(fake.participants).toHaveLength(1);
    expect(results.every((r) => r.participant.sid === fake.participants[0]!.sid)).toBe(true);
    expect(results.map((r) => r.outcome).sort()).toEqual([
      "created",
      ...Array.from({ length: N - 1 }, () => "existing"),
    ]);
    expect(fake.requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it(`${N} concurrent adds of one SMS binding from ${N} clients (nothing shared): one participant, all resolve with it`, async () => {
    const { fake, clientWith, path } = await setup(create);
    const clients = Array.from({ length: N }, () => clientWith({}));
    const results = await Promise.all(clients.map((c) => c.addParticipant({ path, body: SMS }, FAST)));
    expect(fake.participants).toHaveLength(1);
    expect(new Set(results.map((r) => r.participant.sid))).toEqual(new Set([fake.participants[0]!.sid]));
    expect(results.filter((r) => r.outcome === "created")).toHaveLength(1);
  });

  it("an add racing a direct create of the same identity: one participant, the add resolves with it", async () => {
    const { fake, client, path } = await setup(create);
    const input = { path, body: { Identity: "racer" } };
    const [added, direct] = await Promise.allSettled([
      client.addParticipant(input, FAST),
      client.createServiceConversationParticipant(input),
    ]);
    expect(fake.participants).toHaveLength(1);
    expect(added.status === "fulfilled" && added.value.participant).toEqual(fake.participants[0]);
    // The direct create either won (201) or lost to the add (409 / 50433): never a second participant.
    if (direct.status === "rejected") expect(direct.reason).toMatchObject({ status: 409, code: 50433 });
    expect(added.status === "fulfilled" && added.value.outcome).toBe(
      direct.status === "fulfilled" ? "existing" : "created",
    );
  });

  it("calls for different participants on one client do not wait for each other's outcome", async () => {
    const { fake, client, path } = await setup(create);
    const results = await Promise.all(
      ["a", "b", "c"].map((Identity) => client.addParticipant({ path, body: { Identity } })),
    );
    expect(results.map((r) => r.outcome)).toEqual(["created", "created", "created"]);
    expect(fake.participants.map((p) => p.identity).sort()).toEqual(["a", "b", "c"]);
  });

  it("a call that joins one that failed runs on its own", async () => {
    const { fake, client, path } = await setup(create);
    fake.inject(faults.status(400));
    const [first, second] = await Promise.allSettled([
      client.addParticipant({ path, body: { Identity: "late" } }),
      client.addParticipant({ path, body: { Identity: "late" } }),
    ]);
    expect(first).toMatchObject({ status: "rejected", reason: { status: 400 } });
    expect(second).toMatchObject({ status: "fulfilled", value: { outcome: "created" } });
    expect(fake.participants).toHaveLength(1);
  });
});
