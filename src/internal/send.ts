// One call: attempts, each ending in an outcome; retry.ts's `shouldRetry` decides what follows;
// every final failure becomes one of the typed errors. Each resend carries the identical request.
import type { Client } from "openapi-fetch";
import { TwilioConnectionError } from "../errors/connection-error.js";
import { TwilioTimeoutError } from "../errors/timeout-error.js";
import { counted } from "../errors/wording.js";
import type { AttemptEvent, Logger } from "../options.js";
import type { OperationEntry } from "../types.js";
import type { PreparedInput } from "./prepare.js";
import { apiError, readSuccess, type RequestFacts } from "./response.js";
import { parseRetryAfter, shouldRetry, sleep, type AttemptOutcome, type Decision, type RetryBudget } from "./retry.js";
import { follow } from "./follow.js";
import { errorCode, failedBeforeSending } from "./reached-server.js";
import type { Settings } from "./settings.js";
import { ATTEMPT_KEY, AttemptStop, bodyState, bodyText, type AttemptLink } from "./transport.js";

/** How one attempt ended: an answer (any status), or no answer. */
type Attempt =
  | { kind: "answer"; url: string; response: Response; text: string; parsed: unknown }
  | { kind: "failed"; url: string; error: unknown; timedOut: boolean };

/**
 * @internal Sends `input` until it succeeds or the retry policy says stop; resolves to the success
 * body. `answered.url` is then the URL the successful request was made for (a list's pages use it).
 */
export async function send(
  raw: Client<any>,
  settings: Settings,
  entry: OperationEntry,
  input: PreparedInput,
  answered?: { url?: string },
): Promise<unknown> {
  const { method } = entry;
  const maxRetries = input.maxRetries ?? settings.maxRetries;
  const timeoutMs = input.timeoutMs ?? settings.timeoutMs;
  for (let attempt = 1; ; attempt++) {
    input.signal?.throwIfAborted();
    const started = Date.now();
    const result = await attemptOnce(raw, settings, entry, input, timeoutMs);
    // A next page's URL is the server's text; any other is built from the caller's input.
    const url = input.urlFromServer ? settings.scrubber.text(result.url) : result.url;
    const tried = { method, url, attempt, started };
    if (result.kind === "failed" && input.signal?.aborted) {
      log(settings.logger, tried, "aborted");
      throw input.signal.reason;
    }
    const { outcome, value, problem } = judge(result, entry);
    const budget = { method, attempt, maxRetries, maxRetryAfterMs: settings.maxRetryAfterMs };
    const decision = shouldRetry(outcome, budget);
    const status = result.kind === "answer" ? result.response.status : undefined;
    log(settings.logger, tried, eventOutcome(outcome, result), status, decision.retry ? decision.waitMs : undefined);
    if (decision.retry) {
      await sleep(decision.waitMs, input.signal);
      continue;
    }
    if (outcome.kind === "success") {
      if (answered) answered.url = result.url;
      return value;
    }
    const facts = { method, url, attempts: attempt, scrubber: settings.scrubber };
    throw finalError(result, outcome, facts, { timeoutMs, problem, note: whyNotResent(decision, outcome, budget) });
  }
}

/** One HTTP exchange through openapi-fetch, within `timeoutMs`; never throws. */
async function attemptOnce(
  raw: Client<any>,
  settings: Settings,
  entry: OperationEntry,
  input: PreparedInput,
  timeoutMs: number,
): Promise<Attempt> {
  // The deadline and the caller's signal stop the exchange through the attempt's AttemptStop (the
  // transport contract, transport.ts); its signal exists only for a transport stopped by one.
  const stop = new AttemptStop();
  const abort = (reason: unknown) => stop.stop(reason);
  const unfollow = input.signal && follow(input.signal, abort);
  const link: AttemptLink = { stop, url: undefined };
  let timedOut = false;
  let expire: (error: Error) => void = () => {};
  // Raced against the exchange too, so a custom fetch that ignores the signal still times out.
  const deadline = new Promise<never>((_, reject) => (expire = reject));
  const timer = setTimeout(() => {
    timedOut = true;
    abort(new DOMException(`no complete answer within ${timeoutMs} ms`, "TimeoutError"));
    // A transport that honours the signal has rejected by the next task, saying whether it had sent
    // anything (still connecting: not sent); only one that ignores it meets this bare deadline.
    setTimeout(() => expire(new Error("deadline passed")), 0);
  }, timeoutMs);
  // The URL openapi-fetch built, as the transport received it (transport.ts's clientFetch); the
  // spec's path when no request reached the transport (a middleware answered or threw first).
  const requested = () => link.url ?? settings.baseUrl + entry.path;
  try {
    const exchange = raw.request(entry.method.toLowerCase() as "post", entry.path, {
      params: { path: input.path, header: input.header, query: input.query },
      body: input.body as never,
      // The transport has read the body already, capped (see transport.ts).
      parseAs: "text",
      [ATTEMPT_KEY]: link,
      signal: settings.transport.stopsBySignal ? stop.signal : undefined,
      // A followed redirect would resend the body and Authorization to a path (or host) we never chose.
      redirect: "manual",
    } as never) as Promise<{ response: Response; data?: string; error?: unknown }>;
    const { response, data, error } = await Promise.race([exchange, deadline]);
    // An error body as the server sent it (the transport kept its text), and as openapi-fetch
    // parsed it (JSON, else the text): parsed once.
    const text =
      data ??
      bodyText(response) ??
      (typeof error === "string" ? error : error === undefined ? "" : JSON.stringify(error));
    return { kind: "answer", url: requested(), response, text, parsed: error };
  } catch (error) {
    return { kind: "failed", url: requested(), error, timedOut };
  } finally {
    clearTimeout(timer);
    unfollow?.();
  }
}

/** The retry policy's view of an attempt, and the success value when there is one. */
function judge(result: Attempt, entry: OperationEntry): { outcome: AttemptOutcome; value?: unknown; problem?: string } {
  if (result.kind === "failed") {
    return { outcome: { kind: "failed", sent: !failedBeforeSending(result.error), timedOut: result.timedOut } };
  }
  const { response, text } = result;
  const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
  if (response.status < 200 || response.status > 299)
    return { outcome: { kind: "status", status: response.status, retryAfterMs } };
  const { value, problem } = readSuccess(text, bodyState(response), entry.successHasBody, entry.list?.itemsKey);
  if (problem === undefined) return { outcome: { kind: "success" }, value };
  return {
    outcome: { kind: "status", status: response.status, retryAfterMs: undefined, unusableSuccess: true },
    problem,
  };
}

/** The error a call ends with; `note` says why it was not resent. */
function finalError(
  result: Attempt,
  outcome: AttemptOutcome,
  facts: RequestFacts,
  { timeoutMs, problem, note }: { timeoutMs: number; problem: string | undefined; note: string | undefined },
): Error {
  if (result.kind === "failed") {
    const sent = outcome.kind === "failed" && outcome.sent;
    const { method, url, attempts } = facts;
    if (result.timedOut) return new TwilioTimeoutError({ method, url, attempts, timeoutMs, requestSent: sent, note });
    return new TwilioConnectionError({
      method,
      url,
      attempts,
      requestSent: sent,
      errno: errorCode(result.error),
      note,
      // The one place a transport's error (a proxy's status text, a parser's bytes) enters an error.
      cause: facts.scrubber.error(result.error),
    });
  }
  const retryAfterMs = outcome.kind === "status" ? outcome.retryAfterMs : undefined;
  const message = problem && `the ${result.response.status} response body ${problem}`;
  const answer = { response: result.response, text: result.text, body: result.parsed };
  return apiError(answer, bodyState(result.response), facts, { retryAfterMs, note, message });
}

function whyNotResent(decision: Decision, outcome: AttemptOutcome, budget: RetryBudget): string | undefined {
  if (decision.retry) return undefined;
  switch (decision.reason) {
    case "exhausted":
      return `gave up after ${counted(budget.attempt, "attempt")} (maxRetries ${budget.maxRetries})`;
    case "wait-too-long":
      return (
        `not resent: the server asked to wait ${(outcome as { retryAfterMs: number }).retryAfterMs} ms, ` +
        `more than maxRetryAfterMs (${budget.maxRetryAfterMs} ms)`
      );
    case "ambiguous":
      const action = `look the resource up before sending it again`;
      return `not resent: the server may have acted on this ${budget.method}, so ${action}`;
    default:
      return outcome.kind === "status" && outcome.status >= 300 && outcome.status < 400
        ? "redirects are never followed"
        : undefined;
  }
}

function eventOutcome(outcome: AttemptOutcome, result: Attempt): AttemptEvent["outcome"] {
  if (outcome.kind === "success") return "ok";
  if (result.kind === "answer") return "http-error";
  return result.timedOut ? "timeout" : "connection-error";
}

/** Tells the logger about one attempt; a logger that throws or rejects changes nothing about the call. */
function log(
  logger: Logger | undefined,
  { method, url, attempt, started }: { method: string; url: string; attempt: number; started: number },
  outcome: AttemptEvent["outcome"],
  status?: number,
  retryInMs?: number,
): void {
  if (!logger) return;
  try {
    const event = { method, url, attempt, status, outcome, durationMs: Date.now() - started, retryInMs };
    const returned: unknown = logger.debug(`${method} ${url} → ${status ?? outcome} (attempt ${attempt})`, event);
    if (typeof (returned as PromiseLike<unknown> | undefined)?.then === "function")
      Promise.resolve(returned).catch(() => {});
  } catch {
    // A broken logger must not turn a created resource into an error, or change the outcome.
  }
}
