// What a failed create says about whether Twilio acted on it, by Twilio's error codes and the
// retry policy's statuses. addParticipant decides what to do next from this alone.
import { TwilioApiError } from "../../errors/api-error.js";
import { TwilioConnectionError } from "../../errors/connection-error.js";
import { TwilioTimeoutError } from "../../errors/timeout-error.js";
import { STATUS_POLICY } from "../../internal/retry.js";

/** Twilio's error codes for a participant that is already there (twilio.com/docs/api/errors). */
export const DUPLICATE_CODES = {
  /** "Participant already exists": this identity, in this conversation. */
  identity: 50433,
  /** "Group Participant already exists": "your participant is already present". */
  group: 50437,
  /** The address + proxy address pair is in an active conversation: this one, or another. */
  binding: 50416,
} as const;

/** @internal How a create that did not answer 201 ended, as far as adding exactly once cares. */
export type CreateFailure =
  | { kind: "duplicate"; by: "identity" | "binding"; elsewhere: boolean }
  | { kind: "unknown" }
  /** 429 or 503 after the retry policy's resends: not processed (see `classify`). */
  | { kind: "refused" }
  /**
   * 404: the service or conversation is missing, or Twilio's re-add quirk (a deleted identity added
   * again can answer 404 / 20404 although the participant was created; Twilio support documents it).
   */
  | { kind: "missing" }
  | { kind: "final" };

/**
 * @internal A refusal (the retry table's refused statuses, 429 and 503) answers the one copy of a
 * create that went out: no transport resends a POST that may have been written (a stale pooled
 * socket's resend happens only when provably unwritten), so Twilio processed nothing and the
 * refusal is believed, with no lookup.
 */
export function classify(error: unknown): CreateFailure {
  if (error instanceof TwilioApiError) {
    if (error.code === DUPLICATE_CODES.identity) return { kind: "duplicate", by: "identity", elsewhere: false };
    if (error.code === DUPLICATE_CODES.group) return { kind: "duplicate", by: "binding", elsewhere: false };
    if (error.code === DUPLICATE_CODES.binding) return { kind: "duplicate", by: "binding", elsewhere: true };
    if (STATUS_POLICY.refused.has(error.status)) return { kind: "refused" };
    if (error.status === 404) return { kind: "missing" };
    // 500/502/504, and a 2xx or 3xx whose body could not be used: Twilio may have acted.
    return STATUS_POLICY.ambiguous.has(error.status) || error.status < 400 ? { kind: "unknown" } : { kind: "final" };
  }
  if (error instanceof TwilioTimeoutError || error instanceof TwilioConnectionError) {
    return error.requestSent ? { kind: "unknown" } : { kind: "final" };
  }
  return { kind: "final" }; // validation, the caller's abort, anything else: nothing to look up
}
