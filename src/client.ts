// Builds a client with one method per entry of an operation table, on top of openapi-fetch.
import createClient, { type Client } from "openapi-fetch";
import type { ClientMethods } from "../generated/names.js";
import type { paths } from "../generated/openapi.js";
import { operationTable, type OperationTable } from "../generated/operations.js";
import { participantAdder, type AddParticipant } from "./participants/add-participant.js";
import { bulkAdder } from "./participants/add-participants.js";
import type { AddParticipants } from "./participants/bulk-types.js";
import type { ClientOptions } from "./options.js";
import { prepareInput, type PreparedInput } from "./internal/prepare.js";
import { send } from "./internal/send.js";
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, resolveSettings } from "./internal/settings.js";
import type { TransportFactory } from "./internal/transport.js";
import { Pages } from "./internal/pages.js";
import type { Settings } from "./internal/settings.js";
import type { OperationEntry, OperationTableShape, TableMethods } from "./types.js";
import { queryFromUrl, serializePath, serializeQuery } from "./internal/wire.js";

/** Where a client sends (its settings' `baseUrl`), kept on it unlisted, for the URL of an error no request made. */
const BASE_URL = Symbol("baseUrl");

/** A client for every operation of `T`, plus the underlying openapi-fetch client as `raw`. */
export type OperationsClient<Paths extends {}, T extends OperationTableShape> = TableMethods<Paths, T> & {
  /**
   * The underlying openapi-fetch client, with the path encoding attached. Its requests go through
   * the client's transport, which adds authentication, User-Agent and Accept (after middleware).
   */
  readonly raw: Client<Paths, "application/x-www-form-urlencoded">;
};

/**
 * The client for this package's spec: one method per operation (`ClientMethods`), plus `raw`,
 * `addParticipant` (adds a participant exactly once) and `addParticipants` (many, paced at
 * Twilio's rate per conversation).
 */
export type ConversationsClient = ClientMethods &
  Pick<OperationsClient<paths, OperationTable>, "raw"> & {
    readonly addParticipant: AddParticipant;
    readonly addParticipants: AddParticipants;
  };

/**
 * Creates a client for the operations of this package's spec (Twilio Conversations), each a method
 * named after its operationId and typed from the spec (see `ClientMethods`).
 * @example
 * const client = createConversationsClient({ accountSid: "AC…", authToken: "…" });
 */
export function createConversationsClient(options: ClientOptions = {}): ConversationsClient {
  return conversationsClient(createOperationsClient<paths, OperationTable>(operationTable, options), options);
}

/** @internal This package's client from the generic one: the table's methods, plus the two adds. */
export function conversationsClient(
  client: OperationsClient<paths, OperationTable>,
  options: ClientOptions,
): ConversationsClient {
  const baseUrl = (client as unknown as Record<symbol, string>)[BASE_URL];
  const createPath = operationTable.createServiceConversationParticipant.path;
  const add = participantAdder(client, {
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    createUrl: (path) => baseUrl + serializePath(createPath, path),
  });
  const addParticipant: AddParticipant = (input, addOptions) => add(input, addOptions);
  // A bulk run paces and resends creates itself (the client's resends would bypass the pace); the
  // lookups, GETs, keep the client's read retries.
  const addParticipants = bulkAdder(
    (input) => add(input, {}, 0),
    (path) => client.fetchServiceConversation({ path }),
  );
  return Object.assign(client, { addParticipant, addParticipants });
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
    // Every response body comes back already read, at most maxResponseBytes of it. One argument:
    // openapi-fetch passes a second (its requestInitExt), which is not an AttemptStop.
    fetch: (request: Request) => settings.transport.fetch(request),
    Request: settings.transport.Request,
  } as Parameters<typeof createClient>[0]);

  const client: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(table)) {
    const call = (input: unknown, urlFromServer?: boolean) => callOperation(raw, settings, entry, input, urlFromServer);
    client[name] = entry.list
      ? (input: unknown) => listPages(call, settings, entry, entry.list!.itemsKey, input)
      : (input: unknown) => call(input);
  }
  Object.defineProperty(client, "raw", { value: raw, enumerable: false });
  Object.defineProperty(client, BASE_URL, { value: settings.baseUrl, enumerable: false });
  return client as OperationsClient<Paths, T>;
}

/**
 * One call: the input checked (a bad one rejects, nothing sent), then sent under the retry policy.
 * `urlFromServer`: the query is a page's `next_page_url`, whose text is scrubbed wherever it is shown.
 */
function callOperation(
  raw: Client<any>,
  settings: Settings,
  entry: OperationEntry,
  input: unknown,
  urlFromServer = false,
): Promise<unknown> {
  let prepared: PreparedInput;
  try {
    prepared = prepareInput(entry, input);
  } catch (error) {
    return Promise.reject(urlFromServer ? settings.scrubber.error(error) : error);
  }
  return send(raw, settings, entry, urlFromServer ? { ...prepared, urlFromServer } : prepared);
}

/** A list call's pages: the first with the caller's input, each next one with the query Twilio gave. */
function listPages(
  call: (input: unknown, urlFromServer?: boolean) => Promise<unknown>,
  settings: Settings,
  entry: OperationEntry,
  itemsKey: string,
  input: unknown,
) {
  const given = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const base = new URL(settings.baseUrl);
  return new Pages<object, unknown>({
    itemsKey,
    origin: base.origin,
    // Built only after the first page came: an input the validator refuses may not serialize at all.
    firstUrl: () => {
      const path = serializePath(entry.path, (given.path ?? {}) as Record<string, unknown>);
      const query = serializeQuery((given.query ?? {}) as Record<string, unknown>);
      return new URL(base.pathname.replace(/\/$/, "") + path + (query && `?${query}`), base.origin);
    },
    scrubber: settings.scrubber,
    first: () => call(input) as Promise<object>,
    next: (url) => call({ ...given, query: queryFromUrl(url, entry.fields.query) }, true) as Promise<object>,
  });
}
