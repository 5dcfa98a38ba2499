// Checks a call's input against its operation's generated rules (src/rules.ts) and turns what it
// finds into a TwilioValidationError that names every offending field and rule.
import type { InputRules } from "../../generated/validators.js";
import { TwilioValidationError, type ValidationProblem } from "../errors/validation-error.js";
import { check } from "./rules.js";

/** @internal Every rule `input` breaks, worded; empty when it is valid. */
export function problemsOf(rules: InputRules, input: unknown): ValidationProblem[] {
  return check(rules, input) ?? [];
}

/** @internal Throws TwilioValidationError unless `input` keeps `rules` and `extra` is empty. */
export function assertValid(rules: InputRules, input: unknown, extra: ValidationProblem[] = []): void {
  const found = check(rules, input);
  if (found === undefined && extra.length === 0) return; // every valid call: no arrays to build
  throw new TwilioValidationError(found === undefined ? extra : [...found, ...extra]);
}
