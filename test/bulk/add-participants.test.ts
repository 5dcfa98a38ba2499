// client.addParticipants against the fake server with Twilio's per-conversation limit on: pacing
// and back-off are asserted by what the server counted per one-second window, never by wall time.
import { afterEach, describe, expect, it } from "vitest";
import type { BulkItem, BulkProgress, BulkResult } from "../../src/participants/bulk-types.js";
import { createConversationsClient, TwilioValidationError } from "../../src/node.js";
import { startFakeConversations, type FakeConversations } from "../../src/testing/index.js";

const clientOf = (f: { accountSid: string; authToken: string; baseUrl: string }) =>
  createConversationsClient({ accountSid: f.accountSid, authToken: f.authToken, baseUrl: f.baseUrl });

let fake: FakeConversations | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const SERVICE = "IS00000000000000000000000000000001";
const conv = (n: number) => `CH${String(n).padStart(32, "0")}`;

async function start(conversations: number, limit?: number) {
  fake = await startFakeConversations({
    services: { [SERVICE]: Array.from({ length: conversations }, (_, i) => conv(i + 1)) },
    rateLimit: limit ? { perSecond: limit } : false,
  });
  return { fake, client: clientOf(fake) };
}

function* people(conversation: string, count: number, prefix = "p"): Generator<BulkItem> {
  for (let i = 0; i < count; i++) {
    yield {
      path: { ChatServiceSid: SERVICE, ConversationSid: conversation },
      body: { Identity: `${prefix}-${conversation.slice(-2)}-${i}` },
    };
  }
}

function* interleave<T>(...sources: Iterable<T>[]): Generator<T> {
  const its = sources.map((s) => s[Symbol.iterator]());
  for (let live = its.length; live > 0;) {
    live = 0;
    for (const it of its) {
      const next = it.next();
      if (!next.done) (live++, yield next.value);
    }
  }
}

async function collect(run: AsyncIterable<BulkResult>) {
  const results: BulkResult[] = [];
  for await (const r of run) results.push(r);
  return results;
}

const identities = (f: FakeConversations) => f.participants.map((p) => `${p.conversation_sid}/${p.identity}`);

describe("addParticipants", () => {
  it("keeps every conversation at or under 30 creates in any one second, as the server counts them", async () => {
    const { fake, client } = await start(2, 30);
    const progress: BulkProgress[] = [];
    const run = client.addParticipants(interleave(people(conv(1), 70), people(conv(2), 70)), {
      total: 140,
      onProgress: (p) => progress.push(p),
    });
    const results = await collect(run);
    expect(progress.at(-1)).toMatchObject({ done: 140, failed: 0, total: 140, etaMs: 0 });
    expect(progress.some((p) => p.done < 140 && p.etaMs! > 0 && Object.keys(p.pace).length > 0)).toBe(true);
    expect(results).toHaveLength(140);
    expect(results.every((r) => r.outcome === "created")).toBe(true);
    expect(new Set(results.map((r) => r.index)).size).toBe(140);
    expect(fake.rateLimited()).toEqual({});
    const peaks = fake.createsPerSecond();
    expect(Object.keys(peaks).sort()).toEqual([conv(1), conv(2)]);
    for (const peak of Object.values(peaks)) expect(peak).toBeLessThanOrEqual(30);
    expect(new Set(identities(fake)).size).toBe(140);
    expect(run.summary).toMatchObject({
      created: 140,
      existing: 0,
      failed: 0,
      rateLimited: 0,
      finished: true,
      stopped: false,
    });
  });

  it("shares one conversation's pace and its 429 back-off between calls on the same client", async () => {
    // The server allows 10/s; the client is told 20/s. Two concurrent runs on conversation 1 must
    // together stay within 20/s, slow down on 429s and still add everything once; conversation 2,
    // at its own 10/s, sees no 429 at all.
    const { fake, client } = await start(2, 10);
    const a = client.addParticipants(people(conv(1), 30, "a"), { ratePerConversation: 20 });
    const b = client.addParticipants(people(conv(1), 30, "b"), { ratePerConversation: 20 });
    const c = client.addParticipants(people(conv(2), 30, "c"), { ratePerConversation: 10 });
    const [ra, rb, rc] = await Promise.all([collect(a), collect(b), collect(c)]);
    for (const r of [...ra, ...rb, ...rc]) expect(r.outcome).toBe("created");
    const limited = fake.rateLimited();
    expect(limited[conv(1)]).toBeGreaterThan(0);
    expect(limited[conv(2)]).toBeUndefined();
    expect(a.summary.rateLimited + b.summary.rateLimited).toBe(limited[conv(1)]);
    expect(fake.createsPerSecond()[conv(1)]).toBeLessThanOrEqual(20);
    expect(fake.createsPerSecond()[conv(2)]).toBeLessThanOrEqual(10);
    expect(fake.participants).toHaveLength(90);
    expect(new Set(identities(fake)).size).toBe(90);
  });

  it("with other traffic using 10 of a conversation's 30 actions/s, draws few 429s and adds every row once", async () => {
    // Each 429 takes one off the pace (what did not fit) and its create leaves the window; a pace
    // that ignored 429s would send 30/s into the 20/s left and draw about a third of 429s.
    const { fake, client } = await start(2, 30);
    for (const c of [conv(1), conv(2)]) fake.backgroundTraffic(c, 10);
    const run = client.addParticipants(interleave(people(conv(1), 120), people(conv(2), 120)));
    const results = await collect(run);
    expect(results.every((r) => r.outcome === "created")).toBe(true);
    const limited = Object.values(fake.rateLimited()).reduce((a, b) => a + b, 0);
    const creates = fake.requests.filter((r) => r.method === "POST").length;
    expect(run.summary.rateLimited).toBe(limited);
    expect(creates).toBe(240 + limited);
    expect(limited / creates).toBeLessThanOrEqual(0.15);
    expect(new Set(identities(fake)).size).toBe(240);
    expect(fake.participants).toHaveLength(240);
  });

  it("keeps one pace per conversation when calls ask different rates: none starts past its own", async () => {
    // Each call used to replace the other's pace (a different ceiling started afresh), so together
    // they sent far more than either asked for. The server allows 30/s.
    const { fake, client } = await start(1, 30);
    const a = client.addParticipants(people(conv(1), 60, "a"), { ratePerConversation: 30 });
    const b = client.addParticipants(people(conv(1), 40, "b"), { ratePerConversation: 20 });
    const [ra, rb] = await Promise.all([collect(a), collect(b)]);
    for (const r of [...ra, ...rb]) expect(r.outcome).toBe("created");
    expect(fake.rateLimited()).toEqual({});
    expect(fake.createsPerSecond()[conv(1)]).toBeLessThanOrEqual(30);
    expect(new Set(identities(fake)).size).toBe(100);
  });

  it("reports one bad row among good ones, adds the rest, and finds one already there; the bad row is never sent", async () => {
    const { fake, client } = await start(1);
    const items: BulkItem[] = [...people(conv(1), 5)];
    await client.addParticipant(items[0]!);
    items.splice(2, 0, {
      path: { ChatServiceSid: SERVICE, ConversationSid: conv(1) },
      body: { Identity: "x", RoleSid: "not-a-role" },
    });
    items.push({ path: { ChatServiceSid: SERVICE, ConversationSid: conv(9) }, body: { Identity: "lost" } });
    const run = client.addParticipants(items);
    const results = (await collect(run)).sort((x, y) => x.index - y.index);
    expect(results.map((r) => r.outcome)).toEqual([
      "existing",
      "created",
      "failed",
      "created",
      "created",
      "created",
      "failed",
    ]);
    const bad = results[2]!;
    expect(bad.outcome === "failed" && bad.error).toBeInstanceOf(TwilioValidationError);
    expect((bad as { error: TwilioValidationError }).error.problems.map((p) => p.field)).toContain("RoleSid");
    expect(fake.requests.filter((r) => r.form?.Identity === "x")).toEqual([]);
    expect(fake.participants).toHaveLength(5);
    expect(run.summary).toMatchObject({
      created: 4,
      existing: 1,
      failed: 2,
      errors: { TwilioValidationError: 1, "20404": 1 },
    });
  });

  it("reads items lazily: an endless source with a small lookahead is read only as far as needed", async () => {
    const { client } = await start(1);
    let pulled = 0;
    function* endless(): Generator<BulkItem> {
      for (let i = 0; ; i++) {
        pulled++;
        yield { path: { ChatServiceSid: SERVICE, ConversationSid: conv(1) }, body: { Identity: `e${i}` } };
      }
    }
    const controller = new AbortController();
    const run = client.addParticipants(endless(), {
      lookahead: 5,
      concurrency: 2,
      ratePerConversation: 1000,
      signal: controller.signal,
    });
    let seen = 0;
    for await (const r of run) {
      // Those still in flight at the abort are reported failed with the signal's reason.
      if (++seen <= 20) expect(r.outcome).toBe("created");
      if (seen === 20) controller.abort();
    }
    expect(pulled).toBeLessThanOrEqual(20 + 5 + 2 + 1);
    expect(run.summary).toMatchObject({ stopped: true, finished: true });
  });

  it("starts each item as soon as it is read, while a slow source is still producing the next", async () => {
    const { client } = await start(1);
    const events: string[] = [];
    let resultSeen = () => {};
    async function* slow(): AsyncGenerator<BulkItem> {
      for (const item of people(conv(1), 3)) {
        const seen = new Promise<void>((resolve) => (resultSeen = resolve));
        events.push(`read ${item.body!.Identity}`);
        yield item;
        // Like a queue whose next row comes only after this one is added. The wait is bounded, so a
        // run that holds items back until it has more still ends (with the events out of order).
        await Promise.race([seen, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      }
    }
    for await (const r of client.addParticipants(slow())) {
      events.push(`result ${r.item.body!.Identity}`);
      resultSeen();
    }
    const ids = [...people(conv(1), 3)].map((item) => item.body!.Identity);
    expect(events).toEqual(ids.flatMap((id) => [`read ${id}`, `result ${id}`]));
  });

  it("refuses bad options, naming each", () => {
    const client = clientOf({ accountSid: `AC${"0".repeat(32)}`, authToken: "t", baseUrl: "http://127.0.0.1:9" });
    expect(() => client.addParticipants([], { concurrency: 0, ratePerConversation: 1.5 })).toThrow(
      /concurrency.*ratePerConversation|ratePerConversation.*concurrency/,
    );
  });
});
