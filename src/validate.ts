// Runs a generated validator and turns its findings into a TwilioValidationError that names every
// offending field and rule.
import type { ValidationIssue, Validator } from "../generated/validators.js";
import { TwilioValidationError, type ValidationProblem } from "./errors/validation-error.js";

/** @internal Every rule `input` breaks, worded; empty when it is valid. */
export function problemsOf(validator: Validator, input: unknown): ValidationProblem[] {
  return validator(input) ? [] : (validator.errors ?? []).map(toProblem);
}

/** @internal Throws TwilioValidationError unless `input` passes `validator` and `extra` checks. */
export function assertValid(validator: Validator, input: unknown, extra: ValidationProblem[] = []): void {
  const valid = validator(input);
  if (valid && extra.length === 0) return; // every valid call: no arrays to build
  const problems = [...(valid ? [] : (validator.errors ?? []).map(toProblem)), ...extra];
  if (problems.length) throw new TwilioValidationError(problems);
}

function toProblem(issue: ValidationIssue): ValidationProblem {
  // instancePath is a JSON Pointer such as /body/MessagingBinding.Address
  const [where = "input", ...rest] = issue.instancePath.split("/").slice(1).map(unescapePointer);
  let field = rest.join("/") || where;
  let message = `${field} ${describe(issue)}`;
  if (issue.keyword === "additionalProperties") {
    field = String(issue.params.additionalProperty);
    message = `${field} is not a ${where === "input" ? "known input" : `${where} field of this operation`}`;
  } else if (issue.keyword === "required") {
    field = String(issue.params.missingProperty);
    message = `${field} is required`;
  }
  return { in: where, field, rule: issue.keyword, message };
}

function describe(issue: ValidationIssue): string {
  const p = issue.params;
  switch (issue.keyword) {
    case "pattern":
      return `must match the pattern ${String(p.pattern)}`;
    case "maxLength":
      return `must be at most ${String(p.limit)} characters`;
    case "minLength":
      return `must be at least ${String(p.limit)} characters`;
    case "enum":
      return `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "format":
      return `must be a valid ${String(p.format)}${p.format === "date-time" ? " (RFC 3339, e.g. 2023-05-04T09:42:00.123Z) or a Date" : ""}`;
    case "type":
      return `must be of type ${String(p.type)}`;
    case "contentMediaType":
      return "must be a string of valid JSON";
    default:
      return issue.message ?? `breaks the rule ${issue.keyword}`;
  }
}

const unescapePointer = (part: string) => part.replaceAll("~1", "/").replaceAll("~0", "~");
