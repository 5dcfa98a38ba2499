// Contender (d): twilio-node, the official helper, called the documented way:
//   twilio(accountSid, authToken).conversations.v1.services(IS).conversations(CH).participants.create({...})
//
// Pointing it at the loopback server. twilio-node has no "base URL" option:
//  - `edge` / `region` only rewrite the hostname into *.twilio.com variants;
//  - each domain hard-codes "https://conversations.twilio.com" (a mutable
//    Domain.baseUrl exists, but its RequestClient only configures an
//    https.Agent, and the loopback server speaks plain http);
//  - the supported hook is the `httpClient` option: any object with
//    request(opts) that BaseTwilio.request() calls with the final absolute URI
//    after auth headers, User-Agent and Content-Type are set.
// So LoopbackRequestClient extends twilio's own RequestClient (axios + qs form
// serialisation + response handling all unchanged) and only (1) rewrites
// "https://conversations.twilio.com" to the loopback http origin and
// (2) gives axios an http.Agent built with the same options twilio builds its
// https.Agent from (keep-alive on, 32 sockets = the bench's in-flight count;
// twilio's own default would be maxSockets 20 / maxFreeSockets 5, which we
// raise through its public options so every contender may use 32 connections).
// Any URI that is not the expected Twilio origin throws: nothing can reach
// the network. No TLS is done by any contender, so twilio is not charged for it.
import http from "node:http";
import { createRequire } from "node:module";
import {
  ACCOUNT_SID, AUTH_TOKEN, CHAT_SERVICE_SID, CONVERSATION_SID, PARTICIPANT_SID, REQUEST_FIELDS,
} from "../fixtures.mjs";

const require = createRequire(import.meta.url);
const twilio = require("twilio");
const RequestClient = require("twilio/lib/base/RequestClient");

const TWILIO_ORIGIN = "https://conversations.twilio.com/";
const AGENT_OPTS = { keepAlive: true, maxSockets: 32, maxFreeSockets: 32 };

/** Also used by bulk/twilio-node.mjs; `extra` takes twilio's own RequestClient options (autoRetry). */
export class LoopbackRequestClient extends RequestClient {
  constructor(baseUrl, extra = {}) {
    super({ ...AGENT_OPTS, ...extra });
    this.loopback = baseUrl.replace(/\/$/, "") + "/";
    this.axios.defaults.httpAgent = new http.Agent({ ...AGENT_OPTS, timeout: this.defaultTimeout });
  }
  async request(opts) {
    if (typeof opts.uri !== "string" || !opts.uri.startsWith(TWILIO_ORIGIN))
      throw new Error(`refusing non-loopback request to ${opts.uri}`);
    return super.request({ ...opts, uri: this.loopback + opts.uri.slice(TWILIO_ORIGIN.length) });
  }
}

export async function setup({ baseUrl }) {
  const client = twilio(ACCOUNT_SID, AUTH_TOKEN, {
    httpClient: new LoopbackRequestClient(baseUrl),
  });
  const participants = client.conversations.v1
    .services(CHAT_SERVICE_SID)
    .conversations(CONVERSATION_SID).participants;
  // twilio-node's camelCase params; dates as Date objects, which it
  // serialises to the same wire strings as REQUEST_FIELDS.
  const params = () => ({
    identity: REQUEST_FIELDS.Identity,
    attributes: REQUEST_FIELDS.Attributes,
    roleSid: REQUEST_FIELDS.RoleSid,
    dateCreated: new Date(REQUEST_FIELDS.DateCreated),
    dateUpdated: new Date(REQUEST_FIELDS.DateUpdated),
    "messagingBinding.projectedAddress": REQUEST_FIELDS["MessagingBinding.ProjectedAddress"],
  });
  return async function createOne() {
    const p = await participants.create(params());
    if (p.sid !== PARTICIPANT_SID) throw new Error("unexpected participant sid");
  };
}
