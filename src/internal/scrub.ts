// Removes the client's own credentials from any text a server sent back (a proxy's error page may
// echo the request headers), before that text goes into an error or a log.

/** Secrets this short would mangle ordinary text and are no real Twilio credential. */
const MIN_SCRUBBED = 8;

/**
 * @internal Every form in which a credential could come back: as sent (`user:secret`, the secret),
 * base64 as in the Authorization header, and percent-encoded (a URL or form echo), longest first.
 */
export function secretForms(user: string, secret: string): string[] {
  const forms = new Set<string>();
  for (const plain of [`${user}:${secret}`, secret]) {
    for (const form of [plain, base64(plain)]) {
      forms.add(form);
      forms.add(encodeURIComponent(form));
    }
  }
  return [...forms].filter((form) => form.length >= MIN_SCRUBBED).sort((a, b) => b.length - a.length);
}

/** @internal Replaces every credential form in `text` with `[redacted]`. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join("[redacted]");
  return out;
}

/**
 * @internal `text` scrubbed, then cut to at most `maxLength` characters; a cut end that could be the
 * start of a credential (cut here, or by the transport's byte cap) is dropped too.
 */
export function scrubAndCut(text: string, secrets: readonly string[], maxLength: number, cutBefore = false): string {
  const scrubbed = scrub(text, secrets);
  const cut = scrubbed.length > maxLength;
  const kept = cut ? scrubbed.slice(0, maxLength) : scrubbed;
  return cut || cutBefore ? kept.slice(0, kept.length - secretPrefixAtEnd(kept, secrets)) : kept;
}

/** The length of the longest end of `text` that begins some secret. */
function secretPrefixAtEnd(text: string, secrets: readonly string[]): number {
  let longest = 0;
  for (const secret of secrets) {
    for (let n = Math.min(secret.length - 1, text.length); n > longest; n--) {
      if (text.endsWith(secret.slice(0, n))) {
        longest = n;
        break;
      }
    }
  }
  return longest;
}

/** @internal Every string in a JSON value, keys too, scrubbed. */
export function scrubDeep(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") return scrub(value, secrets);
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, secrets));
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [scrub(k, secrets), scrubDeep(v, secrets)]));
}

/** @internal UTF-8 text as base64 (btoa alone takes only Latin-1). */
export function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
