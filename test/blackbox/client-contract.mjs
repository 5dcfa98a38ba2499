#!/usr/bin/env node
// Issue #3's "done when", as a black box: imports the BUILT package by name, points it at its own
// loopback server, and checks what a user would. Also sends the same create through the official
// twilio-node helper to the same server and compares the two requests field by field.
// Prints one line per check; exits 1 if any fails. Run after `npm run build`.
import { createServer } from "node:http";
import http from "node:http";
import { createRequire } from "node:module";
import { createConversationsClient, TwilioApiError, TwilioValidationError } from "twilio-conversations-participants";

const require = createRequire(import.meta.url);
const SIDS = {
  account: "AC0123456789abcdef0123456789abcdef",
  service: "IS0123456789abcdef0123456789abcdef",
  conversation: "CH0123456789abcdef0123456789abcdef",
  participant: "MB0123456789abcdef0123456789abcdef",
  role: "RL0123456789abcdef0123456789abcdef",
};
const TOKEN = "blackbox-token";
const participant = {
  account_sid: SIDS.account,
  chat_service_sid: SIDS.service,
  conversation_sid: SIDS.conversation,
  sid: SIDS.participant,
  identity: "alice",
  attributes: '{"a":1}',
  messaging_binding: null,
  role_sid: SIDS.role,
  date_created: "2023-05-04T09:42:00Z",
  date_updated: "2023-05-04T09:42:00Z",
  url: "https://conversations.twilio.com/v1/x",
  last_read_message_index: null,
  last_read_timestamp: null,
};

const requests = [];
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    requests.push({ method: req.method, url: req.url, headers: req.headers, body });
    if (req.url.includes("/Conversations/missing/")) {
      res.writeHead(404, {
        "Content-Type": "application/json",
        "Twilio-Request-Id": "RQ0123456789abcdef0123456789abcdef",
      });
      res.end(
        JSON.stringify({
          code: 20404,
          message: "The requested resource was not found",
          more_info: "https://www.twilio.com/docs/errors/20404",
          status: 404,
        }),
      );
      return;
    }
    res.writeHead(201, { "Content-Type": "application/json" });
    res.end(JSON.stringify(participant));
  });
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const baseUrl = `http://127.0.0.1:${server.address().port}`;

let failed = 0;
function check(name, ok, detail = "") {
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${ok || !detail ? "" : ` — ${detail}`}`);
  if (!ok) failed++;
}
const fields = (body) =>
  new Map(
    body
      .split("&")
      .filter(Boolean)
      .map((p) => p.split("=").map((s) => decodeURIComponent(s.replace(/\+/g, " ")))),
  );

const when = new Date(Date.UTC(2023, 4, 4, 9, 42, 0, 123));
const client = createConversationsClient({ accountSid: SIDS.account, authToken: TOKEN, baseUrl });

// 1. The call from the issue, through our client.
const result = await client.createServiceConversationParticipant({
  path: { ChatServiceSid: SIDS.service, ConversationSid: SIDS.conversation },
  body: {
    Identity: "alice",
    "MessagingBinding.ProjectedAddress": "+15017122661",
    DateCreated: when,
    Attributes: '{"a":1}',
    RoleSid: SIDS.role,
  },
  header: { "X-Twilio-Webhook-Enabled": "true" },
});
const ours = requests.at(-1);
check("resolves to the 201 body", JSON.stringify(result) === JSON.stringify(participant));

// 2. The same create through twilio-node, redirected to this server by its httpClient hook.
const twilio = require("twilio");
const RequestClient = require("twilio/lib/base/RequestClient");
class Loopback extends RequestClient {
  constructor() {
    super({ keepAlive: false });
    this.axios.defaults.httpAgent = new http.Agent();
  }
  request(opts) {
    if (!opts.uri.startsWith("https://conversations.twilio.com/")) throw new Error(`refusing ${opts.uri}`);
    return super.request({ ...opts, uri: baseUrl + opts.uri.slice("https://conversations.twilio.com".length) });
  }
}
await twilio(SIDS.account, TOKEN, { httpClient: new Loopback() })
  .conversations.v1.services(SIDS.service)
  .conversations(SIDS.conversation)
  .participants.create({
    identity: "alice",
    "messagingBinding.projectedAddress": "+15017122661",
    dateCreated: when,
    attributes: '{"a":1}',
    roleSid: SIDS.role,
    xTwilioWebhookEnabled: "true",
  });
const theirs = requests.at(-1);

check(
  "same method and path as twilio-node",
  ours.method === theirs.method && ours.url === theirs.url,
  `${ours.method} ${ours.url} vs ${theirs.method} ${theirs.url}`,
);
check("same Authorization as twilio-node", ours.headers.authorization === theirs.headers.authorization);
check(
  "same Content-Type as twilio-node",
  ours.headers["content-type"] === theirs.headers["content-type"],
  `${ours.headers["content-type"]} vs ${theirs.headers["content-type"]}`,
);
check(
  "same X-Twilio-Webhook-Enabled as twilio-node",
  ours.headers["x-twilio-webhook-enabled"] === theirs.headers["x-twilio-webhook-enabled"],
);
const a = fields(ours.body);
const b = fields(theirs.body);
const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
check(
  "same form field names as twilio-node",
  JSON.stringify([...a.keys()].sort()) === JSON.stringify([...b.keys()].sort()),
  `${[...a.keys()]} vs ${[...b.keys()]}`,
);
for (const key of keys) {
  const mine = a.get(key);
  const official = b.get(key);
  const same = key.startsWith("Date")
    ? mine.replace(/\.\d{3}/, "") === official.replace(/\.\d{3}/, "")
    : mine === official;
  check(
    `same value for ${key}${key.startsWith("Date") ? " (milliseconds aside)" : ""}`,
    same,
    `${mine} vs ${official}`,
  );
}
check("our dates keep their milliseconds", a.get("DateCreated") === "2023-05-04T09:42:00.123Z", a.get("DateCreated"));

// 3. A 404 becomes TwilioApiError with Twilio's fields.
const notFound = await client
  .createServiceConversationParticipant({ path: { ChatServiceSid: SIDS.service, ConversationSid: "missing" } })
  .catch((e) => e);
check(
  "404 → TwilioApiError with status/code/moreInfo/requestId",
  notFound instanceof TwilioApiError &&
    notFound.status === 404 &&
    notFound.code === 20404 &&
    notFound.moreInfo === "https://www.twilio.com/docs/errors/20404" &&
    notFound.requestId === "RQ0123456789abcdef0123456789abcdef",
  String(notFound),
);

// 4. A bad RoleSid never leaves the process.
const before = requests.length;
const invalid = await client
  .createServiceConversationParticipant({
    path: { ChatServiceSid: SIDS.service, ConversationSid: SIDS.conversation },
    body: { RoleSid: "RL123" },
  })
  .catch((e) => e);
check(
  "bad RoleSid → TwilioValidationError naming RoleSid",
  invalid instanceof TwilioValidationError &&
    invalid.problems.some((p) => p.field === "RoleSid") &&
    /RoleSid/.test(invalid.message),
  String(invalid),
);
check("… with zero requests sent", requests.length === before, `${requests.length - before} sent`);

server.close();
console.log(`${requests.length} requests seen; ${failed ? `${failed} check(s) failed` : "all checks passed"}`);
process.exit(failed ? 1 : 0);
