// Which failures a bulk run may try again on its own: a 429 (Twilio never processes it) and a
// failure that provably never reached Twilio. Everything else is the item's result.
import { TwilioApiError } from "../errors/api-error.js";
import { TwilioConnectionError } from "../errors/connection-error.js";
import { TwilioTimeoutError } from "../errors/timeout-error.js";

/** @internal The 429's Retry-After (if any) when `error` is a 429. */
export function rateLimit(error: unknown): { retryAfterMs: number | undefined } | undefined {
  return error instanceof TwilioApiError && error.status === 429 ? { retryAfterMs: error.retryAfterMs } : undefined;
}

/** @internal Twilio did not act on the request: a 503, or a connection or timeout before sending. */
export function notSent(error: unknown): boolean {
  if (error instanceof TwilioApiError) return error.status === 503;
  return (error instanceof TwilioConnectionError || error instanceof TwilioTimeoutError) && !error.requestSent;
}
