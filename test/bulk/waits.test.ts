// A stopped addParticipants run does not wait on anyone else's call: an item queued behind a slow
// addParticipant for the same participant, and an item waiting for its conversation's pace behind
// it, both end at once with the run's signal's reason, while the slow call runs on for its caller.
import { describe, expect, it } from "vitest";
import type { BulkResult } from "../../src/participants/bulk-types.js";
import { faults } from "../../src/testing/index.js";
import { setup } from "./support.js";

describe("addParticipants stopped while its items wait", () => {
  it("an item behind a slow addParticipant and one waiting for the pace end with the reason, before the slow call", async () => {
    const { fake, client, item } = await setup();
    fake.inject(faults.delay(3_000)); // the slow call's create: stored, and answered, after 3 s
    const order: string[] = [];
    const slow = client.addParticipant(item("a"));
    slow.then(() => order.push("slow call"));
    const controller = new AbortController();
    const reason = new Error("stop");
    setTimeout(() => controller.abort(reason), 100);
    // At 1 create per second, b waits for a's answer; a waits behind the slow call for "a".
    const run = client.addParticipants([item("a"), item("b")], { ratePerConversation: 1, signal: controller.signal });
    const results: BulkResult[] = [];
    for await (const r of run) results.push(r);
    order.push("run");

    expect(results.map((r) => [r.index, r.outcome])).toEqual([
      [0, "failed"],
      [1, "failed"],
    ]);
    expect(results.every((r) => r.outcome === "failed" && r.error === reason)).toBe(true);
    expect(run.summary).toMatchObject({ failed: 2, stopped: true, finished: true });
    expect((await slow).outcome).toBe("created");
    expect(order).toEqual(["run", "slow call"]);
    expect(fake.requests.map((r) => `${r.method} ${r.form?.Identity}`)).toEqual(["POST a"]);
    expect(fake.participants.map((p) => p.identity)).toEqual(["a"]);
  });

  it("an already-aborted signal sends nothing", async () => {
    const { fake, client, item } = await setup();
    const run = client.addParticipants([item("a"), item("b")], { signal: AbortSignal.abort(new Error("no")) });
    for await (const r of run) expect.fail(`no result expected, got ${JSON.stringify(r)}`);
    expect(run.summary).toMatchObject({ created: 0, failed: 0, finished: true });
    expect(fake.requests).toEqual([]);
  });
});
