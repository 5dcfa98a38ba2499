// Which failures a bulk run may try again on its own: a 429 (Twilio never processes it), a failure
// that provably never reached Twilio, and an outcome addParticipant could not settle (calling it
// again looks the participant up before creating). Everything else is the item's result. The
// statuses come from the retry table (`STATUS_POLICY`): a status Twilio refuses without acting is
// tried again here as it is resent there.
import { TwilioApiError } from "../../errors/api-error.js";
import { TwilioConnectionError } from "../../errors/connection-error.js";
import { TwilioOutcomeUnknownError } from "../../errors/outcome-unknown-error.js";
import { TwilioTimeoutError } from "../../errors/timeout-error.js";
import { STATUS_POLICY } from "../../internal/retry.js";

/** @internal How the bulk engine reads a failure; `addParticipants` hands it `BULK_ERRORS`. */
export interface BulkErrorPolicy {
  /** `error` says "slow down" (its `retryAfter` says how long, when it does). */
  rateLimit(error: unknown): boolean;
  /** The wait an answer asked for (`Retry-After`), if any. */
  retryAfter(error: unknown): number | undefined;
  /** Safe to try again: not acted on, or still unknown to a call that looks up before it creates. */
  worthAnotherTry(error: unknown): boolean;
  /** The credentials were refused: every later request fails the same way. */
  refusedCredentials(error: unknown): boolean;
  /** The service is failing, not the row: feeds the circuit breaker. */
  serviceFailure(error: unknown): boolean;
  /** The item's container may be gone (read it to tell). */
  notFound(error: unknown): boolean;
  /** A limit on concurrent requests (the whole run slows down, not one queue). */
  tooManyConcurrent(error: unknown): boolean;
}

const statusOf = (error: unknown) => (error instanceof TwilioApiError ? error.status : undefined);

/** @internal What each failure of `addParticipant` means to a bulk run. */
export const BULK_ERRORS: BulkErrorPolicy = {
  rateLimit: (error) => error instanceof TwilioApiError && STATUS_POLICY.rateLimited.has(error.status),
  retryAfter: (error) => (error instanceof TwilioApiError ? error.retryAfterMs : undefined),
  worthAnotherTry(error) {
    if (error instanceof TwilioOutcomeUnknownError) return true;
    if (error instanceof TwilioApiError) return STATUS_POLICY.refused.has(error.status);
    return (error instanceof TwilioConnectionError || error instanceof TwilioTimeoutError) && !error.requestSent;
  },
  refusedCredentials: (error) => statusOf(error) === 401 || statusOf(error) === 403,
  serviceFailure(error): boolean {
    if (error instanceof TwilioOutcomeUnknownError) return BULK_ERRORS.serviceFailure(error.createError);
    if (error instanceof TwilioApiError) return error.status >= 500;
    return error instanceof TwilioConnectionError || error instanceof TwilioTimeoutError;
  },
  notFound: (error) => statusOf(error) === 404,
  /** Twilio's limit on concurrent requests per account (code 20429 on a rate-limit answer). */
  tooManyConcurrent: (error) => BULK_ERRORS.rateLimit(error) && (error as TwilioApiError).code === 20429,
};
