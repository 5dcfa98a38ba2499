// Layer 2: openapi-fetch's client on this package's Node transport, called as send.ts calls it
// (same client options, encoded body, Content-Type per call, parseAs text), without validation,
// retries or errors.
import { pathToFileURL } from "node:url";
import { AUTH_HEADER, CHAT_SERVICE_SID, CONVERSATION_SID, PARTICIPANT_SID, REQUEST_FIELDS } from "../fixtures.mjs";

export async function setup({ baseUrl, entry }) {
  const { createNodeTransport, createClient, createQuerySerializer, serializePath } = await import(pathToFileURL(entry).href);
  const transport = createNodeTransport({ maxResponseBytes: 1 << 20, headers: { authorization: AUTH_HEADER, accept: "application/json" } });
  const raw = createClient({
    baseUrl, fetch: transport.fetch, Request: transport.Request, pathSerializer: serializePath, querySerializer: createQuerySerializer(),
  });
  const params = { path: { ChatServiceSid: CHAT_SERVICE_SID, ConversationSid: CONVERSATION_SID } };
  const headers = { "Content-Type": "application/x-www-form-urlencoded" };
  const asIs = (body) => body;
  return async () => {
    const { data } = await raw.request("post", "/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Participants", {
      params, headers, body: new URLSearchParams(REQUEST_FIELDS).toString(), bodySerializer: asIs, parseAs: "text",
      signal: new AbortController().signal, redirect: "manual",
    });
    if (JSON.parse(data).sid !== PARTICIPANT_SID) throw new Error("no sid");
  };
}
