// The public types of `client.addParticipants`: what it takes, what each item's result and the
// summary say, and its options. A module of its own so that the engine (internal/bulk-run.ts) and
// the method (add-participants.ts) both read them without importing each other.
import type { AddParticipantResult } from "./add-participant.js";
import type {
  CreateServiceConversationParticipantInput,
  ServiceConversationParticipant,
} from "../../generated/names.js";

/** One participant to add: what `addParticipant` takes, without per-call options. */
export type BulkItem = Pick<CreateServiceConversationParticipantInput, "path" | "body"> &
  Partial<Pick<CreateServiceConversationParticipantInput, "header">>;

/** How one item ended. */
export type BulkResult =
  | {
      /** The item's position in `items`, from 0. */
      index: number;
      item: BulkItem;
      /** `created` by this call, or `existing` (already there: nothing was added twice). */
      outcome: "created" | "existing";
      participant: ServiceConversationParticipant;
      /** Times this item was tried: each a call of `addParticipant` (429s and not-sent failures are tried again). */
      tries: number;
      /** @deprecated The same as `tries` (`attempts` elsewhere counts HTTP requests, as on a `TwilioError`). */
      attempts: number;
    }
  | {
      index: number;
      item: BulkItem;
      outcome: "failed";
      /** What `addParticipant` rejected with (a TwilioError, or the signal's reason when stopped). */
      error: unknown;
      /** Times this item was tried; 0 when it was never sent. */
      tries: number;
      /** @deprecated The same as `tries`. */
      attempts: number;
    };

/** Counts so far; final once the iteration has ended. */
export interface BulkSummary {
  created: number;
  existing: number;
  failed: number;
  /** Failures by Twilio error code (or the error's name when it has no code). */
  errors: Record<string, number>;
  /** 429s received (each was slowed down for and tried again). */
  rateLimited: number;
  elapsedMs: number;
  /** True once every item has a result, or the signal stopped the run and in-flight calls settled. */
  finished: boolean;
  /** True when `signal`, or the run itself (see `stopReason`), stopped it before every item was read. */
  stopped: boolean;
  /**
   * Why the run stopped: the signal's reason, or a `TwilioBulkStoppedError` when the run stopped on
   * its own (credentials refused, or Twilio failing every create). Undefined while it runs on.
   */
  stopReason: unknown;
  /** Items never sent because their conversation turned out not to exist (a 404, then a read of it). */
  conversationsGone: string[];
}

/** What `onProgress` receives after each result. */
export interface BulkProgress {
  done: number;
  failed: number;
  /** `options.total`, when given. */
  total: number | undefined;
  /** Results per second since the start. */
  ratePerSecond: number;
  /** Milliseconds left at the current rate, when `total` is known. */
  etaMs: number | undefined;
  /** Each active conversation's current pace (creates per second), keyed `ChatServiceSid/ConversationSid`. */
  pace: Record<string, number>;
}

export interface BulkOptions {
  /**
   * Most creates started per second for any one conversation. Twilio allows 30 (see the README);
   * a 429 cuts a conversation's pace to 80% and it climbs back by a fifteenth of this per quiet second.
   * Calls on one client share each conversation's window: this call starts a create only while
   * the last second holds fewer than this many, whoever started them.
   * @default 30
   * @example client.addParticipants(items, { ratePerConversation: 10 })
   */
  ratePerConversation?: number;
  /**
   * Most calls in flight at once, over all conversations.
   * @default 64 (the bench's smallest value that keeps 10 conversations at 30/s with 80 ms latency)
   * @example client.addParticipants(items, { concurrency: 16 })
   */
  concurrency?: number;
  /**
   * Items read ahead of those in flight, so one conversation waiting for its pace does not stall the
   * others. Bounds memory: a million items never sit in memory at once.
   * @default 10000
   * @example client.addParticipants(rows(), { lookahead: 1000 })
   */
  lookahead?: number;
  /**
   * How often an item is tried again after a failure Twilio provably did not act on (a 503, a
   * connection refused) or whose outcome `addParticipant` could not settle (it looks up before it
   * creates again), besides 429s, which are always tried again after slowing down.
   * @default 2
   * @example client.addParticipants(items, { maxRetries: 0 })
   */
  maxRetries?: number;
  /**
   * Stops the run: nothing new starts; calls in flight are aborted and reported as failed with the
   * signal's reason (their outcome is unknown: a rerun resolves them through `addParticipant`). Every
   * item already read gets a result: one not started fails with the signal's reason, one waiting to
   * be tried again with its last error (a `TwilioOutcomeUnknownError` when it may exist).
   * @default undefined (runs to the end)
   * @example client.addParticipants(items, { signal: AbortSignal.timeout(60_000) })
   */
  signal?: AbortSignal;
  /**
   * Stop the whole run when Twilio refuses the credentials (401 or 403, e.g. a revoked token): every
   * later create would fail the same way. Calls in flight are aborted; items not sent fail with a
   * `TwilioBulkStoppedError` (reason `credentials`, `tries` 0).
   * @default true
   * @example client.addParticipants(items, { stopOnCredentials: false })
   */
  stopOnCredentials?: boolean;
  /**
   * The circuit breaker for a service failing every create. After `after` failures in a row that
   * say the service is failing (a 5xx, a timeout, a reset), nothing is sent for `pauseMs`; then
   * one create probes, each failed probe doubles the pause, and after `tries` failed probes the
   * run stops: items not sent fail with a `TwilioBulkStoppedError` (reason `outage`). A success or
   * a 4xx answer closes it. `false` turns it off.
   * @default { after: 5, tries: 3, pauseMs: 1000 } (gives up after about 7 s of failures)
   * @example client.addParticipants(items, { outage: { after: 10, tries: 5 } })
   */
  outage?: { after?: number; tries?: number; pauseMs?: number } | false;
  /**
   * How many items there are, for `onProgress`'s ETA.
   * @default undefined (no ETA)
   * @example client.addParticipants(items, { total: items.length })
   */
  total?: number;
  /**
   * Called after each result with done/failed/rate/ETA and each conversation's pace. It must not
   * throw; what it throws is ignored.
   * @default undefined
   * @example client.addParticipants(items, { onProgress: (p) => console.log(`${p.done}/${p.total}`) })
   */
  onProgress?: (progress: BulkProgress) => void;
  /**
   * Awaited before an item's first create is sent, e.g. to make a durable "started" record (the
   * CLI's journal), so that a rerun after a crash knows which items may exist and looks them up.
   * When it rejects, the item is not sent and fails with its error (`tries` 0); when the run is
   * stopped meanwhile, the item is not sent either.
   * @default undefined
   * @example client.addParticipants(items, { beforeStart: (item, index) => journal.started(index) })
   */
  beforeStart?: (item: BulkItem, index: number) => void | Promise<void>;
}

/** The async iterable `addParticipants` returns, with the summary alongside. */
export interface BulkRun extends AsyncIterable<BulkResult> {
  /** Counts so far; `finished` once the iteration has ended. */
  readonly summary: BulkSummary;
}

/** @internal What `addParticipants` needs from the client: its exactly-once `addParticipant`. */
export type AddOne = (input: CreateServiceConversationParticipantInput) => Promise<AddParticipantResult>;

/** @internal Reads a conversation (after a 404 on a create): resolves if it exists, rejects with Twilio's error. */
export type ReadConversation = (path: BulkItem["path"]) => Promise<unknown>;

/** The `addParticipants` method. */
export type AddParticipants = (items: Iterable<BulkItem> | AsyncIterable<BulkItem>, options?: BulkOptions) => BulkRun;
