// A bulk run's summary as it starts: what \`run.summary\` says before the engine is loaded, and
// what the engine counts from. A module of its own, importing nothing, so the engine's chunk
// does not pull the core in with it.
import type { BulkSummary } from "../bulk-types.js";

/** @internal A run's summary before anything is read. */
export function newSummary(): BulkSummary {
  return {
    created: 0,
    existing: 0,
    failed: 0,
    errors: {},
    rateLimited: 0,
    elapsedMs: 0,
    finished: false,
    stopped: false,
    stopReason: undefined,
    conversationsGone: [],
  };
}
