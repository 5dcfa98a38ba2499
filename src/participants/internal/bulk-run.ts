// The engine behind addParticipants: reads items ahead (bounded), queues them by the caller's key,
// starts each when its queue's pace and the overall concurrency allow, tries 429s and
// provably-unsent failures again, and hands results to the iterator as they complete. It runs
// between the consumer's reads too, so a slow consumer (a journal's fsync) does not stall pacing;
// only more than `lookahead` unread results hold it back. One `BulkRunner` is one run: what it is
// given are its constructor's fields, its own state its `#` fields, each step a `#` method.
import type {
  AddOne,
  BulkItem,
  BulkOptions,
  BulkProgress,
  BulkResult,
  BulkSummary,
  ReadConversation,
} from "../bulk-types.js";
import { TwilioBulkStoppedError, type BulkStopReason } from "../../errors/bulk-stopped-error.js";
import type { AddParticipantResult } from "../add-participant.js";
import type { BulkErrorPolicy } from "./bulk-errors.js";
import { Circuit } from "./circuit.js";
import type { Paces, Pace, Slot } from "./pace.js";
import type { BulkLimits } from "./bulk-start.js";
import { newSummary } from "./summary.js";
import { follow } from "../../internal/follow.js";

interface Pending {
  index: number;
  item: BulkItem;
  /** Its queue (the policy's `keyOf`), derived once when read. */
  key: string;
  tries: number;
  /** Not before this time (a backoff after a not-sent failure). */
  notBefore: number;
  /** The last try's failure, while the item waits to be tried again. */
  error?: unknown;
}

/** @internal What the caller decides for the engine: which queue an item joins, and what each failure means. */
export interface BulkPolicy {
  /** The queue (and pace) an item belongs to: for participants, its conversation. */
  keyOf: (item: BulkItem) => string;
  errors: BulkErrorPolicy;
}

/** How an item ended; `finish` adds its index and item, and `attempts` (the deprecated name of `tries`). */
type Ending = BulkResult extends infer R
  ? R extends BulkResult
    ? Omit<R, "index" | "item" | "attempts">
    : never
  : never;

/** A 429 is always safe to try again; past this many for one item it is reported. */
const MAX_RATE_LIMITED = 20;
const PROGRESS_EVERY_MS = 100;

/** @internal One run of the engine: `addParticipants` makes it on the run's first read. */
export class BulkRunner {
  readonly #startedAt = performance.now();
  readonly #summary = newSummary();
  /** The run stops through `halt`: the caller's signal, or the run itself when every row would fail. */
  readonly #halt = new AbortController();
  readonly #unfollow: () => void;
  readonly #circuit: Circuit | undefined;
  /** Conversations a 404 sent us to read, and those found gone (with the error their rows get). */
  readonly #checking = new Set<string>();
  readonly #gone = new Map<string, TwilioBulkStoppedError>();
  readonly #queues = new Map<string, Pending[]>();
  readonly #results: BulkResult[] = [];
  /** In flight at most, over all conversations: `concurrency`, halved on Twilio's 20429 and climbing back. */
  #allowed: number;
  #allowedAt = 0;
  #source: Iterator<BulkItem> | AsyncIterator<BulkItem> | undefined;
  #nextIndex = 0;
  #buffered = 0;
  #inFlight = 0;
  #reading = false;
  #readDone = false;
  #cut = false;
  #closed = false;
  #readError: { error: unknown } | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = Infinity;
  #lastProgress = 0;
  #wake: (() => void) | undefined;

  constructor(
    private readonly addOne: AddOne,
    private readonly paces: Paces,
    private readonly options: BulkOptions,
    private readonly limits: BulkLimits,
    private readonly policy: BulkPolicy,
    private readonly readConversation: ReadConversation | undefined,
  ) {
    this.#allowed = limits.concurrency;
    const { outage } = limits;
    this.#circuit = outage && new Circuit(outage.after, outage.tries, outage.pauseMs);
    this.#unfollow = options.signal ? follow(options.signal, (reason) => this.#abort(reason)) : () => {};
  }

  #stopped() {
    return this.#halt.signal.aborted;
  }

  /** Nothing more starts; the calls in flight are aborted, and the iteration wakes to report. */
  #abort(reason: unknown) {
    if (this.#stopped()) return;
    this.#halt.abort(reason);
    this.#schedule();
  }

  /** Nothing more starts: stopped, or the iteration is over (its consumer left). */
  #halted() {
    return this.#closed || this.#stopped();
  }

  #poke() {
    const w = this.#wake;
    this.#wake = undefined;
    w?.();
  }

  async #readAhead() {
    this.#reading = true;
    try {
      while (!this.#readDone && this.#buffered < this.limits.lookahead && !this.#halted()) {
        const next = await this.#source!.next();
        if (next.done) this.#readDone = true;
        else this.#take(next.value);
      }
    } catch (error) {
      this.#readDone = true;
      this.#readError = { error };
    } finally {
      this.#reading = false;
      this.#schedule();
    }
  }

  /**
   * An item read from the source. A new head of its queue starts now if it may: a slow source's items
   * must not wait for the next one (or for `lookahead` of them); the rest wait behind it.
   */
  #take(item: BulkItem) {
    const p = { index: this.#nextIndex++, item, key: this.policy.keyOf(item), tries: 0, notBefore: 0 };
    const queue = this.#enqueue(p);
    if (queue?.length === 1 && !this.#halted() && this.#roomToStart()) {
      const now = performance.now();
      const at = this.#startHead(p.key, queue, now);
      if (at !== undefined) this.#wakeAt(at, now);
    }
  }

  /** Queues `p` (a retry at the front); its result at once if its conversation is gone. */
  #enqueue(p: Pending, front = false): Pending[] | undefined {
    const goneError = this.#gone.get(p.key);
    if (goneError) {
      this.#fail(p, goneError, 0);
      return undefined;
    }
    let queue = this.#queues.get(p.key);
    if (!queue) this.#queues.set(p.key, (queue = []));
    if (front) queue.unshift(p);
    else queue.push(p);
    this.#buffered++;
    return queue;
  }

  /** Below the in-flight cap, and fewer than `lookahead` results unread. */
  #roomToStart() {
    return this.#inFlight < this.#maxInFlight() && this.#results.length < this.limits.lookahead;
  }

  /** Starts the head of `key`'s queue if its pace allows; else returns when it may (Infinity: after an answer). */
  #startHead(key: string, queue: Pending[], now: number): number | undefined {
    const head = queue[0]!;
    if (this.#checking.has(key)) return Infinity; // held until the read of its conversation answers
    const gate = this.#circuit?.readyAt() ?? 0;
    if (gate > now) return gate;
    const { rate } = this.limits;
    const pace = this.paces.get(key, rate, now);
    const at = Math.max(pace.readyAt(now, rate), head.notBefore);
    if (at > now) return at;
    queue.shift();
    if (queue.length === 0) this.#queues.delete(key);
    this.#buffered--;
    this.#start(head, pace, now);
    return undefined;
  }

  /** Runs `schedule` at `at`, unless a timer already does so sooner. */
  #wakeAt(at: number, now: number) {
    if (at === Infinity || at >= this.#timerAt) return;
    clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = setTimeout(() => ((this.#timerAt = Infinity), this.#schedule()), Math.max(1, at - now));
  }

  /** Starts whatever may start now, and sets a timer for the earliest conversation still waiting. */
  #schedule() {
    if (!this.#halted()) {
      if (!this.#reading && !this.#readDone && this.#buffered < this.limits.lookahead) void this.#readAhead();
      const now = performance.now();
      this.#recoverConcurrency(now);
      let earliest = Infinity;
      // Round-robin: one start per conversation per pass, so no conversation starves the others.
      for (let progress = true; progress && this.#roomToStart();) {
        progress = false;
        for (const [key, queue] of this.#queues) {
          if (this.#inFlight >= this.#maxInFlight()) break;
          const at = this.#startHead(key, queue, now);
          if (at === undefined) progress = true;
          else earliest = Math.min(earliest, at);
        }
      }
      this.#wakeAt(earliest, now);
    }
    this.#poke();
  }

  #start(p: Pending, pace: Pace, now: number) {
    const slot = pace.started(now);
    this.#circuit?.started(p);
    this.#inFlight++;
    this.#send(p).then(
      ({ participant, outcome }) => {
        slot.doneAt = performance.now();
        this.#inFlight--;
        this.#circuit?.answered();
        this.#finish(p, { outcome, participant, tries: p.tries });
      },
      (error: unknown) => {
        slot.doneAt = performance.now();
        this.#inFlight--;
        this.#failed(p, pace, error, slot);
      },
    );
  }

  /** One try of the item; its first waits for the caller's `beforeStart` (and is not sent if that fails). */
  async #send(p: Pending): Promise<AddParticipantResult> {
    const { beforeStart } = this.options;
    if (p.tries === 0 && beforeStart) {
      await undefined; // the hook runs after this pass of the scheduler, never inside it
      await beforeStart(p.item, p.index);
      // Stopped while the caller's start record was written: this item is not sent.
      if (this.#halted())
        throw this.#stopped() ? this.#halt.signal.reason : new Error("addParticipants: the run was left");
    }
    p.tries++;
    // addOne never resends a create itself (see client.ts): every resend goes through the pace.
    return this.addOne({ ...p.item, signal: this.#halt.signal });
  }

  /** A failed try: tried again, the run stopped, or the item's result. */
  #failed(p: Pending, pace: Pace, error: unknown, slot: Slot) {
    const errors = this.policy.errors;
    if (!this.#halted() && this.#handleFailure(p, pace, error, slot)) return;
    if (this.#circuit && !errors.serviceFailure(error) && !errors.rateLimit(error)) this.#circuit.answered();
    this.#fail(p, error);
  }

  /** What a failure does to the run; true when the item was queued to be tried again. */
  #handleFailure(p: Pending, pace: Pace, error: unknown, slot: Slot): boolean {
    const now = performance.now();
    const { errors } = this.policy;
    const { rate, maxRetries } = this.limits;
    const circuit = this.#circuit;
    const retryAfterMs = errors.retryAfter(error);
    if (this.options.stopOnCredentials !== false && errors.refusedCredentials(error)) {
      this.#stop(
        "credentials",
        `stopped: Twilio refused the credentials (${describe(error)}); nothing more was sent`,
        error,
      );
    } else if (errors.rateLimit(error)) {
      this.#summary.rateLimited++;
      // 20429 is the account's limit on concurrent requests, not this conversation's pace.
      if (errors.tooManyConcurrent(error)) {
        this.#allowed = Math.max(1, Math.floor(Math.min(this.#allowed, this.#inFlight + 1) / 2));
        this.#allowedAt = now;
        p.notBefore = now + (retryAfterMs ?? 1000);
      } else pace.limited(now, retryAfterMs, rate, slot);
      if (p.tries < MAX_RATE_LIMITED) return this.#retry(p, error);
    } else if (circuit && errors.serviceFailure(error) && circuit.failed(p, now)) {
      this.#stop("outage", `stopped: Twilio is failing every create (the last: ${describe(error)})`, error);
    } else if (errors.notFound(error)) {
      // Gone, or Twilio's re-add quirk: reading the conversation tells. The row stands as it is.
      this.#checkConversation(p);
    } else if (errors.worthAnotherTry(error) && p.tries <= maxRetries) {
      // A 503's Retry-After, when sent, says when Twilio can take it again; else a short backoff.
      p.notBefore = now + (retryAfterMs ?? 200 * 2 ** (p.tries - 1));
      return this.#retry(p, error);
    }
    return false;
  }

  /** Every row would fail the same way: nothing more starts; those in flight are aborted. */
  #stop(reason: BulkStopReason, message: string, cause: unknown) {
    if (!this.#stopped()) this.#abort(new TwilioBulkStoppedError(reason, message, cause));
  }

  /** After a 404 on a create: if the conversation is gone, its rows not yet sent stop; else they go on. */
  #checkConversation({ key, item }: Pending) {
    if (!this.readConversation || this.#checking.has(key) || this.#gone.has(key)) return;
    this.#checking.add(key);
    const settle = (goneError?: unknown) => {
      this.#checking.delete(key);
      if (goneError) this.#conversationGone(key, item.path, goneError);
      this.#schedule();
    };
    this.readConversation(item.path).then(
      () => settle(),
      (error: unknown) => settle(this.policy.errors.notFound(error) ? error : undefined),
    );
  }

  /** The read of a conversation got 404 too: its rows not yet sent fail, and later ones with it. */
  #conversationGone(key: string, path: BulkItem["path"], error: unknown) {
    const conversation = `${path.ConversationSid} (service ${path.ChatServiceSid})`;
    const message = `conversation ${conversation} does not exist (a create and a read of it got 404): its other rows were not sent`;
    const goneError = new TwilioBulkStoppedError("conversation-gone", message, error);
    this.#gone.set(key, goneError);
    this.#summary.conversationsGone.push(key);
    const queue = this.#queues.get(key) ?? [];
    this.#queues.delete(key);
    this.#buffered -= queue.length;
    for (const q of queue) this.#fail(q, goneError, 0);
  }

  /** In flight at most now: the concurrency left by 20429s, and the circuit's cap while failures may come. */
  #maxInFlight() {
    return Math.min(this.#allowed, this.#circuit?.inFlightCap ?? Infinity);
  }

  /** Each quiet second after a 20429 gives back a tenth of `concurrency`. */
  #recoverConcurrency(now: number) {
    const { concurrency } = this.limits;
    if (this.#allowed >= concurrency || now - this.#allowedAt < 1000) return;
    const seconds = Math.floor((now - this.#allowedAt) / 1000);
    this.#allowed = Math.min(concurrency, this.#allowed + seconds * Math.max(1, Math.ceil(concurrency / 10)));
    this.#allowedAt += seconds * 1000;
  }

  #retry(p: Pending, error: unknown): true {
    p.error = error;
    this.#enqueue(p, true);
    this.#schedule();
    return true;
  }

  /**
   * Once stopped, every item taken from the source still gets a result: one waiting to be tried
   * again fails with its last error (a TwilioOutcomeUnknownError says it may exist), one never
   * started with the signal's reason.
   */
  #reportQueued() {
    this.#cut = true;
    for (const queue of this.#queues.values()) {
      for (const p of queue) this.#fail(p, "error" in p ? p.error : this.#halt.signal.reason);
    }
    this.#queues.clear();
    this.#buffered = 0;
  }

  #fail(p: Pending, error: unknown, tries = p.tries) {
    this.#finish(p, { outcome: "failed", error, tries });
  }

  #finish(p: Pending, end: Ending) {
    const summary = this.#summary;
    if (end.outcome === "failed") {
      summary.failed++;
      const code = errorKey(end.error);
      summary.errors[code] = (summary.errors[code] ?? 0) + 1;
    } else summary[end.outcome]++;
    this.#results.push({ index: p.index, item: p.item, ...end, attempts: end.tries } as BulkResult);
    this.#progress(false);
    this.#schedule();
  }

  #progress(final: boolean) {
    const { onProgress, total } = this.options;
    if (!onProgress) return;
    const now = performance.now();
    if (!final && now - this.#lastProgress < PROGRESS_EVERY_MS) return;
    this.#lastProgress = now;
    const elapsed = (now - this.#startedAt) / 1000;
    const { created, existing, failed } = this.#summary;
    const done = created + existing + failed;
    const ratePerSecond = elapsed > 0 ? done / elapsed : 0;
    const etaMs =
      total === undefined || ratePerSecond === 0 ? undefined : (Math.max(0, total - done) / ratePerSecond) * 1000;
    const report: BulkProgress = {
      done,
      failed,
      total,
      ratePerSecond,
      etaMs,
      pace: this.paces.rates(this.#queues.keys(), this.limits.rate),
    };
    try {
      onProgress(report);
    } catch {
      // A broken progress display must not stop the adds.
    }
  }

  /** The run is over: everything read has a result and nothing is in flight (or it was stopped). */
  #over() {
    if (this.#inFlight > 0) return false;
    return this.#stopped() || (this.#readDone && !this.#reading && this.#buffered === 0 && this.#checking.size === 0);
  }

  async *iterate(items: Iterable<BulkItem> | AsyncIterable<BulkItem>): AsyncGenerator<BulkResult> {
    const iterable = items as Partial<AsyncIterable<BulkItem> & Iterable<BulkItem>>;
    this.#source = iterable[Symbol.asyncIterator]?.() ?? iterable[Symbol.iterator]!();
    try {
      this.#schedule();
      for (;;) {
        while (this.#results.length) {
          yield this.#results.shift()!;
          if (this.#results.length === this.limits.lookahead - 1) this.#schedule(); // the back-pressure just lifted
        }
        if (this.#stopped() && this.#inFlight === 0 && this.#buffered > 0) {
          this.#reportQueued();
          continue;
        }
        if (this.#over()) break;
        await new Promise<void>((resolve) => (this.#wake = resolve));
      }
      if (this.#readError) throw this.#readError.error;
    } finally {
      await this.#close();
    }
  }

  /** The iteration ended (drained, stopped, or its consumer left): the summary is final. */
  async #close() {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#unfollow();
    const summary = this.#summary;
    summary.stopped = this.#stopped() && (this.#cut || !(this.#readDone && this.#buffered === 0));
    if (this.#stopped()) summary.stopReason = this.#halt.signal.reason;
    summary.finished = true;
    summary.elapsedMs = performance.now() - this.#startedAt;
    // A read still pending (a source waiting for its next item) would hold return() behind it.
    const closing = this.#readDone ? undefined : this.#source!.return?.();
    if (this.#reading) void Promise.resolve(closing).catch(() => {});
    else await closing;
    this.#progress(true);
  }

  snapshot(): BulkSummary {
    const summary = this.#summary;
    return {
      ...summary,
      errors: { ...summary.errors },
      conversationsGone: [...summary.conversationsGone],
      elapsedMs: summary.finished ? summary.elapsedMs : performance.now() - this.#startedAt,
    };
  }
}

function errorKey(error: unknown): string {
  const e = error as { code?: unknown; name?: unknown } | null;
  if (typeof e?.code === "number" || typeof e?.code === "string") return String(e.code);
  return typeof e?.name === "string" ? e.name : "unknown";
}

/** A failure in a few words: HTTP status and Twilio code, else as the summary counts it. */
function describe(error: unknown): string {
  const e = error as { status?: unknown; code?: unknown } | null;
  if (typeof e?.status === "number") return `HTTP ${e.status}${typeof e.code === "number" ? ` / ${e.code}` : ""}`;
  return errorKey(error);
}
