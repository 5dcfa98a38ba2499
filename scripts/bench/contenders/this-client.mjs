// Contender (a): this package's client, as a user would call it.
// Entry: BENCH_CLIENT_ENTRY (a stand-in, for proving the harness) or the
// package's built main entry (see ../entry.mjs). run.mjs skips this contender
// with a "not built" line when the entry does not exist.
import { pathToFileURL } from "node:url";
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  CHAT_SERVICE_SID,
  CONVERSATION_SID,
  PARTICIPANT_SID,
  REQUEST_FIELDS,
} from "../fixtures.mjs";

/** `signal`, when given, goes with every call (the memory run shares one across all of them). */
export async function setup({ baseUrl, entry, signal }) {
  const mod = await import(pathToFileURL(entry).href);
  if (typeof mod.createConversationsClient !== "function")
    throw new Error(`${entry} does not export createConversationsClient`);
  const client = mod.createConversationsClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl });
  const path = { ChatServiceSid: CHAT_SERVICE_SID, ConversationSid: CONVERSATION_SID };
  return async function createOne() {
    const r = await client.createServiceConversationParticipant({ path, body: { ...REQUEST_FIELDS }, signal });
    // Accept either a plain participant or an openapi-fetch style {data, error, response}.
    if (r && r.error) throw new Error(`client returned error: ${JSON.stringify(r.error).slice(0, 200)}`);
    const sid = r?.sid ?? r?.data?.sid;
    if (sid !== PARTICIPANT_SID)
      throw new Error(`no participant sid in client result (keys: ${r && Object.keys(r).join(",")})`);
  };
}
