import { TwilioError } from "./twilio-error.js";
import { counted, noted } from "./wording.js";

export interface TwilioApiErrorDetails {
  status: number;
  code?: number | undefined;
  message: string;
  moreInfo?: string | undefined;
  details?: Record<string, unknown> | undefined;
  requestId?: string | undefined;
  method: string;
  url: string;
  attempts: number;
  retryAfterMs?: number | undefined;
  /** The start of a body that was not a Twilio error (HTML from a proxy, plain text …). */
  rawBody?: string | undefined;
  /** Why the outcome is what it is, e.g. "not retried: the outcome is unknown". */
  note?: string | undefined;
}

/** Twilio (or something in between) answered with a non-2xx status, or an unusable 2xx body. */
export class TwilioApiError extends TwilioError {
  override name = "TwilioApiError" as const;
  readonly status: number;
  /** Twilio's error code, e.g. 20404; see `moreInfo`. Undefined when the body was not Twilio's. */
  readonly code: number | undefined;
  readonly moreInfo: string | undefined;
  readonly details: Record<string, unknown> | undefined;
  /** The `Twilio-Request-Id` response header: quote it to Twilio support. */
  readonly requestId: string | undefined;
  readonly method: string;
  /** The request URL (it never holds credentials). */
  readonly url: string;
  /** The wait Twilio asked for with Retry-After, when it asked. */
  readonly retryAfterMs: number | undefined;
  readonly rawBody: string | undefined;
  /** Twilio's own message, without the summary this error's `message` adds. */
  readonly twilioMessage: string;

  constructor(d: TwilioApiErrorDetails) {
    const code = d.code === undefined ? "" : ` (Twilio code ${d.code})`;
    const id = d.requestId ? ` [request ${d.requestId}]` : "";
    // No attempt: an earlier answer made this request unsafe to send (a next page on another host).
    const outcome =
      d.attempts === 0 ? "was not sent" : `failed with HTTP ${d.status}${code} after ${counted(d.attempts, "attempt")}`;
    super(`${d.method} ${d.url} ${outcome}: ${d.message}${id}${noted(d.note)}`, { attempts: d.attempts });
    this.status = d.status;
    this.code = d.code;
    this.twilioMessage = d.message;
    this.moreInfo = d.moreInfo;
    this.details = d.details;
    this.requestId = d.requestId;
    this.method = d.method;
    this.url = d.url;
    this.retryAfterMs = d.retryAfterMs;
    this.rawBody = d.rawBody;
  }
}
