// addParticipants' `beforeStart` hook (the CLI's durable "started" record): awaited before an
// item's first create goes out, never before a resend; an item whose hook rejects, or whose run is
// stopped while the hook runs, is never sent.
import { describe, expect, it } from "vitest";
import type { BulkResult } from "../../src/participants/bulk-types.js";
import { faults } from "../../src/testing/index.js";
import { collect, setup } from "./support.js";

const byIndex = (results: BulkResult[]) => [...results].sort((a, b) => a.index - b.index);

describe("addParticipants' beforeStart", () => {
  it("is awaited before each item's first create, once per item even when a 429 has it sent again", async () => {
    const { fake, client, item } = await setup();
    fake.inject(faults.rateLimited("0"));
    const log: Array<[number, string, number]> = [];
    const run = client.addParticipants([item("a"), item("b")], {
      beforeStart: async (it, index) => {
        await new Promise((r) => setTimeout(r, 20));
        const identity = (it.body as { Identity: string }).Identity;
        // How many creates of this item the server has seen: none yet.
        log.push([index, identity, fake.requests.filter((r) => r.form?.Identity === identity).length]);
      },
    });
    const results = byIndex(await collect(run));
    expect(results.map((r) => [r.index, r.outcome])).toEqual([
      [0, "created"],
      [1, "created"],
    ]);
    expect(fake.requests.filter((r) => r.method === "POST")).toHaveLength(3); // one 429, sent again
    expect(log.sort()).toEqual([
      [0, "a", 0],
      [1, "b", 0],
    ]); // the resend after the 429 wrote no second start record
  });

  it("fails an item whose hook rejects, unsent (tries 0), and goes on with the others", async () => {
    const { fake, client, item } = await setup();
    const broken = new Error("disk full");
    const run = client.addParticipants([item("a"), item("b")], {
      beforeStart: (_it, index) => (index === 0 ? Promise.reject(broken) : undefined),
    });
    const [a, b] = byIndex(await collect(run));
    expect(a).toMatchObject({ index: 0, outcome: "failed", tries: 0, error: broken });
    expect(b).toMatchObject({ index: 1, outcome: "created", tries: 1 });
    expect(b!.attempts).toBe(b!.tries); // the deprecated name of `tries`, kept for callers that read it
    expect(fake.requests.map((r) => r.form?.Identity)).toEqual(["b"]);
  });

  it("sends nothing for an item whose run is stopped while its hook runs", async () => {
    const { fake, client, item } = await setup();
    const controller = new AbortController();
    const reason = new Error("stop");
    const run = client.addParticipants([item("a")], {
      signal: controller.signal,
      beforeStart: () => controller.abort(reason),
    });
    const [a] = await collect(run);
    expect(a).toMatchObject({ outcome: "failed", tries: 0, error: reason });
    expect(fake.requests).toEqual([]);
  });
});
