// Builds a client with one method per entry of an operation table, on top of openapi-fetch.
import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "../generated/openapi.js";
import { operationTable } from "../generated/operations.js";
import { withAddParticipant, type AddParticipant } from "./add-participant.js";
import { bulkAdder, type AddParticipants } from "./add-participants.js";
import type { ClientOptions } from "./options.js";
import { prepareInput, type PreparedInput } from "./internal/prepare.js";
import { send } from "./internal/send.js";
import { DEFAULT_MAX_RETRIES, resolveSettings } from "./internal/settings.js";
import type { TransportFactory } from "./internal/transport.js";
import type { InputOf, OperationMethods, OperationTableShape } from "./types.js";
import { serializePath, serializeQuery } from "./internal/wire.js";

/** A client for every operation of `T`, plus the underlying openapi-fetch client as `raw`. */
export type OperationsClient<Paths extends {}, T extends OperationTableShape> = OperationMethods<Paths, T> & {
  /**
   * The underlying openapi-fetch client, with the path encoding attached. Its requests go through
   * the client's transport, which adds authentication, User-Agent and Accept (after middleware).
   */
  readonly raw: Client<Paths, "application/x-www-form-urlencoded">;
};

/**
 * The client for this package's spec, with `addParticipant` (adds a participant exactly once) and
 * `addParticipants` (many, paced at Twilio's rate per conversation).
 */
export type ConversationsClient = OperationsClient<paths, typeof operationTable> & {
  readonly addParticipant: AddParticipant;
  readonly addParticipants: AddParticipants;
};

/** A participant, as the 201 response returns it. */
export type ServiceConversationParticipant = components["schemas"]["ServiceConversationParticipant"];

/** The argument of `createServiceConversationParticipant`. */
export type CreateServiceConversationParticipantInput = InputOf<paths, (typeof operationTable)["createServiceConversationParticipant"]>;

/**
 * Creates a client for Twilio Conversations' Service Participant endpoint.
 * @example
 * const client = createConversationsClient({ accountSid: "AC…", authToken: "…" });
 * const participant = await client.createServiceConversationParticipant({
 *   path: { ChatServiceSid: "IS…", ConversationSid: "CH…" },
 *   body: { Identity: "alice" },
 * });
 */
export function createConversationsClient(options: ClientOptions = {}): ConversationsClient {
  return conversationsClient(createOperationsClient<paths, typeof operationTable>(operationTable, options), options);
}

/** @internal This package's client from the generic one: the table's methods, plus the two adds. */
export function conversationsClient(client: OperationsClient<paths, typeof operationTable>, options: ClientOptions): ConversationsClient {
  const withOne = withAddParticipant(client, options.maxRetries ?? DEFAULT_MAX_RETRIES);
  return Object.assign(withOne, { addParticipants: bulkAdder(withOne.addParticipant) });
}

/**
 * @internal Builds a client from any generated operation table: a new operation in the spec is a
 * new method, with no change here. `defaultTransport` replaces global fetch when the caller passed
 * no `fetch` (the Node entry passes its node:http transport).
 */
export function createOperationsClient<Paths extends {}, T extends OperationTableShape>(
  table: T,
  options: ClientOptions = {},
  defaultTransport?: TransportFactory,
): OperationsClient<Paths, T> {
  const settings = resolveSettings(options, defaultTransport);
  const raw = createClient<Paths, "application/x-www-form-urlencoded">({
    baseUrl: settings.baseUrl,
    pathSerializer: serializePath,
    querySerializer: serializeQuery,
    // Every response body comes back already read, at most maxResponseBytes of it.
    fetch: settings.transport.fetch,
    Request: settings.transport.Request,
  } as Parameters<typeof createClient>[0]);

  const client: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(table)) {
    // Not `async`: a bad input still rejects (never throws), without a second promise around send's.
    client[name] = (input: unknown) => {
      let prepared: PreparedInput;
      try {
        prepared = prepareInput(entry, input);
      } catch (error) {
        return Promise.reject(error);
      }
      return send(raw, settings, entry, prepared);
    };
  }
  Object.defineProperty(client, "raw", { value: raw, enumerable: false });
  return client as OperationsClient<Paths, T>;
}
