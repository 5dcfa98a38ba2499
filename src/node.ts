// The Node entry (the package's `node` export condition): the public API of index.ts, except
// that clients send through the node:http transport unless given a `fetch`. Every other runtime
// resolves index.ts and keeps global fetch.
import type { paths } from "../generated/openapi.js";
import { operationTable, type OperationTable } from "../generated/operations.js";
import { conversationsClient, createOperationsClient, type ConversationsClient } from "./client.js";
import type { ClientOptions } from "./options.js";
import { createNodeTransport } from "./internal/transport/node-http.js";

export * from "./index.js";

/**
 * Creates a client for the operations of this package's spec (Twilio Conversations), each a method
 * named after its operationId and typed from the spec (see `ClientMethods`). On Node, requests go
 * through a keep-alive node:http(s) transport; pass `fetch` to use another.
 * @example
 * const client = createConversationsClient({ accountSid: "AC…", authToken: "…" });
 */
export function createConversationsClient(options: ClientOptions = {}): ConversationsClient {
  return conversationsClient(
    createOperationsClient<paths, OperationTable>(operationTable, options, createNodeTransport),
  );
}
