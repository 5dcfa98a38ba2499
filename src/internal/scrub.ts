// Removes the client's own credentials from text a server sent back (a proxy's error page may
// echo the request headers), before that text goes into an error.

/** Secrets this short would mangle ordinary text and are no real Twilio credential. */
const MIN_SCRUBBED = 8;

/** @internal Replaces every credential in `text` with `[redacted]`, longest first. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= MIN_SCRUBBED) out = out.split(secret).join("[redacted]");
  }
  return out;
}

/** @internal Every string in a JSON value, keys too, scrubbed. */
export function scrubDeep(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") return scrub(value, secrets);
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, secrets));
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [scrub(k, secrets), scrubDeep(v, secrets)]));
}
