// Layer 3: the whole client (validation, encoding, retry loop, typed errors) on the same build.
import { pathToFileURL } from "node:url";
import { ACCOUNT_SID, AUTH_TOKEN, CHAT_SERVICE_SID, CONVERSATION_SID, PARTICIPANT_SID, REQUEST_FIELDS } from "../fixtures.mjs";

export async function setup({ baseUrl, entry }) {
  const { createConversationsClient } = await import(pathToFileURL(entry).href);
  const client = createConversationsClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl });
  const path = { ChatServiceSid: CHAT_SERVICE_SID, ConversationSid: CONVERSATION_SID };
  return async () => {
    const participant = await client.createServiceConversationParticipant({ path, body: { ...REQUEST_FIELDS } });
    if (participant.sid !== PARTICIPANT_SID) throw new Error("no sid");
  };
}
