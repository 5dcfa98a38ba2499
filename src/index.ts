// The public entry: web-standard APIs only, so it runs wherever fetch runs.
export { createConversationsClient, type ConversationsClient } from "./client.js";
// Every operation's input, body, result and item type, each schema's type, and ClientMethods.
export type * from "../generated/names.js";
export type { PagePromise } from "./types.js";
export type { ClientOptions, CallOptions, Logger, AttemptEvent, TransportFetch } from "./options.js";
export type { AddParticipant, AddParticipantOptions, AddParticipantResult } from "./participants/add-participant.js";
export type {
  AddParticipants,
  BulkItem,
  BulkOptions,
  BulkProgress,
  BulkResult,
  BulkRun,
  BulkSummary,
} from "./participants/bulk-types.js";
export { TwilioError } from "./errors/twilio-error.js";
export { TwilioValidationError, type ValidationProblem } from "./errors/validation-error.js";
export { TwilioApiError } from "./errors/api-error.js";
export { TwilioTimeoutError } from "./errors/timeout-error.js";
export { TwilioConnectionError } from "./errors/connection-error.js";
export { TwilioPagingError } from "./errors/paging-error.js";
export { TwilioOutcomeUnknownError, type OutcomeUnknownDetails } from "./errors/outcome-unknown-error.js";
export { TwilioBulkStoppedError, type BulkStopReason } from "./errors/bulk-stopped-error.js";
export { VERSION } from "./version.js";
