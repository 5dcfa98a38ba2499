// Twilio's wire format: form bodies and query strings with the spec's exact (dotted) keys, RFC 3986
// percent-encoding in UTF-8, an array as its key repeated, and every path value as one segment.
// These are openapi-fetch's serializers, set once in createClient, so typed and raw calls agree.
import { TwilioValidationError, type ValidationProblem } from "../errors/validation-error.js";
import { problem } from "./validate.js";

/** The media type of every body this client sends (Twilio's form encoding). */
export const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

/** Percent-encodes everything but RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`). */
export function encodeComponent(value: string): string {
  // encodeURIComponent leaves the sub-delimiters ! ' ( ) * as they are, though RFC 3986 reserves them.
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Percent-decodes `text`, or leaves it as it is when it is not valid percent-encoded UTF-8. */
export function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** One value as Twilio reads it: `true`/`false`, numbers in JSON form, `null` as an empty value. */
function wireValue(value: unknown): string {
  if (value === null) return "";
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** `key=value` pairs, an array's items each under the key. Absent (`undefined`) values are skipped. */
function pairs(fields: Record<string, unknown>, order: readonly string[]): string {
  const out: string[] = [];
  for (const key of order) {
    const value = fields[key];
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value])
      out.push(`${encodeComponent(key)}=${encodeComponent(wireValue(item))}`);
  }
  return out.join("&");
}

/**
 * openapi-fetch body serializer: `a=1&MessagingBinding.Address=%2B1555…`, in the body's own key order
 * (a typed call's body is in the spec's field order: prepare.ts). A string or URLSearchParams is taken
 * as already encoded; any other kind of body cannot be form-encoded and is refused.
 */
export function serializeBody(body: unknown): string {
  if (typeof body === "string") return body;
  if (body instanceof URLSearchParams) return body.toString();
  const proto = typeof body === "object" && body !== null ? Object.getPrototypeOf(body) : undefined;
  if (proto !== Object.prototype && proto !== null)
    throw new TypeError("a request body must be a plain object (sent form-encoded), a string or URLSearchParams");
  return pairs(body as Record<string, unknown>, Object.keys(body as object));
}

/** openapi-fetch query serializer: the same encoding as the body, in the order given. */
export function serializeQuery(query: Record<string, unknown> = {}): string {
  return pairs(query, Object.keys(query));
}

/** `{Name}` → one encoded segment each, as given (no refusal): for the URL of a request never made. */
export function encodePath(pathname: string, params: Record<string, unknown>): string {
  return pathname.replace(/\{([^{}]+)\}/g, (_, name: string) => encodeComponent(wireValue(params[name])));
}

/**
 * openapi-fetch path serializer: `{Name}` → one encoded segment (so `/`, `?`, `#` stay data). A value
 * that would still change the path is refused, nothing sent: `.`, `..` and empty (which a server may
 * read as directory steps, whatever the encoding) and a missing one (it would go out as "undefined").
 */
export function serializePath(pathname: string, params: Record<string, unknown> = {}): string {
  const problems: ValidationProblem[] = [];
  const path = pathname.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const value = params[name];
    const segment = value === undefined ? undefined : encodeComponent(wireValue(value));
    if (segment === undefined || segment === "" || segment === "." || segment === "..")
      problems.push(
        segment === undefined
          ? problem("path", name, "required", "is required")
          : problem("path", name, "segment", `must not be "${segment}": it would change the request's path`),
      );
    return segment ?? "";
  });
  if (problems.length) throw new TwilioValidationError(problems);
  return path;
}

/**
 * A query string read back into typed values (a `next_page_url`'s), by each field's wire kind: the
 * inverse of `serializeQuery`. Unknown keys are kept, for the validator to name.
 */
export function queryFromUrl(url: URL, kinds: Readonly<Record<string, string>>): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    const kind = kinds[key];
    query[key] = kind === "array" ? values : typed(values[0]!, kind);
  }
  return query;
}

/** A number or boolean when the text is one (anything else stays text, for the validator to refuse). */
function typed(text: string, kind: string | undefined): unknown {
  if ((kind === "integer" || kind === "number") && text.trim() !== "" && Number.isFinite(Number(text)))
    return Number(text);
  if (kind === "boolean" && (text === "true" || text === "false")) return text === "true";
  return text;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Strings that cannot be encoded as UTF-8 (a lone surrogate) would fail or be altered in transit. */
export function isWellFormed(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}
