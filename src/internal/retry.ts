// The retry policy. A participant create is not idempotent, so a request is resent only when
// Twilio provably did not act on it: 429 and 503 (Twilio refused it), or a connection that failed
// before any byte was sent. Everything else is final after one attempt.

/** @internal Statuses at which Twilio did not act and asks the client to come back later. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/** @internal Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Every HTTP-date form starts with a day name; Date.parse alone takes "1.5" as a date in 2001.
  if (!/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** @internal Exponential backoff with jitter: 0.5 s, 1 s, 2 s … capped at 8 s, each × [0.5, 1). */
export function backoffMs(retryNumber: number, random = Math.random): number {
  const ceiling = Math.min(8000, 500 * 2 ** (retryNumber - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}

/** @internal Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
