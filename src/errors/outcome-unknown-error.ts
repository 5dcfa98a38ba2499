import { TwilioError } from "./twilio-error.js";
import { counted } from "./wording.js";

/** What `addParticipant` knows when it gives up without knowing whether the participant exists. */
export interface OutcomeUnknownDetails {
  /** Every HTTP attempt of the call: creates and lookups. */
  attempts: number;
  /** Create requests sent. */
  creates: number;
  /**
   * The last lookup: `not-found` (no participant yet, and no resend left within maxRetries: the last
   * create may still be processed), or `failed` (the lookup itself failed; see `lookupError`).
   */
  lookup: "not-found" | "failed";
  /**
   * The last create's error: why its outcome is unknown (a timeout, a reset, a 500/502/504, an
   * unreadable 2xx), or Twilio's duplicate answer (50433, 50437, 50416) when the lookup then failed.
   */
  createError: TwilioError;
  /** Why the last lookup failed, when it did. */
  lookupError?: TwilioError | undefined;
}

/**
 * `addParticipant` could not tell whether the participant was created: a create got no usable
 * answer and the lookups after it could not settle the question. Look it up later (or call
 * `addParticipant` again: it never adds a second one).
 */
export class TwilioOutcomeUnknownError extends TwilioError {
  override name = "TwilioOutcomeUnknownError" as const;
  /** Create requests sent. */
  readonly creates: number;
  /** `not-found`: the last lookup found nothing and no resend was left; `failed`: the lookup failed. */
  readonly lookup: "not-found" | "failed";
  /** The last create's error: an unknown outcome, or Twilio's duplicate answer before a failed lookup. */
  readonly createError: TwilioError;
  /** Why the last lookup failed, when it did. */
  readonly lookupError: TwilioError | undefined;

  constructor(d: OutcomeUnknownDetails) {
    const { status, code } = d.createError as { status?: unknown; code?: unknown };
    const twilioCode = typeof code === "number" ? `, Twilio code ${code}` : "";
    const how = `${d.createError.name}${typeof status === "number" ? ` (HTTP ${status}${twilioCode})` : ""}`;
    const known =
      d.lookup === "failed"
        ? `looking it up failed too (${d.lookupError?.message ?? "no detail"})`
        : "a lookup did not find it, and no resend was left within maxRetries";
    super(
      `whether the participant was created is unknown after ${counted(d.creates, "create")} and ${d.attempts} ` +
        `attempts in all: the last create ended with ${how}, and ${known}`,
      { attempts: d.attempts, cause: d.lookupError ?? d.createError },
    );
    this.creates = d.creates;
    this.lookup = d.lookup;
    this.createError = d.createError;
    this.lookupError = d.lookupError;
  }
}
