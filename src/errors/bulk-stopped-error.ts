import { TwilioError } from "./twilio-error.js";

/** Why `addParticipants` stopped on its own. */
export type BulkStopReason = "credentials" | "outage" | "conversation-gone";

/**
 * `addParticipants` stopped sending because what failed would fail every row: Twilio refused the
 * credentials (`credentials`), the service kept failing creates through every pause
 * (`outage`), or the conversation no longer exists (`conversation-gone`, that conversation's rows
 * only). Items never sent fail with it (`attempts` 0); `cause` is the failure that decided it.
 * Nothing was sent for them: running the same items again adds them.
 */
export class TwilioBulkStoppedError extends TwilioError {
  override name = "TwilioBulkStoppedError" as const;
  readonly reason: BulkStopReason;

  constructor(reason: BulkStopReason, message: string, cause: unknown) {
    super(message, { attempts: 0, cause });
    this.reason = reason;
  }
}
