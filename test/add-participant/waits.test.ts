// Every wait of addParticipant honours its own caller: a call queued behind a slow one for the same
// participant, the wait before a lookup, a Retry-After wait. It leaves at its own signal (with that
// signal's reason) or its own timeoutMs, while the call ahead runs on for its caller and the calls
// behind keep their places; an already-aborted signal sends and queues nothing.
import { describe, expect, it } from "vitest";
import { TwilioTimeoutError } from "../../src/index.js";
import { faults } from "../../src/testing/index.js";
import { rejection, setup, TRANSPORTS } from "../reliability/support.js";

/** Records the order in which promises settle, by name. */
function settleOrder() {
  const order: string[] = [];
  const track = <T>(name: string, promise: Promise<T>) => {
    promise.then(
      () => order.push(name),
      () => order.push(name),
    );
    return promise;
  };
  return { order, track };
}

/** A signal that aborts with `reason` after `ms`. */
function abortAfter(ms: number, reason: unknown): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => controller.abort(reason), ms);
  return controller.signal;
}

const posts = (requests: { method: string }[]) => requests.filter((r) => r.method === "POST").length;

describe.each(TRANSPORTS)("%s: a call queued behind a slow one for the same participant", (_transport, create) => {
  it("aborted at 100 ms behind a 3 s first call: rejects with its reason before the first settles; the first and a later call are unharmed", async () => {
    const { fake, client, path } = await setup(create);
    fake.inject(faults.delay(3_000)); // stored, and answered 201, after 3 s
    const { order, track } = settleOrder();
    const input = { path, body: { Identity: "slow" } };
    const first = track("first", client.addParticipant(input));
    const reason = new Error("waiter gave up");
    const waiter = track("waiter", client.addParticipant({ ...input, signal: abortAfter(100, reason) }));
    const later = track("later", client.addParticipant(input)); // queued behind the waiter that leaves

    expect(await rejection(waiter)).toBe(reason);
    expect(order).toEqual(["waiter"]);
    const created = await first;
    expect(created.outcome).toBe("created");
    expect(await later).toEqual({ outcome: "existing", participant: created.participant });
    expect(order).toEqual(["waiter", "first", "later"]);
    expect(fake.participants).toEqual([created.participant]);
    expect(posts(fake.requests)).toBe(1); // neither the waiter nor the later call sent a create
  });

  it("its own timeoutMs: TwilioTimeoutError, nothing sent, before the first settles", async () => {
    const { fake, client, path } = await setup(create);
    fake.inject(faults.delay(3_000));
    const { order, track } = settleOrder();
    const input = { path, body: { Identity: "slow" } };
    const first = track("first", client.addParticipant(input));
    const waiter = track("waiter", client.addParticipant({ ...input, timeoutMs: 100 }));

    const error = await rejection(waiter);
    expect(error).toBeInstanceOf(TwilioTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 100, requestSent: false, attempts: 0, method: "POST" });
    expect(error.url).toBe(
      `${fake.baseUrl}/v1/Services/${path.ChatServiceSid}/Conversations/${path.ConversationSid}/Participants`,
    );
    expect(error.message).toMatch(/waited behind an earlier addParticipant/);
    expect(order).toEqual(["waiter"]);
    expect((await first).outcome).toBe("created");
    expect(fake.participants).toHaveLength(1);
    expect(posts(fake.requests)).toBe(1);
  });

  it("an already-aborted signal rejects with its reason, sending and queueing nothing", async () => {
    const { fake, client, path } = await setup(create);
    const reason = new Error("never mind");
    const input = { path, body: { Identity: "nobody" }, signal: AbortSignal.abort(reason) };
    expect(await rejection(client.addParticipant(input))).toBe(reason);
    expect(fake.requests).toEqual([]);

    // Behind a call in flight too: it does not wait for that call, nor resolve with its participant.
    fake.inject(faults.delay(3_000));
    const { order, track } = settleOrder();
    const first = track("first", client.addParticipant({ path, body: { Identity: "nobody" } }));
    expect(await rejection(track("aborted", client.addParticipant(input)))).toBe(reason);
    expect(order).toEqual(["aborted"]);
    await first;
    expect(posts(fake.requests)).toBe(1);
  });

  it("a waiter whose first call fails takes its turn with its own create, under its own signal", async () => {
    const { fake, client, path } = await setup(create);
    fake.inject({ ...faults.status(400), delayMs: 200 });
    const input = { path, body: { Identity: "second-try" } };
    const first = client.addParticipant(input);
    const waiter = client.addParticipant({ ...input, signal: new AbortController().signal, timeoutMs: 5_000 });
    await expect(first).rejects.toMatchObject({ status: 400 });
    expect((await waiter).outcome).toBe("created");
    expect(fake.participants).toHaveLength(1);
  });
});

describe.each(TRANSPORTS)("%s: the waits inside one call", (_transport, create) => {
  it("a Retry-After wait ends at the caller's signal, with its reason; nothing more is sent", async () => {
    const { fake, client, path } = await setup(create);
    fake.inject(faults.rateLimited("20"), faults.rateLimited("20"));
    const reason = new Error("no time for a 20 s wait");
    const create1 = client.createServiceConversationParticipant({
      path,
      body: { Identity: "patient" },
      signal: abortAfter(100, reason),
    });
    expect(await rejection(create1)).toBe(reason);
    const added = client.addParticipant({ path, body: { Identity: "patient" }, signal: abortAfter(100, reason) });
    expect(await rejection(added)).toBe(reason);
    expect(posts(fake.requests)).toBe(2); // one each: the resends 20 s later never happened
    expect(fake.participants).toEqual([]);
  });

  it("the settle wait before a lookup ends at the caller's signal, with its reason", async () => {
    const { fake, client, path } = await setup(create);
    fake.inject(faults.status(500));
    const reason = new Error("no time to settle");
    const call = client.addParticipant(
      { path, body: { Identity: "unsettled" }, signal: abortAfter(100, reason) },
      { settleMs: 2_000_000_000 },
    );
    expect(await rejection(call)).toBe(reason);
    expect(fake.requests.map((r) => r.method)).toEqual(["POST"]);
  });
});
