/**
 * The base class of every error this client throws, so one `instanceof` check catches them all.
 * Errors never hold credentials: only the method, a credential-free URL and what Twilio said.
 */
export class TwilioError extends Error {
  // A literal, not `new.target.name`: minifiers rename classes, and users compare names across the
  // package's ESM and CJS copies (where `instanceof` fails).
  override name: string = "TwilioError";
  /** How many HTTP attempts were made before this error (0 when nothing was sent). */
  readonly attempts: number;

  constructor(message: string, options: { attempts: number; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.attempts = options.attempts;
  }
}
