import { TwilioError } from "./twilio-error.js";
import { noted } from "./wording.js";

/**
 * No complete answer within `timeoutMs`. When `requestSent` is true the server may have acted on
 * the request; the message says whether it was resent and why not.
 */
export class TwilioTimeoutError extends TwilioError {
  override name = "TwilioTimeoutError" as const;
  readonly timeoutMs: number;
  readonly method: string;
  readonly url: string;
  /** False when the deadline passed before the request was sent (still connecting). */
  readonly requestSent: boolean;

  constructor(d: {
    method: string;
    url: string;
    timeoutMs: number;
    attempts: number;
    requestSent: boolean;
    note?: string | undefined;
  }) {
    const when = d.requestSent ? "" : " before the request was sent";
    super(`${d.method} ${d.url} timed out after ${d.timeoutMs} ms${when} (attempt ${d.attempts})${noted(d.note)}`, {
      attempts: d.attempts,
    });
    this.timeoutMs = d.timeoutMs;
    this.method = d.method;
    this.url = d.url;
    this.requestSent = d.requestSent;
  }
}
