// Finding a participant that a create may have added: by identity (Twilio's fetch takes it in
// place of the SID), or by messaging binding or an identity no path can carry (the list has no
// filter, so every page is read).
import type {
  FetchServiceConversationParticipantInput,
  ListServiceConversationParticipantInput,
  ServiceConversationParticipant as Participant,
} from "../../../generated/names.js";
import { TwilioApiError } from "../../errors/api-error.js";
import { TwilioValidationError } from "../../errors/validation-error.js";
import type { Who } from "./key.js";

/** @internal The conversation's path, and the per-call options every lookup passes on. */
export interface LookupScope {
  path: { ChatServiceSid: string; ConversationSid: string };
  options: { maxRetries?: number | undefined; timeoutMs?: number | undefined; signal?: AbortSignal | undefined };
}

/** @internal The two reads, as the client's typed methods make them (with the read retry rules). */
export interface ReadCalls {
  fetch(input: FetchServiceConversationParticipantInput): Promise<Participant>;
  list(input: ListServiceConversationParticipantInput): AsyncIterable<Participant>;
}

/**
 * @internal The participant with this identity, or undefined on Twilio's 404. An identity the
 * create takes but no path segment can carry ("", ".", "..": the fetch refuses it, sending nothing)
 * is found in the list instead, as a binding is.
 */
export async function findByIdentity(
  reads: ReadCalls,
  scope: LookupScope,
  identity: string,
): Promise<Participant | undefined> {
  try {
    return await reads.fetch({ path: { ...scope.path, Sid: identity }, ...scope.options });
  } catch (error) {
    if (error instanceof TwilioApiError && error.status === 404) return undefined;
    if (error instanceof TwilioValidationError && error.problems.every((p) => p.in === "path" && p.field === "Sid"))
      return findInList(reads, scope, (p) => isParticipant(p, { identity }));
    throw error;
  }
}

/** @internal The participant of this conversation bound to `address` through `proxy` (null: none). */
export function findByBinding(
  reads: ReadCalls,
  scope: LookupScope,
  address: string,
  proxy: string | null,
): Promise<Participant | undefined> {
  return findInList(reads, scope, (p) => isParticipant(p, { address, proxy }));
}

/** The first participant of the list that `matches`; undefined when none does, or the list is a 404. */
async function findInList(
  reads: ReadCalls,
  scope: LookupScope,
  matches: (p: Participant) => boolean,
): Promise<Participant | undefined> {
  let read = false;
  try {
    for await (const p of reads.list({ path: scope.path, ...scope.options })) {
      read = true;
      if (matches(p)) return p;
    }
  } catch (error) {
    // A 404 for the first page: the conversation (or service) is not there, so neither is the participant.
    if (!read && error instanceof TwilioApiError && error.status === 404) return undefined;
    throw error;
  }
  return undefined;
}

/**
 * @internal Whether `p` is the participant `who` names, as addParticipant's lookups find it: the
 * same identity (as Twilio's fetch by identity), or bound to the same address and proxy address.
 */
export function isParticipant(p: Participant, who: Who): boolean {
  return "identity" in who ? p.identity === who.identity : isBoundTo(p, who.address, who.proxy);
}

/** Whether `p` is bound to `address` through `proxy` (null: none), as Twilio checks duplicates. */
function isBoundTo(p: Participant, address: string, proxy: string | null): boolean {
  return p.messaging_binding?.address === address && (p.messaging_binding.proxy_address ?? null) === proxy;
}
