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
import { resolveSettings } from "./internal/settings.js";
import { clientFetch, type TransportFactory } from "./internal/transport.js";
import { Pages } from "./internal/pages.js";
import type { Settings } from "./internal/settings.js";
import type { OperationEntry, OperationTableShape, TableMethods } from "./types.js";
import {
  encodePath,
  FORM_CONTENT_TYPE,
  queryFromUrl,
  serializeBody,
  serializePath,
  serializeQuery,
} from "./internal/wire.js";

/** A client's settings (resolved once, in settings.ts), kept on it unlisted for the adds built on it. */
const SETTINGS = Symbol("settings");

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
  return conversationsClient(createOperationsClient<paths, OperationTable>(operationTable, options));
}

/** @internal This package's client from the generic one: the table's methods, plus the two adds. */
export function conversationsClient(client: OperationsClient<paths, OperationTable>): ConversationsClient {
  const { baseUrl, maxRetries, timeoutMs } = (client as unknown as { [SETTINGS]: Settings })[SETTINGS];
  const createPath = operationTable.createServiceConversationParticipant.path;
  const add = participantAdder(client, {
    maxRetries,
    timeoutMs,
    // Its path values may be any the caller gave (a waiter's timeout, nothing sent): never refused here.
    createUrl: (path) => baseUrl + encodePath(createPath, path),
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
    // Twilio's wire format for typed and raw calls alike (wire.ts): a raw POST is form-encoded, and a
    // path value that would change the path is refused before anything is sent.
    pathSerializer: serializePath,
    querySerializer: serializeQuery,
    bodySerializer: serializeBody,
    headers: { "Content-Type": FORM_CONTENT_TYPE },
    // Every response body comes back already read, at most maxResponseBytes of it.
    fetch: clientFetch(settings.transport),
    Request: settings.transport.Request,
  } as Parameters<typeof createClient>[0]);

  const client: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(table)) {
    const call = (input: unknown, urlFromServer?: boolean, answered?: { url?: string }) =>
      callOperation(raw, settings, entry, input, urlFromServer, answered);
    client[name] = entry.list
      ? (input: unknown) => listPages(call, settings, entry, entry.list!.itemsKey, input)
      : (input: unknown) => call(input);
  }
  Object.defineProperty(client, "raw", { value: raw, enumerable: false });
  Object.defineProperty(client, SETTINGS, { value: settings, enumerable: false });
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
  answered?: { url?: string },
): Promise<unknown> {
  let prepared: PreparedInput;
  try {
    prepared = prepareInput(entry, input);
  } catch (error) {
    return Promise.reject(urlFromServer ? settings.scrubber.error(error) : error);
  }
  return send(raw, settings, entry, urlFromServer ? { ...prepared, urlFromServer } : prepared, answered);
}

/** A list call's pages: the first with the caller's input, each next one with the query Twilio gave. */
function listPages(
  call: (input: unknown, urlFromServer?: boolean, answered?: { url?: string }) => Promise<unknown>,
  settings: Settings,
  entry: OperationEntry,
  itemsKey: string,
  input: unknown,
) {
  const given = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  // The URL the first page was actually requested at (set once it has come): the list's own path.
  const first: { url?: string } = {};
  return new Pages<object, unknown>({
    itemsKey,
    origin: new URL(settings.baseUrl).origin,
    firstUrl: () => new URL(first.url!),
    scrubber: settings.scrubber,
    first: () => call(input, false, first) as Promise<object>,
    next: (url) => call({ ...given, query: queryFromUrl(url, entry.fields.query) }, true) as Promise<object>,
  });
}
