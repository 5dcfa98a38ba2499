// One call: attempts with a per-attempt timeout, resends only where the retry policy allows, and
// turns every failure into one of the typed errors. Each resend carries the identical body.
import type { Client } from "openapi-fetch";
import { TwilioConnectionError } from "../errors/connection-error.js";
import { TwilioError } from "../errors/twilio-error.js";
import { TwilioTimeoutError } from "../errors/timeout-error.js";
import type { AttemptEvent } from "../options.js";
import type { PreparedInput } from "./prepare.js";
import { apiError, parseSuccess } from "./response.js";
import { backoffMs, parseRetryAfter, RETRYABLE_STATUSES, sleep } from "./retry.js";
import { errorCode, failedBeforeSending } from "./sent.js";
import type { Settings } from "./settings.js";
import { isTruncated } from "./transport.js";
import type { OperationEntry } from "../types.js";
import { encodeForm, serializeCallPath } from "./wire.js";

const TIMED_OUT = Symbol("timed out");

/** The body is encoded already (encodeForm); made once, not per call. */
const asIs = (body: unknown) => body;

/** @internal */
export async function send(raw: Client<any>, settings: Settings, entry: OperationEntry, input: PreparedInput): Promise<unknown> {
  const maxRetries = input.maxRetries ?? settings.maxRetries;
  const timeoutMs = input.timeoutMs ?? settings.timeoutMs;
  // The same string openapi-fetch serializes (its baseUrl + template): it gets this one back.
  const url = serializeCallPath(settings.baseUrl + entry.path, input.path);
  const method = entry.method;
  const body = input.body && encodeForm(input.body, entry.fields.body);
  const headers = entry.requestContentType ? { "Content-Type": entry.requestContentType } : undefined;
  // openapi-fetch copies header params into a new Headers: skip that for the usual empty group.
  const header = hasAny(input.header) ? input.header : undefined;

  for (let attempt = 1; ; attempt++) {
    input.signal?.throwIfAborted(); // an abort listener added later would never fire
    const started = Date.now();
    const facts = { method, url, attempts: attempt, secrets: settings.secrets };
    const log = (outcome: AttemptEvent["outcome"], status: number | undefined, retryInMs?: number) => {
      try {
        settings.logger?.debug(`${method} ${url} → ${status ?? outcome} (attempt ${attempt})`, {
          method, url, attempt, status, outcome, durationMs: Date.now() - started, retryInMs,
        });
      } catch {
        // A broken logger must not turn a created participant into an error, or change the outcome.
      }
    };
    // The transport's own abort handle when it has one (Node: see transport/abort.ts for why).
    const controller = settings.transport.abortController?.() ?? new AbortController();
    const onCallerAbort = input.signal && (() => controller.abort(input.signal!.reason));
    if (onCallerAbort) input.signal!.addEventListener("abort", onCallerAbort, { once: true });
    const timer = timeoutMs > 0 ? setTimeout(() => controller.abort(TIMED_OUT), timeoutMs) : undefined;
    let retryInMs: number | undefined;
    try {
      const { response, data, error } = await raw.request(method.toLowerCase() as "post", entry.path, {
        params: { path: input.path, header, query: input.query },
        body: body as never,
        bodySerializer: asIs,
        headers,
        // The transport has read the body already, capped (see transport.ts): text is a copy away.
        parseAs: "text",
        signal: controller.signal,
        // A followed redirect would resend the POST, body and Authorization to a path (or host) we
        // never chose. A 3xx is returned as an error instead.
        redirect: "manual",
      } as never) as { response: Response; data?: string; error?: unknown };

      if (response.status === entry.successStatus || (response.ok && error === undefined)) {
        log("ok", response.status);
        return entry.successHasBody ? parseSuccess(response, data ?? "", isTruncated(response), facts) : undefined;
      }
      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
      const retryable = RETRYABLE_STATUSES.has(response.status) && attempt <= maxRetries;
      if (retryable && retryAfterMs !== undefined && retryAfterMs > settings.maxRetryAfterMs) {
        log("http-error", response.status);
        throw apiError(response, error, facts, {
          retryAfterMs,
          note: `not resent: Twilio asked to wait ${retryAfterMs} ms, more than maxRetryAfterMs (${settings.maxRetryAfterMs} ms)`,
        });
      }
      if (!retryable) {
        log("http-error", response.status);
        const note = RETRYABLE_STATUSES.has(response.status)
          ? `gave up after ${attempt} attempt${attempt === 1 ? "" : "s"} (maxRetries ${maxRetries})`
          : response.status >= 500 ? "not resent: the outcome is unknown, so look the participant up before sending again"
          : response.status >= 300 && response.status < 400 ? "redirects are never followed (Twilio does not redirect this endpoint)" : undefined;
        throw apiError(response, error, facts, { retryAfterMs, note });
      }
      retryInMs = retryAfterMs ?? backoffMs(attempt);
      log("http-error", response.status, retryInMs);
    } catch (caught) {
      if (retryInMs !== undefined) throw caught;
      if (caught instanceof TwilioError) throw caught; // our own, never a name test (minified bundles)
      if (input.signal?.aborted) {
        log("aborted", undefined);
        throw input.signal.reason;
      }
      if (controller.signal.aborted && controller.signal.reason === TIMED_OUT) {
        log("timeout", undefined);
        throw new TwilioTimeoutError({ method, url, timeoutMs, attempts: attempt });
      }
      const notSent = failedBeforeSending(caught);
      if (!notSent || attempt > maxRetries) {
        log("connection-error", undefined);
        throw new TwilioConnectionError({ method, url, attempts: attempt, requestSent: !notSent, errno: errorCode(caught), cause: caught });
      }
      retryInMs = backoffMs(attempt);
      log("connection-error", undefined, retryInMs);
    } finally {
      clearTimeout(timer);
      if (onCallerAbort) input.signal!.removeEventListener("abort", onCallerAbort);
    }
    await sleep(retryInMs, input.signal);
  }
}

function hasAny(group: object): boolean {
  for (const _ in group) return true;
  return false;
}
