// addParticipants before its first read: the engine is loaded (an import()) only when the run is read,
// so until then nothing is read from the source and nothing is sent; the options are still checked at
// the call, and `summary` is the empty one.
import { describe, expect, it } from "vitest";
import { TwilioValidationError } from "../../src/index.js";
import type { BulkItem } from "../../src/participants/bulk-types.js";
import { collect, setup } from "./support.js";

describe("addParticipants before its first read", () => {
  it("reads and sends nothing, and reports the empty summary, until the run is read", async () => {
    const { fake, client, item } = await setup();
    let taken = 0;
    function* source(): Generator<BulkItem> {
      for (const name of ["a", "b"]) {
        taken++;
        yield item(name);
      }
    }
    const run = client.addParticipants(source());
    await new Promise((r) => setTimeout(r, 50));
    expect(taken).toBe(0);
    expect(fake.requests).toEqual([]);
    expect(run.summary).toMatchObject({ created: 0, failed: 0, finished: false, stopped: false, elapsedMs: 0 });

    const results = await collect(run);
    expect(results.map((r) => r.outcome)).toEqual(["created", "created"]);
    expect(run.summary).toMatchObject({ created: 2, finished: true });
    expect(fake.participants.map((p) => p.identity).sort()).toEqual(["a", "b"]);
  });

  it("throws a bad option at the call, naming it, with nothing read", async () => {
    const { fake, client, item } = await setup();
    let taken = 0;
    const source = {
      *[Symbol.iterator]() {
        taken++;
        yield item("a");
      },
    };
    let thrown: unknown;
    try {
      client.addParticipants(source, { concurrency: 0 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TwilioValidationError);
    expect((thrown as TwilioValidationError).problems.map((p) => p.field)).toEqual(["concurrency"]);
    expect(taken).toBe(0);
    expect(fake.requests).toEqual([]);
  });

  it("names a bad circuit-breaker option as the caller wrote it (outage.after)", async () => {
    const { client, item } = await setup();
    let thrown: unknown;
    try {
      client.addParticipants([item("a")], { outage: { after: 0, tries: 2, pauseMs: -1 } });
    } catch (error) {
      thrown = error;
    }
    const problems = (thrown as TwilioValidationError).problems;
    expect(problems.map((p) => p.field)).toEqual(["outage.after", "outage.pauseMs"]);
    expect(problems[0]!.message).toMatch(/^outage\.after must be a whole number of at least 1/);
  });

  it("runs two runs of one client on the engine loaded by the first, sharing its pace", async () => {
    const { fake, client, item } = await setup();
    const [first, second] = await Promise.all([
      collect(client.addParticipants([item("a")])),
      collect(client.addParticipants([item("b")])),
    ]);
    expect([...first, ...second].map((r) => r.outcome)).toEqual(["created", "created"]);
    expect(fake.requests.filter((r) => r.method === "POST")).toHaveLength(2);
  });
});
