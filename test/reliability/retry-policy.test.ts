// shouldRetry, the one decision behind every resend, over every outcome × method: the README's
// retry-policy rules as a table. The end-to-end proofs (what the server saw) are this folder's other files.
import { describe, expect, it } from "vitest";
import { shouldRetry, type AttemptOutcome } from "../../src/internal/retry.js";

const METHODS = ["GET", "HEAD", "PUT", "DELETE", "POST", "PATCH"] as const;
const IDEMPOTENT = new Set(["GET", "HEAD", "PUT", "DELETE"]);
const budget = (method: string, attempt = 1) => ({ method, attempt, maxRetries: 2, maxRetryAfterMs: 30_000 });
const half = () => 0.5;

const status = (code: number, retryAfterMs?: number): AttemptOutcome => ({
  kind: "status",
  status: code,
  retryAfterMs,
});

describe.each(METHODS)("%s", (method) => {
  const idempotent = IDEMPOTENT.has(method);

  it.each([429, 503])("resends a %i (the server did not act), waiting Retry-After", (code) => {
    expect(shouldRetry(status(code, 2000), budget(method))).toEqual({ retry: true, waitMs: 2000 });
  });

  it("resends a request that never reached the server", () => {
    expect(shouldRetry({ kind: "failed", sent: false, timedOut: false }, budget(method), half)).toEqual({
      retry: true,
      waitMs: 375,
    });
    expect(shouldRetry({ kind: "failed", sent: false, timedOut: true }, budget(method), half).retry).toBe(true);
  });

  it.each([
    ["a 500", status(500)],
    ["a 502", status(502)],
    ["a 504", status(504)],
    [
      "an unusable 2xx body",
      { kind: "status", status: 201, retryAfterMs: undefined, unusableSuccess: true } as AttemptOutcome,
    ],
    ["a reset after writing", { kind: "failed", sent: true, timedOut: false } as AttemptOutcome],
    ["a timeout after writing", { kind: "failed", sent: true, timedOut: true } as AttemptOutcome],
  ])(`${idempotent ? "resends" : "never resends"} after %s (ambiguous)`, (_name, outcome) => {
    const decision = shouldRetry(outcome, budget(method), half);
    expect(decision).toEqual(idempotent ? { retry: true, waitMs: 375 } : { retry: false, reason: "ambiguous" });
  });

  it.each([400, 401, 403, 404, 409, 301, 302])("never resends a %i", (code) => {
    expect(shouldRetry(status(code), budget(method))).toEqual({ retry: false, reason: "final" });
  });

  it("stops when the retries are spent, and when Retry-After is longer than allowed", () => {
    expect(shouldRetry(status(429, 0), budget(method, 3))).toEqual({ retry: false, reason: "exhausted" });
    expect(shouldRetry(status(503, 60_000), budget(method))).toEqual({ retry: false, reason: "wait-too-long" });
  });

  it("waits at least 100 ms, whatever Retry-After says", () => {
    expect(shouldRetry(status(429, 0), budget(method))).toEqual({ retry: true, waitMs: 100 });
  });

  it("never resends after success (a caller's abort never reaches the policy: it rejects at once)", () => {
    expect(shouldRetry({ kind: "success" }, budget(method))).toEqual({ retry: false, reason: "done" });
  });
});
