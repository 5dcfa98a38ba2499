/**
 * The base class of every error this client throws, so one `instanceof` check catches them all.
 * Errors never hold credentials: only the method, a credential-free URL and what Twilio said.
 */
export class TwilioError extends Error {
  /** How many HTTP attempts were made before this error (0 when nothing was sent). */
  readonly attempts: number;

  constructor(message: string, options: { attempts: number; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.attempts = options.attempts;
  }
}
