// Which failures a bulk run may try again on its own: a 429 (Twilio never processes it), a failure
// that provably never reached Twilio, and an outcome addParticipant could not settle (calling it
// again looks the participant up before creating). Everything else is the item's result.
import { TwilioApiError } from "../../errors/api-error.js";
import { TwilioConnectionError } from "../../errors/connection-error.js";
import { TwilioOutcomeUnknownError } from "../../errors/outcome-unknown-error.js";
import { TwilioTimeoutError } from "../../errors/timeout-error.js";

/** @internal The 429's Retry-After (if any) when `error` is a 429. */
export function rateLimit(error: unknown): { retryAfterMs: number | undefined } | undefined {
  return error instanceof TwilioApiError && error.status === 429 ? { retryAfterMs: error.retryAfterMs } : undefined;
}

/** @internal The wait an answer asked for (`Retry-After`), if any. */
export function retryAfter(error: unknown): number | undefined {
  return error instanceof TwilioApiError ? error.retryAfterMs : undefined;
}

/** @internal Safe to call addParticipant again: not acted on (503, not sent), or still unknown. */
export function worthAnotherTry(error: unknown): boolean {
  if (error instanceof TwilioOutcomeUnknownError) return true;
  if (error instanceof TwilioApiError) return error.status === 503;
  return (error instanceof TwilioConnectionError || error instanceof TwilioTimeoutError) && !error.requestSent;
}

/** @internal Twilio refused the credentials: every later request fails the same way. */
export function refusedCredentials(error: unknown): boolean {
  return error instanceof TwilioApiError && (error.status === 401 || error.status === 403);
}

/** @internal A failure that says the service is failing, not the row: a 5xx, a timeout, a reset. */
export function serviceFailure(error: unknown): boolean {
  if (error instanceof TwilioOutcomeUnknownError) return serviceFailure(error.createError);
  if (error instanceof TwilioApiError) return error.status >= 500;
  return error instanceof TwilioConnectionError || error instanceof TwilioTimeoutError;
}

/** @internal A 404 on a create: the conversation (or service) may be gone. */
export function notFound(error: unknown): boolean {
  return error instanceof TwilioApiError && error.status === 404;
}

/** @internal Twilio's limit on concurrent requests per account (429 with code 20429). */
export function tooManyConcurrent(error: unknown): boolean {
  return error instanceof TwilioApiError && error.status === 429 && error.code === 20429;
}
