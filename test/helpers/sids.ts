// The one set of valid SIDs for tests whose server checks nothing (a recording server, an injected
// fetch), and a 201 body made of them, as Twilio would send it.
export const SIDS = {
  account: "AC0123456789abcdef0123456789abcdef",
  service: "IS0123456789abcdef0123456789abcdef",
  conversation: "CH0123456789abcdef0123456789abcdef",
  participant: "MB0123456789abcdef0123456789abcdef",
  role: "RL0123456789abcdef0123456789abcdef",
} as const;

/** A valid 201 body, as Twilio would send it. */
export const participantBody = {
  account_sid: SIDS.account,
  chat_service_sid: SIDS.service,
  conversation_sid: SIDS.conversation,
  sid: SIDS.participant,
  identity: "alice",
  attributes: "{}",
  messaging_binding: null,
  role_sid: null,
  date_created: "2023-05-04T09:42:00Z",
  date_updated: "2023-05-04T09:42:00Z",
  url: `https://conversations.twilio.com/v1/Services/${SIDS.service}/Conversations/${SIDS.conversation}/Participants/${SIDS.participant}`,
  last_read_message_index: null,
  last_read_timestamp: null,
};
