// The line a run that stopped on its own ends with: why, and what to do next.
import type { BulkSummary } from "../participants/bulk-types.js";
import { TwilioBulkStoppedError } from "../errors/bulk-stopped-error.js";

/** Why the run stopped early, on one line for the operator; undefined when it did not stop on its own. */
export function stopLine(summary: BulkSummary): string | undefined {
  const gone = summary.conversationsGone.map((key) => key.split("/")[1]).join(", ");
  const goneLine = gone && `conversations gone mid-run (their other rows were not sent): ${gone}`;
  const reason = summary.stopReason;
  if (!(reason instanceof TwilioBulkStoppedError)) return goneLine || undefined;
  const why =
    reason.reason === "credentials"
      ? "stopped: Twilio refused the credentials mid-run (revoked or rotated?); fix TWILIO_AUTH_TOKEN " +
        "(or the API key), then run the same command again to add the rest"
      : "stopped: Twilio is failing every create (server errors, timeouts or resets through every pause); " +
        "run the same command again later: it resumes where this one stopped";
  return [why, `(${reason.message})`, goneLine].filter(Boolean).join(" ");
}
