// Runs an operation's generated input validator (Ajv standalone code, generated/validators.ts) and
// words its findings as ValidationProblems that name each field as Twilio spells it, and the rule.
import { TwilioValidationError, type ValidationProblem } from "../errors/validation-error.js";
import type { InputValidator } from "../types.js";

type Finding = NonNullable<InputValidator["errors"]>[number];

/** @internal A broken rule, its message naming the field first: `problem("body", "Tags", "type", "must be …")`. */
export function problem(where: string, field: string, rule: string, words: string): ValidationProblem {
  return { in: where, field, rule, message: `${field} ${words}` };
}

/** @internal Every rule `input` breaks, worded; empty when it is valid. */
export function problemsOf(validate: InputValidator, input: unknown): ValidationProblem[] {
  return findingsOf(validate, input)?.map(toProblem) ?? [];
}

/** @internal Throws TwilioValidationError unless `input` passes `validate` and `extra` is empty. */
export function assertValid(validate: InputValidator, input: unknown, extra: readonly ValidationProblem[] = []): void {
  const found = findingsOf(validate, input);
  if (found === undefined && extra.length === 0) return; // every valid call: no arrays to build
  throw new TwilioValidationError(found === undefined ? extra : [...found.map(toProblem), ...extra]);
}

/** Ajv's findings for `input`, or undefined when it is valid. */
function findingsOf(validate: InputValidator, input: unknown): readonly Finding[] | undefined {
  const valid = validate(input);
  // Ajv's standalone code leaves its findings on the function, a module-level object. Take them at
  // once and clear them, so no call's values (they are in `params`) linger in module state for a
  // later reader, and nothing async can run in between to swap them for another call's.
  const errors = validate.errors;
  validate.errors = null;
  return valid ? undefined : (errors ?? []);
}

/** Ajv's comparison operators, for minimum, maximum and their exclusive forms. */
const COMPARED: Record<string, string> = { "<=": "at most", ">=": "at least", "<": "less than", ">": "greater than" };

function toProblem(finding: Finding): ValidationProblem {
  // instancePath is a JSON Pointer: /body/Dotted.Name, /body/Tags/1, /path, or "".
  const [where = "input", name, ...item] = finding.instancePath.split("/").slice(1).map(unescapePointer);
  const p = finding.params;
  if (finding.keyword === "additionalProperties") {
    const known = where === "input" ? "known input" : `${where} field of this operation`;
    return problem(where, String(p.additionalProperty), "additionalProperties", `is not a ${known}`);
  }
  if (finding.keyword === "required") return problem(where, String(p.missingProperty), "required", "is required");
  const field = name ?? where;
  const subject = item.length ? `${field}[${item.join("][")}]` : field;
  return { in: where, field, rule: finding.keyword, message: `${subject} ${describe(finding)}` };
}

function describe({ keyword, params: p }: Finding): string {
  switch (keyword) {
    case "pattern":
      return `must match the pattern ${String(p.pattern)}`;
    case "maxLength":
      return `must be at most ${String(p.limit)} characters`;
    case "minLength":
      return `must be at least ${String(p.limit)} characters`;
    case "maxItems":
      return `must have at most ${String(p.limit)} items`;
    case "minItems":
      return `must have at least ${String(p.limit)} items`;
    case "uniqueItems":
      return `must not repeat an item (items ${String(p.j)} and ${String(p.i)} are equal)`;
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return `must be ${COMPARED[String(p.comparison)] ?? String(p.comparison)} ${String(p.limit)}`;
    case "multipleOf":
      return `must be a multiple of ${String(p.multipleOf)}`;
    case "enum":
      return `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "const":
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case "format":
      const dateHint = p.format === "date-time" ? " (RFC 3339, e.g. 2023-05-04T09:42:00.123Z) or a Date" : "";
      return `must be a valid ${String(p.format)}${dateHint}`;
    case "type":
      return `must be of type ${String(p.type).split(",").join(" or ")}`;
    case "contentMediaType":
      return "must be a string of valid JSON";
    default:
      return `breaks the rule ${keyword}`;
  }
}

const unescapePointer = (part: string) => part.replaceAll("~1", "/").replaceAll("~0", "~");
