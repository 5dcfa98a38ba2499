// The retry policy, as data and one pure decision. An attempt ends in an outcome; `shouldRetry`
// says whether to send again and after how long, or why not. Nothing here does I/O.
import { follow } from "./follow.js";

/** Statuses, by what they say about whether the server acted (RFC 9110; Twilio's error pages). */
export const STATUS_POLICY = {
  /** The server refused the request without acting on it, and asks the client to come back. */
  refused: new Set([429, 503]),
  /** Of the refused: the server limits the client's rate (a bulk run slows down before trying again). */
  rateLimited: new Set([429]),
  /** The server (or a gateway) failed: the request may or may not have been acted on. */
  ambiguous: new Set([500, 502, 504]),
} as const;

/** RFC 9110 §9.2.2: sending these twice has the effect of sending them once. */
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);

/** @internal */
export function isIdempotent(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method);
}

/** The shortest wait before any resend, whatever Retry-After says (it may say 0). */
export const MIN_WAIT_MS = 100;

/** @internal How one attempt ended, as far as the retry decision cares. */
export type AttemptOutcome =
  | { kind: "success" }
  /** An answer with a status that is not the operation's success, or a success body that is unusable. */
  | { kind: "status"; status: number; retryAfterMs: number | undefined; unusableSuccess?: boolean }
  /** No answer: `sent` is false only when the request provably never reached the server. */
  | { kind: "failed"; sent: boolean; timedOut: boolean };

/** @internal What the caller allows. */
export interface RetryBudget {
  method: string;
  attempt: number;
  maxRetries: number;
  maxRetryAfterMs: number;
}

/** @internal */
export type Decision =
  | { retry: true; waitMs: number }
  | { retry: false; reason: "done" | "final" | "exhausted" | "wait-too-long" | "ambiguous" };

/**
 * Resend when the server provably did not act (refused status, not sent), or when acting twice is
 * harmless (idempotent method). A non-idempotent request whose fate is unknown is never resent.
 */
export function shouldRetry(outcome: AttemptOutcome, budget: RetryBudget, random = Math.random): Decision {
  if (outcome.kind === "success") return { retry: false, reason: "done" };
  let retryAfterMs: number | undefined;
  if (outcome.kind === "status") {
    const refused = STATUS_POLICY.refused.has(outcome.status);
    const unknown = outcome.unusableSuccess === true || STATUS_POLICY.ambiguous.has(outcome.status);
    if (!refused && !unknown) return { retry: false, reason: "final" };
    if (unknown && !isIdempotent(budget.method)) return { retry: false, reason: "ambiguous" };
    if (refused) retryAfterMs = outcome.retryAfterMs;
  } else if (outcome.sent && !isIdempotent(budget.method)) {
    return { retry: false, reason: "ambiguous" };
  }
  if (budget.attempt > budget.maxRetries) return { retry: false, reason: "exhausted" };
  if (retryAfterMs !== undefined && retryAfterMs > budget.maxRetryAfterMs)
    return { retry: false, reason: "wait-too-long" };
  return { retry: true, waitMs: Math.max(MIN_WAIT_MS, retryAfterMs ?? backoffMs(budget.attempt, random)) };
}

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

/**
 * @internal Resolves after `ms`, or rejects with the signal's reason as soon as it aborts (following
 * it as follow.ts does, so many calls sharing one signal add one listener to it).
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      unfollow?.();
      resolve();
    }, ms);
    const unfollow =
      signal &&
      follow(signal, (reason) => {
        clearTimeout(timer);
        reject(reason);
      });
  });
}
