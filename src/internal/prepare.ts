// Turns a method's input into exactly what goes on the wire, and checks it against the spec's
// validators first: any problem throws TwilioValidationError and nothing is sent.
import type { ValidationProblem } from "../errors/validation-error.js";
import type { FieldKind, OperationEntry } from "../types.js";
import { assertValid, problem } from "./validate.js";
import { checkCount, MAX_TIMER_MS } from "./settings.js";
import { isWellFormed } from "./wire.js";

/** @internal The validated, wire-ready parts of one call (Dates now ISO strings; other values as given). */
export interface PreparedInput {
  path: Record<string, unknown>;
  header: Record<string, unknown>;
  query: Record<string, unknown>;
  body: Record<string, unknown> | undefined;
  maxRetries: number | undefined;
  timeoutMs: number | undefined;
  signal: AbortSignal | undefined;
  /** The query came from a server's `next_page_url`: the URL is scrubbed before it is logged or in an error. */
  urlFromServer?: boolean;
}

const INPUT_KEYS = ["path", "header", "query", "body", "signal", "maxRetries", "timeoutMs"];

/** @internal */
export function prepareInput(entry: OperationEntry, input: unknown): PreparedInput {
  const extra: ValidationProblem[] = [];
  const given = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!INPUT_KEYS.includes(key))
      extra.push(
        problem("input", key, "additionalProperties", `is not a known input (expected ${INPUT_KEYS.join(", ")})`),
      );
  }
  const path = copyDefined(given.path, "path", extra, entry.fields.path);
  const header = copyDefined(given.header, "header", extra, entry.fields.header);
  const query = copyDefined(given.query, "query", extra, entry.fields.query);
  const body = entry.requestContentType
    ? inSpecOrder(copyDefined(given.body, "body", extra, entry.fields.body), entry.fields.body)
    : undefined;
  const { maxRetries, timeoutMs, signal } = callLimits(given, extra);
  const checked: Record<string, unknown> = { path, header, query };
  if (body) checked.body = body;
  assertValid(entry.validate, checked, extra);
  return {
    path,
    header,
    query,
    body,
    maxRetries,
    timeoutMs,
    signal,
  } as PreparedInput;
}

/** @internal A call's own limits (`maxRetries`, `timeoutMs`, `signal`), checked; `undefined` when not given. */
export function callLimits(
  given: Record<string, unknown>,
  problems: ValidationProblem[],
): Pick<PreparedInput, "maxRetries" | "timeoutMs" | "signal"> {
  const maxRetries = given.maxRetries === undefined ? undefined : checkCount(given, "maxRetries", 0, problems);
  const timeoutMs =
    given.timeoutMs === undefined ? undefined : checkCount(given, "timeoutMs", 0, problems, MAX_TIMER_MS, 1);
  const signal = given.signal;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    problems.push(problem("input", "signal", "type", "must be an AbortSignal"));
    return { maxRetries, timeoutMs, signal: undefined };
  }
  return { maxRetries, timeoutMs, signal: signal as AbortSignal | undefined };
}

/** A body's fields in the spec's order, as they go on the wire (wire.ts encodes keys in order); others after. */
function inSpecOrder(body: Record<string, any>, kinds: Readonly<Record<string, FieldKind>>): Record<string, any> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return body;
  const ordered: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(kinds)) if (key in body) ordered[key] = body[key];
  for (const key of Object.keys(body)) if (!(key in ordered)) ordered[key] = body[key];
  return ordered;
}

/**
 * Copies an input group, dropping `undefined` (an absent field) and turning a `Date` in a
 * date-time field into ISO-8601 with milliseconds. Other values are left for the validator to judge.
 */
function copyDefined(
  group: unknown,
  where: string,
  problems: ValidationProblem[],
  kinds: Readonly<Record<string, FieldKind>>,
): Record<string, any> {
  if (group === undefined) return {};
  // Not an object: the validator reports the type.
  if (typeof group !== "object" || group === null || Array.isArray(group)) return group as any;
  // A Map, URLSearchParams or class instance has no own fields to copy: it would go out empty.
  const proto = Object.getPrototypeOf(group);
  if (proto !== Object.prototype && proto !== null) {
    problems.push(problem(where, where, "type", "must be a plain object"));
    return {};
  }
  // Nothing inherited: a `__proto__` key stays an own (unknown) field instead of replacing the
  // prototype, whose inherited fields the validator and encoder would otherwise read as given.
  const out: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(group)) {
    const value = (group as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (value instanceof Date && kinds[key] === "date-time") {
      if (Number.isNaN(value.getTime())) {
        problems.push(problem(where, key, "format", "is an invalid Date"));
        continue;
      }
      out[key] = value.toISOString();
    } else {
      out[key] = value;
      if (
        typeof value === "string"
          ? !isWellFormed(value)
          : Array.isArray(value) && value.some((v) => typeof v === "string" && !isWellFormed(v))
      ) {
        problems.push(
          problem(where, key, "unicode", "contains a lone UTF-16 surrogate, which cannot be sent as UTF-8"),
        );
      }
    }
  }
  return out;
}
