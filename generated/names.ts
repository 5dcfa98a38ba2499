// GENERATED FILE — do not edit by hand.
// Generated from spec/openapi.yaml by `npm run generate` (scripts/generate.mjs).
// Change the spec and run the command again to remake it.
// The public names of every operation and schema of the spec; src/ re-exports them.

import type { components, paths } from "./openapi.js";
import type { OperationTable } from "./operations.js";
import type { BodyOf, InputOf, ItemOf, PagePromise, ResultOf } from "../src/types.js";

/** The argument of `fetchServiceConversation`: path, header, query and body, and per-call options. */
export type FetchServiceConversationInput = InputOf<paths, OperationTable["fetchServiceConversation"]>;
/** What `fetchServiceConversation` resolves to. */
export type FetchServiceConversationResult = ResultOf<paths, OperationTable["fetchServiceConversation"]>;

/** The argument of `listServiceConversationParticipant`: path, header, query and body, and per-call options. */
export type ListServiceConversationParticipantInput =
  InputOf<paths, OperationTable["listServiceConversationParticipant"]>;
/** What `listServiceConversationParticipant` resolves to when awaited: the first page, with its `meta`. */
export type ListServiceConversationParticipantResult =
  ResultOf<paths, OperationTable["listServiceConversationParticipant"]>;
/** One item of `listServiceConversationParticipant`'s pages (`participants`), as `for await` yields them. */
export type ListServiceConversationParticipantItem =
  ItemOf<paths, OperationTable["listServiceConversationParticipant"]>;

/** The argument of `createServiceConversationParticipant`: path, header, query and body, and per-call options. */
export type CreateServiceConversationParticipantInput =
  InputOf<paths, OperationTable["createServiceConversationParticipant"]>;
/** The form body of `createServiceConversationParticipant` (date-time fields also take a `Date`). */
export type CreateServiceConversationParticipantBody =
  BodyOf<paths, OperationTable["createServiceConversationParticipant"]>;
/** What `createServiceConversationParticipant` resolves to. */
export type CreateServiceConversationParticipantResult =
  ResultOf<paths, OperationTable["createServiceConversationParticipant"]>;

/** The argument of `fetchServiceConversationParticipant`: path, header, query and body, and per-call options. */
export type FetchServiceConversationParticipantInput =
  InputOf<paths, OperationTable["fetchServiceConversationParticipant"]>;
/** What `fetchServiceConversationParticipant` resolves to. */
export type FetchServiceConversationParticipantResult =
  ResultOf<paths, OperationTable["fetchServiceConversationParticipant"]>;

/** The form fields of a create request. Every field is optional; no other field is allowed. */
export type CreateServiceConversationParticipantRequest =
  components["schemas"]["CreateServiceConversationParticipantRequest"];

/** A member of a conversation within a specific Conversation Service. */
export type ServiceConversationParticipant = components["schemas"]["ServiceConversationParticipant"];

/** A conversation within a specific Conversation Service (Twilio's `service_conversation` resource). */
export type ServiceConversation = components["schemas"]["ServiceConversation"];

/** One page of a conversation's participants, in Twilio's list envelope. */
export type ServiceConversationParticipantList = components["schemas"]["ServiceConversationParticipantList"];

/** Where a page of one of Twilio's lists sits, and the URLs of its neighbours. */
export type ListMeta = components["schemas"]["ListMeta"];

/**
 * Information about how this participant exchanges messages with the conversation; `null` for a
 * chat (SDK) participant without a projected address.
 */
export type MessagingBinding = components["schemas"]["MessagingBinding"];

/**
 * The body of every Twilio REST error, per Twilio's API response documentation (the operation's
 * own reference page does not describe it).
 */
export type TwilioErrorBody = components["schemas"]["TwilioError"];

/** One method per operation of the spec, named after its operationId. */
export interface ClientMethods {
  /**
   * Fetch a conversation in a specific service
   *
   * Returns one conversation of the service, found by its SID or its `unique_name`. A `404`
   * (Twilio error 20404) means no such conversation (or no such service). Reading the
   * conversations a batch will touch before the first create tells wrong credentials (`401`) and
   * unknown conversations apart from per-row failures.
   *
   * A read never changes anything, so it is safe to send again.
   */
  fetchServiceConversation(input: FetchServiceConversationInput): Promise<FetchServiceConversationResult>;

  /**
   * List the participants of a conversation in a specific service
   *
   * Returns one page of the conversation's participants, in Twilio's list envelope: the
   * participants, and `meta` with the URLs of the neighbouring pages. Follow `meta.next_page_url`
   * until it is `null` to read them all. There is no filter: to find a messaging participant by
   * its address, read the pages and match `messaging_binding.address` and `proxy_address`.
   *
   * A read never changes anything, so it is safe to send again.
   */
  listServiceConversationParticipant(
    input: ListServiceConversationParticipantInput,
  ): PagePromise<ListServiceConversationParticipantResult, ListServiceConversationParticipantItem>;

  /**
   * Add a new participant to the conversation in a specific service
   *
   * Creates a Service Participant: a member of the conversation within a specific Conversation
   * Service. Send `Identity` for a chat (SDK) participant, or `MessagingBinding.Address` with
   * `MessagingBinding.ProxyAddress` for an SMS or WhatsApp participant. All body fields are
   * optional.
   *
   * This POST is **not idempotent**: sending it twice can add the participant twice or fail the
   * second time with `409`. Resend it only when Twilio provably did not act on it (`429`, `503`,
   * or a connection that failed before the request was sent).
   */
  createServiceConversationParticipant(
    input: CreateServiceConversationParticipantInput,
  ): Promise<CreateServiceConversationParticipantResult>;

  /**
   * Fetch one participant of a conversation in a specific service
   *
   * Returns one participant, found by its SID or, as Twilio documents for this operation, by its
   * `identity` in place of the SID. A `404` (Twilio error 20404) means no such participant (or
   * no such service or conversation).
   *
   * A read never changes anything, so it is safe to send again.
   */
  fetchServiceConversationParticipant(
    input: FetchServiceConversationParticipantInput,
  ): Promise<FetchServiceConversationParticipantResult>;
}
