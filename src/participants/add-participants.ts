// `client.addParticipants(items, options?)`: many adds, each exactly once through `addParticipant`,
// paced per conversation at Twilio's rate, with results as they complete. Options are checked at the
// call (internal/bulk-start.ts); the engine (internal/bulk-run.ts, with the paces and the participant
// policy: internal/bulk-engine.ts) is loaded on a run's first read, once per client. Public types: bulk-types.ts.
import type { AddOne, AddParticipants, BulkRun, ReadConversation } from "./bulk-types.js";
import type { BulkRunner } from "./internal/bulk-run.js";
import { checkLimits } from "./internal/bulk-start.js";
import { newSummary } from "./internal/summary.js";

/** @internal One client's `addParticipants`: its paces are shared by every call on that client. */
export function bulkAdder(addOne: AddOne, readConversation?: ReadConversation): AddParticipants {
  let loaded: Promise<Engine> | undefined;
  const engine = () => (loaded ??= import("./internal/bulk-engine.js").then((m) => ({ ...m, paces: new m.Paces() })));

  return (items, options = {}): BulkRun => {
    const limits = checkLimits(options);
    let runner: BulkRunner | undefined;
    let iterated = false;
    async function* run() {
      const { BulkRunner, paces, PARTICIPANT_BULK } = await engine();
      runner = new BulkRunner(addOne, paces, options, limits, PARTICIPANT_BULK, readConversation);
      yield* runner.iterate(items);
    }
    return {
      get summary() {
        return runner?.snapshot() ?? newSummary();
      },
      [Symbol.asyncIterator]() {
        if (iterated) throw new TypeError("addParticipants: a run can be iterated only once");
        iterated = true;
        return run();
      },
    };
  };
}

type Engine = typeof import("./internal/bulk-engine.js") & { paces: import("./internal/pace.js").Paces };
