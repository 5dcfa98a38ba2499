// Shared, fixed inputs: every contender sends exactly these values and the
// loopback server answers every request with exactly RESPONSE_BODY.
// Fake credentials and SIDs only: nothing here is a real account.

export const ACCOUNT_SID = "AC" + "0".repeat(31) + "1";
export const AUTH_TOKEN = "bench-auth-token-" + "x".repeat(15);
export const CHAT_SERVICE_SID = "IS" + "0".repeat(31) + "2";
export const CONVERSATION_SID = "CH" + "0".repeat(31) + "3";
export const PARTICIPANT_SID = "MB" + "0".repeat(31) + "4";
export const ROLE_SID = "RL" + "0".repeat(31) + "5";

export const PATH = `/v1/Services/${CHAT_SERVICE_SID}/Conversations/${CONVERSATION_SID}/Participants`;

// The canonical request: wire field name -> wire value. All contenders must
// produce a body that decodes to exactly these pairs (the server samples one
// body per run and run.mjs compares it). Dates are the wire format twilio-node
// emits for a Date (YYYY-MM-DDTHH:mm:ssZ).
export const REQUEST_FIELDS = Object.freeze({
  Identity: "alice@example.com",
  Attributes: '{"role":"agent","tier":2,"tags":["vip","beta"]}',
  RoleSid: ROLE_SID,
  DateCreated: "2024-05-01T12:00:00Z",
  DateUpdated: "2024-05-01T12:30:00Z",
  "MessagingBinding.ProjectedAddress": "+15017122661",
});

export const AUTH_HEADER = "Basic " + Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString("base64");

export const RESPONSE_BODY = JSON.stringify({
  account_sid: ACCOUNT_SID,
  chat_service_sid: CHAT_SERVICE_SID,
  conversation_sid: CONVERSATION_SID,
  sid: PARTICIPANT_SID,
  identity: REQUEST_FIELDS.Identity,
  attributes: REQUEST_FIELDS.Attributes,
  messaging_binding: { type: "sms", projected_address: "+15017122661" },
  role_sid: ROLE_SID,
  date_created: REQUEST_FIELDS.DateCreated,
  date_updated: REQUEST_FIELDS.DateUpdated,
  url: `https://conversations.twilio.com${PATH}/${PARTICIPANT_SID}`,
  last_read_message_index: null,
  last_read_timestamp: null,
});

/** Sorted [key, value] pairs of a form-urlencoded body, for order-insensitive comparison. */
export function formPairs(body) {
  return [...new URLSearchParams(body)].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

export const CANONICAL_PAIRS = formPairs(new URLSearchParams(REQUEST_FIELDS).toString());
