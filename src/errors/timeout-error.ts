import { TwilioError } from "./twilio-error.js";

/**
 * No complete answer within `timeoutMs`. The request may have reached Twilio, so it is never
 * resent: look the participant up before trying again.
 */
export class TwilioTimeoutError extends TwilioError {
  override name = "TwilioTimeoutError" as const;
  readonly timeoutMs: number;
  readonly method: string;
  readonly url: string;

  constructor(d: { method: string; url: string; timeoutMs: number; attempts: number }) {
    super(
      `${d.method} ${d.url} timed out after ${d.timeoutMs} ms (attempt ${d.attempts}); not resent, ` +
        `because Twilio may have acted on it`,
      { attempts: d.attempts },
    );
    this.timeoutMs = d.timeoutMs;
    this.method = d.method;
    this.url = d.url;
  }
}
