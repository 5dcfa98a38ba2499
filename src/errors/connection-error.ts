import { TwilioError } from "./twilio-error.js";
import { counted, noted } from "./wording.js";

/**
 * The HTTP exchange failed below HTTP: refused, DNS, reset, TLS, proxy. `requestSent` tells whether
 * the request may have reached the server; the message says whether it was resent and why not.
 */
export class TwilioConnectionError extends TwilioError {
  override name = "TwilioConnectionError" as const;
  readonly method: string;
  readonly url: string;
  /** False when the connection failed before any byte of the request was sent. */
  readonly requestSent: boolean;
  /** The transport's error code, e.g. `ECONNREFUSED`, when it gave one. */
  readonly errno: string | undefined;

  constructor(d: {
    method: string;
    url: string;
    attempts: number;
    requestSent: boolean;
    errno?: string | undefined;
    note?: string | undefined;
    cause?: unknown;
  }) {
    const why = d.errno ? ` (${d.errno})` : "";
    super(`${d.method} ${d.url}: connection failed${why} after ${counted(d.attempts, "attempt")}${noted(d.note)}`, {
      attempts: d.attempts,
      cause: d.cause,
    });
    this.method = d.method;
    this.url = d.url;
    this.requestSent = d.requestSent;
    this.errno = d.errno;
  }
}
