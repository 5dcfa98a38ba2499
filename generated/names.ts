// GENERATED FILE — do not edit by hand.
// Generated from spec/openapi.yaml by `npm run generate` (scripts/generate.mjs).
// Change the spec and run the command again to remake it.
// The public names of every operation and schema of the spec; src/ re-exports them.

import type { components, paths } from "./openapi.js";
import type { OperationTable } from "./operations.js";
import type { BodyOf, InputOf, ItemOf, PagePromise, ResultOf } from "../src/types.js";

/** The argument of `createServiceConversationParticipant`: path, header, query and body, and per-call options. */
export type CreateServiceConversationParticipantInput =
  InputOf<paths, OperationTable["createServiceConversationParticipant"]>;
/** The form body of `createServiceConversationParticipant` (date-time fields also take a `Date`). */
export type CreateServiceConversationParticipantBody =
  BodyOf<paths, OperationTable["createServiceConversationParticipant"]>;
/** What `createServiceConversationParticipant` resolves to. */
export type CreateServiceConversationParticipantResult =
  ResultOf<paths, OperationTable["createServiceConversationParticipant"]>;

/** The form fields of a create request. Every field is optional; no other field is allowed. */
export type CreateServiceConversationParticipantRequest =
  components["schemas"]["CreateServiceConversationParticipantRequest"];

/** A member of a conversation within a specific Conversation Service. */
export type ServiceConversationParticipant = components["schemas"]["ServiceConversationParticipant"];

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
}
