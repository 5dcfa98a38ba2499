import { TwilioError } from "./twilio-error.js";

/** One rule a value broke, e.g. `{ in: "body", field: "RoleSid", rule: "pattern", … }`. */
export interface ValidationProblem {
  /** Where the field lives: `path`, `header`, `query`, `body`, or `options` for client settings. */
  in: string;
  /** The field's exact name, as Twilio spells it (`RoleSid`, `MessagingBinding.Address`, …). */
  field: string;
  /** The rule it broke: a JSON Schema keyword (`pattern`, `maxLength`, `format`, `enum`, …). */
  rule: string;
  /** A readable sentence naming the field and the rule. */
  message: string;
}

/** Input broke the spec's rules. Thrown before the network: nothing was sent. */
export class TwilioValidationError extends TwilioError {
  override name = "TwilioValidationError" as const;
  readonly problems: readonly ValidationProblem[];

  constructor(problems: readonly ValidationProblem[]) {
    const list = problems.map((p) => `${p.message}`).join("; ");
    super(`Invalid request, nothing was sent: ${list}`, { attempts: 0 });
    this.problems = problems;
  }
}
