// A stopped addParticipants run (its signal aborted, or its consumer gone) against the fake server:
// every item it took from the source still gets a result, and the run ends even when the source is
// stuck waiting for its next item.
import { describe, expect, it } from "vitest";
import type { BulkItem, BulkResult } from "../../src/participants/bulk-types.js";
import { TwilioOutcomeUnknownError } from "../../src/node.js";
import { faults } from "../../src/testing/index.js";
import { collect, setup } from "./support.js";

const byIndex = (results: BulkResult[]) => [...results].sort((a, b) => a.index - b.index);

describe("addParticipants stopped by its signal", () => {
  it("reports items read but not started as failed with the signal's reason", async () => {
    const { fake, client, item } = await setup();
    const controller = new AbortController();
    const reason = new Error("stop");
    // At 1 create per second, items 1 and 2 wait for the pace when item 0's answer arrives.
    const run = client.addParticipants([item("a"), item("b"), item("c")], {
      ratePerConversation: 1,
      signal: controller.signal,
    });
    const results: BulkResult[] = [];
    for await (const r of run) {
      results.push(r);
      controller.abort(reason);
    }
    expect(byIndex(results).map((r) => [r.index, r.outcome, r.tries])).toEqual([
      [0, "created", 1],
      [1, "failed", 0],
      [2, "failed", 0],
    ]);
    expect(results.filter((r) => r.outcome === "failed").every((r) => r.error === reason)).toBe(true);
    expect(fake.requests.map((r) => r.form?.Identity)).toEqual(["a"]);
    expect(run.summary).toMatchObject({ created: 1, failed: 2, stopped: true, finished: true });
  });

  it("reports an item waiting to be tried again with its last error: the participant may exist", async () => {
    const { fake, client, item, other } = await setup();
    // x's create is stored but its answer lost, and the lookup is refused: x's outcome is unknown
    // and x waits to be tried again. y, in another conversation, takes the one slot meanwhile; its
    // answer stops the run.
    fake.inject(faults.reset(true), faults.on("fetch", faults.status(403)));
    const controller = new AbortController();
    const run = client.addParticipants([item("x"), item("y", other)], { concurrency: 1, signal: controller.signal });
    const results: BulkResult[] = [];
    for await (const r of run) {
      results.push(r);
      if (r.index === 1) controller.abort(new Error("stop"));
    }
    const [x, y] = byIndex(results);
    expect(y).toMatchObject({ index: 1, outcome: "created" });
    expect(x).toMatchObject({ index: 0, outcome: "failed", tries: 1 });
    expect(x!.outcome === "failed" && x!.error).toBeInstanceOf(TwilioOutcomeUnknownError);
    expect(fake.requests.map((r) => `${r.method} ${r.form?.Identity ?? r.url.split("/").at(-1)}`)).toEqual([
      "POST x",
      "GET x",
      "POST y",
    ]);
    expect(fake.participants.map((p) => p.identity).sort()).toEqual(["x", "y"]);
    expect(run.summary).toMatchObject({ created: 1, failed: 1, stopped: true });
  });

  /** A source that yields `first`, then waits (as a queue with nothing in it) until released. */
  function stuckAfter(first: BulkItem, then: BulkItem) {
    let release = () => {};
    let closed = () => {};
    const stuck = new Promise<void>((resolve) => (release = resolve));
    const done = new Promise<void>((resolve) => (closed = resolve));
    async function* source(): AsyncGenerator<BulkItem> {
      try {
        yield first;
        await stuck;
        yield then;
      } finally {
        closed();
      }
    }
    return { source: source(), release, done };
  }

  /** The run's end, or "still running" after a bound, so that a hang fails here and not at the timeout. */
  const within = <T>(ending: Promise<T>) =>
    Promise.race([ending, new Promise((resolve) => setTimeout(resolve, 5000, "still running").unref())]);

  it("ends when stopped while the source is stuck waiting for its next item", async () => {
    const { fake, client, item } = await setup();
    const { source, release, done } = stuckAfter(item("a"), item("b"));
    const controller = new AbortController();
    const run = client.addParticipants(source, { lookahead: 1, signal: controller.signal });
    const results: BulkResult[] = [];
    const ended = (async () => {
      for await (const r of run) (results.push(r), controller.abort(new Error("stop")));
      return "ended";
    })();
    expect(await within(ended)).toBe("ended");
    expect(results.map((r) => r.outcome)).toEqual(["created"]);
    expect(run.summary).toMatchObject({ created: 1, stopped: true, finished: true });
    release(); // the source's late item is not started: the run is over
    await done;
    await fake.idle();
    expect(fake.requests.map((r) => r.form?.Identity)).toEqual(["a"]);
  });

  it("ends when its consumer stops reading while the source is stuck, and starts nothing after", async () => {
    const { fake, client, item } = await setup();
    const { source, release, done } = stuckAfter(item("a"), item("b"));
    const ended = (async () => {
      for await (const r of client.addParticipants(source, { lookahead: 1 })) if (r.outcome === "created") break;
      return "ended";
    })();
    expect(await within(ended)).toBe("ended");
    release();
    await done;
    await new Promise((resolve) => setTimeout(resolve, 300)); // b's create would have arrived by now
    await fake.idle();
    expect(fake.requests.map((r) => r.form?.Identity)).toEqual(["a"]);
  });
});
