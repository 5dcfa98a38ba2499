// The engine behind addParticipants: reads items ahead (bounded), queues them per conversation,
// starts each when its conversation's pace and the overall concurrency allow, tries 429s and
// provably-unsent failures again, and hands results to the iterator as they complete. It runs
// between the consumer's reads too, so a slow consumer (a journal's fsync) does not stall pacing;
// only more than `lookahead` unread results hold it back.
import type {
  AddOne,
  BulkItem,
  BulkOptions,
  BulkProgress,
  BulkResult,
  BulkRun,
  BulkSummary,
  ReadConversation,
} from "../bulk-types.js";
import { TwilioBulkStoppedError, type BulkStopReason } from "../../errors/bulk-stopped-error.js";
import { TwilioValidationError, type ValidationProblem } from "../../errors/validation-error.js";
import {
  notFound,
  rateLimit,
  refusedCredentials,
  retryAfter,
  serviceFailure,
  tooManyConcurrent,
  worthAnotherTry,
} from "./bulk-errors.js";
import { Circuit } from "./circuit.js";
import type { Paces, Pace } from "./pace.js";
import { checkCount } from "../../internal/settings.js";

interface Pending {
  index: number;
  item: BulkItem;
  attempts: number;
  /** Not before this time (a backoff after a not-sent failure). */
  notBefore: number;
  /** The last attempt's failure, while the item waits to be tried again. */
  error?: unknown;
}

/** A 429 is always safe to try again; past this many for one item it is reported. */
const MAX_RATE_LIMITED = 20;
const PROGRESS_EVERY_MS = 100;

/** @internal */
export function runBulk(
  addOne: AddOne,
  paces: Paces,
  items: Iterable<BulkItem> | AsyncIterable<BulkItem>,
  options: BulkOptions,
  readConversation?: ReadConversation,
): BulkRun {
  const problems: ValidationProblem[] = [];
  const big = Number.MAX_SAFE_INTEGER;
  const rate = checkCount(options, "ratePerConversation", 30, problems, big, 1);
  const concurrency = checkCount(options, "concurrency", 64, problems, big, 1);
  const lookahead = checkCount(options, "lookahead", 10_000, problems, big, 1);
  const maxRetries = checkCount(options, "maxRetries", 2, problems);
  const outage = options.outage === false ? undefined : (options.outage ?? {});
  const circuit =
    outage &&
    new Circuit(
      checkCount(outage, "after", 5, problems, big, 1),
      checkCount(outage, "tries", 3, problems, big, 1),
      checkCount(outage, "pauseMs", 1000, problems),
    );
  if (problems.length) throw new TwilioValidationError(problems);
  const { signal, onProgress, total, beforeStart } = options;
  const stopOnCredentials = options.stopOnCredentials !== false;
  // The run stops through `halt`: the caller's signal, or the run itself when every row would fail.
  const halt = new AbortController();
  const onCallerAbort = () => halt.abort(signal!.reason);
  if (signal?.aborted) onCallerAbort();
  else signal?.addEventListener("abort", onCallerAbort, { once: true });

  const startedAt = performance.now();
  const summary: BulkSummary = {
    created: 0,
    existing: 0,
    failed: 0,
    errors: {},
    rateLimited: 0,
    elapsedMs: 0,
    finished: false,
    stopped: false,
    stopReason: undefined,
    conversationsGone: [],
  };
  /** Conversations a 404 sent us to read, and those found gone (with the error their rows get). */
  const checking = new Set<string>();
  const gone = new Map<string, TwilioBulkStoppedError>();
  /** In flight at most, over all conversations: `concurrency`, halved on Twilio's 20429 and climbing back. */
  let allowed = concurrency,
    allowedAt = 0;
  const queues = new Map<string, Pending[]>();
  const results: BulkResult[] = [];
  let source: Iterator<BulkItem> | AsyncIterator<BulkItem> | undefined;
  let nextIndex = 0,
    buffered = 0,
    inFlight = 0,
    done = 0,
    checks = 0;
  let reading = false,
    readDone = false,
    cut = false,
    closed = false,
    readError: unknown,
    hasReadError = false;
  let timer: ReturnType<typeof setTimeout> | undefined,
    timerAt = Infinity,
    lastProgress = 0;
  let wake: (() => void) | undefined;

  const stopped = () => halt.signal.aborted;
  /** Nothing more starts: stopped, or the iteration is over (its consumer left). */
  const halted = () => closed || stopped();
  const keyOf = (item: BulkItem) => `${item?.path?.ChatServiceSid}/${item?.path?.ConversationSid}`;

  function poke() {
    const w = wake;
    wake = undefined;
    w?.();
  }

  async function readAhead() {
    reading = true;
    try {
      while (!readDone && buffered < lookahead && !halted()) {
        const next = await source!.next();
        if (next.done) readDone = true;
        else enqueue({ index: nextIndex++, item: next.value, attempts: 0, notBefore: 0 });
      }
    } catch (error) {
      readDone = true;
      hasReadError = true;
      readError = error;
    } finally {
      reading = false;
      schedule();
    }
  }

  function enqueue(p: Pending, front = false) {
    const key = keyOf(p.item);
    const goneError = gone.get(key);
    if (goneError) return finish({ index: p.index, item: p.item, outcome: "failed", error: goneError, attempts: 0 });
    let queue = queues.get(key);
    if (!queue) queues.set(key, (queue = []));
    if (front) queue.unshift(p);
    else queue.push(p);
    buffered++;
    if (!reading) schedule();
    // While reading, a new head starts now if it may: a slow source's items must not wait for the
    // next one (or for `lookahead` of them). Only a new head can: the rest wait behind it.
    else if (queue.length === 1 && !halted() && inFlight < maxInFlight() && results.length < lookahead) {
      const now = performance.now();
      const at = startHead(key, queue, now);
      if (at !== undefined) wakeAt(at, now);
    }
  }

  /** Starts the head of `key`'s queue if its pace allows; else returns when it may (Infinity: after an answer). */
  function startHead(key: string, queue: Pending[], now: number): number | undefined {
    const head = queue[0]!;
    if (checking.has(key)) return Infinity; // held until the read of its conversation answers
    const gate = circuit?.readyAt() ?? 0;
    if (gate > now) return gate;
    const pace = paces.get(key, rate, now);
    const at = Math.max(pace.readyAt(now, rate), head.notBefore);
    if (at > now) return at;
    queue.shift();
    if (queue.length === 0) queues.delete(key);
    buffered--;
    start(head, pace, now);
    return undefined;
  }

  /** Runs `schedule` at `at`, unless a timer already does so sooner. */
  function wakeAt(at: number, now: number) {
    if (at === Infinity || at >= timerAt) return;
    clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => ((timerAt = Infinity), schedule()), Math.max(1, at - now));
  }

  /** Starts whatever may start now, and sets a timer for the earliest conversation still waiting. */
  function schedule() {
    if (!halted()) {
      if (!reading && !readDone && buffered < lookahead) void readAhead();
      const now = performance.now();
      recoverConcurrency(now);
      let earliest = Infinity;
      // Round-robin: one start per conversation per pass, so no conversation starves the others.
      for (let progress = true; progress && inFlight < maxInFlight() && results.length < lookahead;) {
        progress = false;
        for (const [key, queue] of queues) {
          if (inFlight >= maxInFlight()) break;
          const at = startHead(key, queue, now);
          if (at === undefined) progress = true;
          else earliest = Math.min(earliest, at);
        }
      }
      wakeAt(earliest, now);
    }
    poke();
  }

  function start(p: Pending, pace: Pace, now: number) {
    const slot = pace.started(now);
    circuit?.started(p);
    const first = p.attempts++ === 0;
    inFlight++;
    let sent = false;
    const send = () => {
      sent = true;
      // addOne never resends a create itself (see client.ts): every resend goes through the pace.
      return addOne({ ...p.item, signal: halt.signal });
    };
    const sending =
      first && beforeStart
        ? Promise.resolve(p.index)
            .then((index) => beforeStart(p.item, index))
            .then(() => {
              // Stopped while the caller's start record was written: this item is not sent.
              if (halted()) throw stopped() ? halt.signal.reason : new Error("addParticipants: the run was left");
              return send();
            })
        : send();
    sending.then(
      ({ participant, outcome }) => {
        slot.doneAt = performance.now();
        inFlight--;
        circuit?.answered();
        finish({ index: p.index, item: p.item, outcome, participant, attempts: p.attempts });
      },
      (error: unknown) => {
        slot.doneAt = performance.now();
        inFlight--;
        if (!sent) p.attempts--;
        failed(p, pace, error, slot.at);
      },
    );
  }

  function failed(p: Pending, pace: Pace, error: unknown, startedAt: number) {
    const now = performance.now();
    if (!halted()) {
      const limited = rateLimit(error);
      if (stopOnCredentials && refusedCredentials(error)) {
        stop(
          "credentials",
          `stopped: Twilio refused the credentials (${describe(error)}); nothing more was sent`,
          error,
        );
      } else if (limited) {
        summary.rateLimited++;
        // 20429 is the account's limit on concurrent requests, not this conversation's pace.
        if (tooManyConcurrent(error)) {
          allowed = Math.max(1, Math.floor(Math.min(allowed, inFlight + 1) / 2));
          allowedAt = now;
          p.notBefore = now + (limited.retryAfterMs ?? 1000);
        } else pace.limited(now, limited.retryAfterMs, rate, startedAt);
        if (p.attempts < MAX_RATE_LIMITED) return retry(p, error);
      } else if (circuit && serviceFailure(error) && circuit.failed(p, now)) {
        stop("outage", `stopped: Twilio is failing every create (the last: ${describe(error)})`, error);
      } else if (notFound(error)) {
        // Gone, or Twilio's re-add quirk: reading the conversation tells. The row stands as it is.
        checkConversation(keyOf(p.item), p.item.path);
      } else if (worthAnotherTry(error) && p.attempts <= maxRetries) {
        // A 503's Retry-After, when sent, says when Twilio can take it again; else a short backoff.
        p.notBefore = now + (retryAfter(error) ?? 200 * 2 ** (p.attempts - 1));
        return retry(p, error);
      }
    }
    if (circuit && !serviceFailure(error) && !rateLimit(error)) circuit.answered();
    finish({ index: p.index, item: p.item, outcome: "failed", error, attempts: p.attempts });
  }

  /** Every row would fail the same way: nothing more starts; those in flight are aborted. */
  function stop(reason: BulkStopReason, message: string, cause: unknown) {
    if (!halt.signal.aborted) halt.abort(new TwilioBulkStoppedError(reason, message, cause));
  }

  /** After a 404 on a create: if the conversation is gone, its rows not yet sent stop; else they go on. */
  function checkConversation(key: string, path: BulkItem["path"]) {
    if (!readConversation || checking.has(key) || gone.has(key)) return;
    checking.add(key);
    checks++;
    const settle = (error?: unknown) => {
      checking.delete(key);
      checks--;
      if (error !== undefined && notFound(error)) {
        const conversation = `${path.ConversationSid} (service ${path.ChatServiceSid})`;
        const message = `conversation ${conversation} does not exist (a create and a read of it got 404): its other rows were not sent`;
        const goneError = new TwilioBulkStoppedError("conversation-gone", message, error);
        gone.set(key, goneError);
        summary.conversationsGone.push(key);
        const queue = queues.get(key) ?? [];
        queues.delete(key);
        buffered -= queue.length;
        for (const q of queue)
          finish({ index: q.index, item: q.item, outcome: "failed", error: goneError, attempts: 0 });
      }
      schedule();
    };
    readConversation(path).then(
      () => settle(),
      (error: unknown) => settle(error ?? new Error("read failed")),
    );
  }

  /** In flight at most now: the concurrency left by 20429s, and the circuit's cap while failures may come. */
  function maxInFlight() {
    return circuit ? Math.min(allowed, circuit.inFlightCap) : allowed;
  }

  /** Each quiet second after a 20429 gives back a tenth of `concurrency`. */
  function recoverConcurrency(now: number) {
    if (allowed >= concurrency || now - allowedAt < 1000) return;
    const seconds = Math.floor((now - allowedAt) / 1000);
    allowed = Math.min(concurrency, allowed + seconds * Math.max(1, Math.ceil(concurrency / 10)));
    allowedAt += seconds * 1000;
  }

  function retry(p: Pending, error: unknown) {
    p.error = error;
    enqueue(p, true);
    schedule();
  }

  /**
   * Once stopped, every item taken from the source still gets a result: one waiting to be tried
   * again fails with its last error (a TwilioOutcomeUnknownError says it may exist), one never
   * started with the signal's reason.
   */
  function reportQueued() {
    cut = true;
    for (const queue of queues.values()) {
      for (const p of queue) {
        const error = "error" in p ? p.error : halt.signal.reason;
        finish({ index: p.index, item: p.item, outcome: "failed", error, attempts: p.attempts });
      }
    }
    queues.clear();
    buffered = 0;
  }

  function finish(result: BulkResult) {
    done++;
    if (result.outcome === "failed") {
      summary.failed++;
      const code = errorKey(result.error);
      summary.errors[code] = (summary.errors[code] ?? 0) + 1;
    } else summary[result.outcome]++;
    results.push(result);
    progress(false);
    schedule();
  }

  function progress(final: boolean) {
    if (!onProgress) return;
    const now = performance.now();
    if (!final && now - lastProgress < PROGRESS_EVERY_MS) return;
    lastProgress = now;
    const elapsed = (now - startedAt) / 1000;
    const ratePerSecond = elapsed > 0 ? done / elapsed : 0;
    const etaMs =
      total === undefined || ratePerSecond === 0 ? undefined : (Math.max(0, total - done) / ratePerSecond) * 1000;
    const report: BulkProgress = {
      done,
      failed: summary.failed,
      total,
      ratePerSecond,
      etaMs,
      pace: paces.rates(queues.keys(), rate),
    };
    try {
      onProgress(report);
    } catch {
      // A broken progress display must not stop the adds.
    }
  }

  async function* iterate(): AsyncGenerator<BulkResult> {
    const iterable = items as Partial<AsyncIterable<BulkItem> & Iterable<BulkItem>>;
    source = iterable[Symbol.asyncIterator]?.() ?? iterable[Symbol.iterator]!();
    const onAbort = () => schedule();
    halt.signal.addEventListener("abort", onAbort);
    try {
      schedule();
      for (;;) {
        while (results.length) {
          yield results.shift()!;
          if (results.length === lookahead - 1) schedule(); // the back-pressure just lifted
        }
        if (stopped() && inFlight === 0 && buffered > 0) {
          reportQueued();
          continue;
        }
        const drained = stopped() ? true : readDone && !reading && buffered === 0;
        if (drained && inFlight === 0 && (checks === 0 || stopped())) break;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      if (hasReadError) throw readError;
    } finally {
      closed = true;
      clearTimeout(timer);
      halt.signal.removeEventListener("abort", onAbort);
      signal?.removeEventListener("abort", onCallerAbort);
      summary.stopped = stopped() && (cut || !(readDone && buffered === 0));
      if (stopped()) summary.stopReason = halt.signal.reason;
      summary.finished = true;
      summary.elapsedMs = performance.now() - startedAt;
      // A read still pending (a source waiting for its next item) would hold return() behind it.
      const closing = readDone ? undefined : source.return?.();
      if (reading) void Promise.resolve(closing).catch(() => {});
      else await closing;
      progress(true);
    }
  }

  let iterated = false;
  return {
    get summary() {
      return {
        ...summary,
        errors: { ...summary.errors },
        conversationsGone: [...summary.conversationsGone],
        elapsedMs: summary.finished ? summary.elapsedMs : performance.now() - startedAt,
      };
    },
    [Symbol.asyncIterator]() {
      if (iterated) throw new TypeError("addParticipants: a run can be iterated only once");
      iterated = true;
      return iterate();
    },
  };
}

function errorKey(error: unknown): string {
  const e = error as { code?: unknown; name?: unknown } | null;
  if (typeof e?.code === "number" || typeof e?.code === "string") return String(e.code);
  return typeof e?.name === "string" ? e.name : "unknown";
}

/** A failure in a few words: HTTP status and Twilio code, or the error's name. */
function describe(error: unknown): string {
  const e = error as { status?: unknown; code?: unknown; name?: unknown } | null;
  if (typeof e?.status === "number") return `HTTP ${e.status}${typeof e.code === "number" ? ` / ${e.code}` : ""}`;
  return typeof e?.name === "string" ? e.name : "unknown error";
}
