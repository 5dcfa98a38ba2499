// Twilio's wire format: form bodies with the spec's exact (dotted) keys, RFC 3986 percent-encoding
// in UTF-8, and every path value as exactly one encoded segment.

/** Percent-encodes everything but RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`). */
export function encodeComponent(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `a=1&MessagingBinding.Address=%2B1555…`, in the table's field order, skipping absent fields. */
export function encodeForm(body: Record<string, string>, fieldOrder: readonly string[]): string {
  let out = "";
  for (const key of fieldOrder) {
    const value = body[key];
    if (value === undefined) continue;
    out += `${out ? "&" : ""}${encodeComponent(key)}=${encodeComponent(value)}`;
  }
  return out;
}

/** openapi-fetch path serializer: `{Name}` → one encoded segment (so `/`, `?`, `#` stay data). */
export function serializePath(pathname: string, params: Record<string, unknown>): string {
  return pathname.replace(/\{([^{}]+)\}/g, (_, name: string) => encodeComponent(String(params[name])));
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Strings that cannot be encoded as UTF-8 (a lone surrogate) would fail or be altered in transit. */
export function isWellFormed(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}
