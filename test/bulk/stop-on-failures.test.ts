// addParticipants stops on what would fail every row: refused credentials (a revoked token), a
// service failing every create (the circuit breaker), and a conversation deleted mid-run (its other
// rows only). Asserted on what went over the wire and what the fake stored.
import { describe, expect, it } from "vitest";
import type { BulkResult } from "../../src/participants/bulk-types.js";
import { TwilioBulkStoppedError } from "../../src/node.js";
import { faults } from "../../src/testing/index.js";
import { collect, setup } from "./support.js";

type Failed = Extract<BulkResult, { outcome: "failed" }>;
const notStarted = (rs: BulkResult[]) =>
  rs.filter((r): r is Failed => r.outcome === "failed" && r.tries === 0 && r.error instanceof TwilioBulkStoppedError);

describe("addParticipants stops on failures that would fail every row", () => {
  it("a revoked token stops all sending at once: the rest are not started", async () => {
    const { fake, client, item } = await setup();
    const items = Array.from({ length: 100 }, (_, i) => item(`p${i}`));
    const run = client.addParticipants(items, { ratePerConversation: 10 });
    const results: BulkResult[] = [];
    for await (const r of run) {
      results.push(r);
      if (results.length === 5) fake.revoke();
    }
    expect(results).toHaveLength(100);
    const posts = fake.requests.filter((r) => r.method === "POST").length;
    // Sent: the five, those in flight when the token went (at most one second's 10), no more.
    expect(posts).toBeLessThanOrEqual(5 + 10 + 1);
    expect(notStarted(results).length).toBeGreaterThanOrEqual(100 - posts);
    expect(run.summary.stopReason).toBeInstanceOf(TwilioBulkStoppedError);
    expect((run.summary.stopReason as TwilioBulkStoppedError).reason).toBe("credentials");
    expect(fake.participants.length).toBeGreaterThanOrEqual(5);
  });

  it("a service answering 500 to every create opens the circuit, probes, then stops: ~tens of requests, not thousands", async () => {
    const { fake, client, item, other } = await setup();
    fake.failAll(faults.status(500));
    const items = Array.from({ length: 600 }, (_, i) => item(`p${i}`, i % 2 ? other : fake.conversationSid));
    const run = client.addParticipants(items, { outage: { pauseMs: 100 } });
    const results = await collect(run);
    expect(results).toHaveLength(600);
    expect(fake.requests.length).toBeLessThan(150);
    expect(notStarted(results).length).toBeGreaterThan(500);
    expect((run.summary.stopReason as TwilioBulkStoppedError).reason).toBe("outage");
    expect(fake.participants).toHaveLength(0);
  });

  it("a short outage only pauses: a success closes the circuit and every row is added", async () => {
    const { fake, client, item } = await setup();
    fake.inject(...Array.from({ length: 6 }, () => faults.unavailable()));
    const results = await collect(
      client.addParticipants(
        Array.from({ length: 20 }, (_, i) => item(`p${i}`)),
        { outage: { pauseMs: 50 }, maxRetries: 10 },
      ),
    );
    expect(results.filter((r) => r.outcome === "created")).toHaveLength(20);
    expect(fake.participants).toHaveLength(20);
  });

  it("a conversation deleted mid-run: read again, its other rows not started, the other conversation goes on", async () => {
    const { fake, client, item, other } = await setup();
    const items = Array.from({ length: 40 }, (_, i) => item(`p${i}`, i % 2 ? other : fake.conversationSid));
    const run = client.addParticipants(items, { ratePerConversation: 5 });
    const results: BulkResult[] = [];
    for await (const r of run) {
      results.push(r);
      if (results.length === 4) fake.removeConversation(fake.serviceSid, other);
    }
    expect(results).toHaveLength(40);
    const reads = fake.requests.filter((r) => r.method === "GET" && r.url.endsWith(`/Conversations/${other}`));
    expect(reads).toHaveLength(1);
    // Every row of the first conversation was added; none of the gone one's was sent after the read.
    expect(fake.participants.filter((p) => p.conversation_sid === fake.conversationSid)).toHaveLength(20);
    const gone = notStarted(results).filter((r) => r.item.path.ConversationSid === other);
    expect(gone.length).toBeGreaterThan(10);
    expect((gone[0]!.error as TwilioBulkStoppedError).reason).toBe("conversation-gone");
    expect(run.summary.conversationsGone).toEqual([`${fake.serviceSid}/${other}`]);
  });

  it("a 404 on a create whose conversation is still there fails only that row", async () => {
    const { fake, client, item } = await setup();
    fake.inject({ status: 404 });
    const results = await collect(client.addParticipants(Array.from({ length: 5 }, (_, i) => item(`p${i}`))));
    expect(results.filter((r) => r.outcome === "created").length).toBeGreaterThanOrEqual(4);
    expect(fake.requests.filter((r) => r.url.endsWith(`/Conversations/${fake.conversationSid}`))).toHaveLength(1);
    expect(notStarted(results)).toHaveLength(0);
  });
});
