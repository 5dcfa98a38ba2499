// Twilio's wire format: form bodies with the spec's exact (dotted) keys, RFC 3986 percent-encoding
// in UTF-8, and every path value as exactly one encoded segment.

const UNRESERVED = /^[\w.~-]*$/;
/** Sub-delimiters encodeURIComponent leaves as they are, though RFC 3986 reserves them. */
const SUB_DELIMS = /[!'()*]/;
const SUB_DELIMS_ALL = /[!'()*]/g;

/** Percent-encodes everything but RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`). */
export function encodeComponent(value: string): string {
  if (UNRESERVED.test(value)) return value; // SIDs, field names: nothing to encode (the common case)
  const encoded = encodeURIComponent(value);
  return SUB_DELIMS.test(encoded) ? encoded.replace(SUB_DELIMS_ALL, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`) : encoded;
}

/** Each table's body fields, in order and encoded once (the tables are module constants, so few). */
const fieldOrders = new WeakMap<object, { order: string[]; names: string[] }>();

/**
 * `a=1&MessagingBinding.Address=%2B1555…`, in the table's field order (the keys of `fields`),
 * skipping absent fields. Values other than strings go as `String(value)` for now.
 */
export function encodeForm(body: Record<string, unknown>, fields: Readonly<Record<string, unknown>>): string {
  let known = fieldOrders.get(fields);
  if (!known) {
    const order = Object.keys(fields);
    fieldOrders.set(fields, (known = { order, names: order.map(encodeComponent) }));
  }
  const { order, names } = known;
  let out = "";
  for (let i = 0; i < order.length; i++) {
    const value = body[order[i]!];
    if (value === undefined) continue;
    out += `${out ? "&" : ""}${names[i]}=${encodeComponent(String(value))}`;
  }
  return out;
}

/** Path templates split at their `{Name}`s: [literal, name, literal, …]. Few per client. */
const templates = new Map<string, string[]>();

/**
 * The path send() serialized for the call it is making (its URL for errors and logs), held for
 * openapi-fetch, which asks for the same one within that call, synchronously. Taken by the next
 * request for it either way, so a later call (a raw one, perhaps with the same params object,
 * changed) never gets a stale answer.
 */
let heldPathname: string | undefined;
let heldParams: object | undefined;
let heldPath = "";

/** @internal `serializePath` for send(), which holds the result for openapi-fetch's request. */
export function serializeCallPath(pathname: string, params: Record<string, unknown>): string {
  heldPath = buildPath(pathname, params);
  heldPathname = pathname;
  heldParams = params;
  return heldPath;
}

/** openapi-fetch path serializer: `{Name}` → one encoded segment (so `/`, `?`, `#` stay data). */
export function serializePath(pathname: string, params: Record<string, unknown>): string {
  const held = params === heldParams && pathname === heldPathname;
  heldPathname = heldParams = undefined;
  return held ? heldPath : buildPath(pathname, params);
}

function buildPath(pathname: string, params: Record<string, unknown>): string {
  let parts = templates.get(pathname);
  if (!parts) {
    parts = pathname.split(/\{([^{}]+)\}/);
    if (templates.size < 256) templates.set(pathname, parts); // bounded, whatever a caller passes
  }
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) out += encodeComponent(String(params[parts[i]!])) + parts[i + 1]!;
  return out;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Strings that cannot be encoded as UTF-8 (a lone surrogate) would fail or be altered in transit. */
export function isWellFormed(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}
