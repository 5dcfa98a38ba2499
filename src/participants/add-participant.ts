// client.addParticipant: adds a participant exactly once. Twilio's create is not idempotent and
// takes no idempotency key, so after an answer that leaves the outcome unknown (or a duplicate
// answer) the participant is looked up before anything is sent again.
import type {
  ClientMethods,
  CreateServiceConversationParticipantInput,
  ServiceConversationParticipant,
} from "../../generated/names.js";
import { TwilioApiError } from "../errors/api-error.js";
import { TwilioOutcomeUnknownError } from "../errors/outcome-unknown-error.js";
import { TwilioTimeoutError } from "../errors/timeout-error.js";
import { TwilioError } from "../errors/twilio-error.js";
import { TwilioValidationError, type ValidationProblem } from "../errors/validation-error.js";
import { classify } from "./internal/ambiguity.js";
import { findByBinding, findByIdentity, type LookupScope, type ReadCalls } from "./internal/lookup.js";
import { callLimits } from "../internal/prepare.js";
import { sleep } from "../internal/retry.js";
import { checkCount, MAX_TIMER_MS } from "../internal/settings.js";
import { participantKey } from "./internal/key.js";
import { waitTurn } from "./internal/turn.js";

/** Settings of one `addParticipant` call, besides those its input already takes. */
export interface AddParticipantOptions {
  /**
   * Milliseconds to wait after an answer that leaves the outcome unknown (a timeout, a reset, a
   * 500/502/504, an unreadable 201) before looking the participant up: Twilio may still be
   * processing the create whose answer was lost.
   * @default 1000
   * @example client.addParticipant(input, { settleMs: 250 })
   */
  settleMs?: number;
}

/** What `addParticipant` resolves to. */
export interface AddParticipantResult {
  /** The participant as Twilio keeps it: from the 201, or from the lookup that found it. */
  participant: ServiceConversationParticipant;
  /**
   * `created`: this call's create answered 201. `existing`: a lookup found it (it was already there,
   * or an attempt whose answer was lost added it).
   */
  outcome: "created" | "existing";
}

/**
 * Adds a participant exactly once; see the README's "Exactly once".
 * @example
 * const { participant, outcome } = await client.addParticipant({
 *   path: { ChatServiceSid: "IS…", ConversationSid: "CH…" },
 *   body: { Identity: "alice" },
 * });
 */
export type AddParticipant = (
  input: CreateServiceConversationParticipantInput,
  options?: AddParticipantOptions,
) => Promise<AddParticipantResult>;

/** @internal The create and the two reads, as the client's typed methods make them. */
export interface ParticipantCalls extends ReadCalls {
  create(input: CreateServiceConversationParticipantInput): Promise<ServiceConversationParticipant>;
}

const DEFAULT_SETTLE_MS = 1000;

/**
 * @internal `addParticipant`, with the creates' resend budget apart from the lookups': those are
 * GETs, resent within the input's `maxRetries` (or the client's), whatever `createRetries` says.
 */
export type AddWithBudget = (
  input: CreateServiceConversationParticipantInput,
  options?: AddParticipantOptions,
  createRetries?: number,
) => Promise<AddParticipantResult>;

/** @internal A client's own settings that `addParticipant` needs. */
export interface AdderDefaults {
  maxRetries: number;
  timeoutMs: number;
  /** The create's URL for this path, for the timeout of a call that waited and sent nothing. */
  createUrl(path: Record<string, unknown>): string;
}

/**
 * @internal One client's `addParticipant`. Calls for the same participant on this client run one
 * after the other: a later one resolves with what an earlier one added, so two never race. A call
 * waiting its turn leaves at its own signal or `timeoutMs` (see internal/turn.ts).
 */
export function makeAddParticipant(calls: ParticipantCalls, defaults: AdderDefaults): AddWithBudget {
  const running = new Map<string, Promise<AddParticipantResult>>();
  // Async: a refused input rejects (nothing sent, nothing queued); the queue is joined at once.
  return async (input, options = {}, createRetries) => {
    const key = participantKey(input);
    const problems: ValidationProblem[] = [];
    const settleMs = checkCount(options ?? {}, "settleMs", DEFAULT_SETTLE_MS, problems, MAX_TIMER_MS);
    const limits = callLimits(input as unknown as Record<string, unknown>, problems);
    if (problems.length) throw new TwilioValidationError(problems);
    limits.signal?.throwIfAborted();
    const add = () =>
      addOnce(calls, input, limits, createRetries ?? limits.maxRetries ?? defaults.maxRetries, settleMs);
    const earlier = running.get(key);
    let link: Promise<AddParticipantResult>;
    let result: Promise<AddParticipantResult>;
    if (!earlier) link = result = add();
    else {
      const timeoutMs = limits.timeoutMs ?? defaults.timeoutMs;
      ({ link, result } = waitTurn(
        earlier,
        { done: ({ participant }) => ({ participant, outcome: "existing" as const }), take: add },
        { signal: limits.signal, timeoutMs, timedOut: () => waitedTooLong(input, timeoutMs, defaults) },
      ));
    }
    running.set(key, link);
    const forget = () => void (running.get(key) === link && running.delete(key));
    link.then(forget, forget);
    return result;
  };
}

/** A call that spent its whole `timeoutMs` behind an earlier one for the same participant. */
function waitedTooLong(
  input: CreateServiceConversationParticipantInput,
  timeoutMs: number,
  defaults: AdderDefaults,
): TwilioTimeoutError {
  return new TwilioTimeoutError({
    method: "POST",
    url: defaults.createUrl(input.path ?? {}),
    timeoutMs,
    attempts: 0,
    requestSent: false,
    note: "it waited behind an earlier addParticipant for the same participant, which is still running",
  });
}

/**
 * Creates, and after every answer that is not a 201 or a final refusal, looks up before resending.
 * `maxRetries` counts creates; the lookups keep the input's own limits (`maxRetries` too), as checked.
 */
async function addOnce(
  calls: ParticipantCalls,
  input: CreateServiceConversationParticipantInput,
  limits: LookupScope["options"],
  maxRetries: number,
  settleMs: number,
): Promise<AddParticipantResult> {
  const {
    Identity: identity,
    "MessagingBinding.Address": address,
    "MessagingBinding.ProxyAddress": proxy,
  } = input.body!;
  // The path as the create took it: a path it refused never gets this far.
  const scope: LookupScope = { path: input.path, options: limits };
  let creates = 0; // create requests sent so far: every resend counts against maxRetries
  let attempts = 0;
  for (;;) {
    let createError: unknown;
    try {
      return { participant: await calls.create({ ...input, maxRetries: maxRetries - creates }), outcome: "created" };
    } catch (error) {
      createError = error;
    }
    const failure = classify(createError);
    if (failure.kind === "final") throw createError;
    const sent = (createError as TwilioError).attempts;
    creates += sent;
    attempts += sent;
    if (failure.kind === "unknown") await sleep(settleMs, limits.signal);
    const by = failure.kind === "duplicate" ? failure.by : identity !== undefined ? "identity" : "binding";
    let found: ServiceConversationParticipant | undefined;
    try {
      found =
        by === "identity"
          ? await findByIdentity(calls, scope, identity!)
          : await findByBinding(calls, scope, address!, proxy ?? null);
      attempts += 1; // a lookup that needed resends still counts once: its attempts are not reported on success
    } catch (lookupError) {
      // The lookup after a refusal exists because a transport may have resent a copy Twilio processed;
      // after a duplicate answer too, that copy may be this call's own. Unlooked, neither settles it.
      if (!(lookupError instanceof TwilioError)) throw lookupError; // the caller's abort
      throw new TwilioOutcomeUnknownError({
        attempts: attempts + lookupError.attempts,
        creates,
        lookup: "failed",
        createError: createError as TwilioError,
        lookupError,
      });
    }
    if (found && (identity === undefined || found.identity === identity))
      return { participant: found, outcome: "existing" };
    if (found || (failure.kind === "duplicate" && failure.elsewhere)) {
      throw refusal(
        createError as TwilioApiError,
        attempts,
        found
          ? `it is bound to participant ${found.sid} of this conversation, whose identity is not ${identity}`
          : "it is in use in another conversation, not this one",
      );
    }
    // A 429/503, or a 404 whose participant is not there: the create failed as it said. Never resent.
    if (failure.kind === "refused" || failure.kind === "missing") throw createError;
    if (creates > maxRetries) {
      if (failure.kind === "duplicate") throw createError;
      throw new TwilioOutcomeUnknownError({
        attempts,
        creates,
        lookup: "not-found",
        createError: createError as TwilioError,
      });
    }
  }
}

/** Twilio's binding error again, with the call's attempts and where the binding is. */
function refusal(e: TwilioApiError, attempts: number, where: string): TwilioApiError {
  const note = `MessagingBinding.Address with this ProxyAddress cannot be added here: ${where}`;
  return new TwilioApiError({ ...e, message: e.twilioMessage, attempts, note });
}

/** The generated client's three participant methods, which `addParticipant` is built on. */
type ParticipantMethods = Pick<
  ClientMethods,
  "createServiceConversationParticipant" | "fetchServiceConversationParticipant" | "listServiceConversationParticipant"
>;

/** @internal A client's `addParticipant`, built on its own typed methods (so on its transport and settings). */
export function participantAdder(client: ParticipantMethods, defaults: AdderDefaults): AddWithBudget {
  const calls: ParticipantCalls = {
    create: (input) => client.createServiceConversationParticipant(input),
    fetch: (input) => client.fetchServiceConversationParticipant(input),
    list: (input) => client.listServiceConversationParticipant(input),
  };
  return makeAddParticipant(calls, defaults);
}
