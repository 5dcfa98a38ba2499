#!/usr/bin/env node
// `npm run demo`: adds one participant with addParticipant, printing each HTTP request and the
// participant, then adds the same identity again (the second call answers `existing`), and ends with
// the three lines of code that did it (a newcomer's next step).
// With no Twilio credentials in the environment it runs against the embedded fake server. With
// TWILIO_ACCOUNT_SID + TWILIO_AUTH_TOKEN (or TWILIO_API_KEY + TWILIO_API_SECRET) and
//   --service IS… --conversation CH… --identity alice
// it calls the real Twilio API instead; credentials without those SIDs exit 2 with the flags to
// pass and a command to copy.
import { parseArgs } from "node:util";
import { createConversationsClient, TwilioError } from "twilio-conversations-participants";
import { startFakeConversations } from "twilio-conversations-participants/testing";
import { literal } from "./lib/code-samples.mjs";

const PACKAGE = "twilio-conversations-participants";

const { values: args } = parseArgs({
  options: {
    service: { type: "string" },
    conversation: { type: "string" },
    identity: { type: "string", default: "demo-user" },
    attributes: { type: "string", default: '{"source":"npm run demo"}' },
  },
});
const credentialVariable = ["TWILIO_ACCOUNT_SID", "TWILIO_API_KEY"].find((name) => process.env[name]);
const realTwilio = credentialVariable !== undefined;

/** Logs each request as it leaves; the Authorization header is never printed. */
function printingFetch(request) {
  console.log(`→ ${request.method} ${request.url}`);
  for (const [name, value] of request.headers) {
    console.log(`  ${name}: ${name === "authorization" ? "Basic [redacted]" : value}`);
  }
  return request
    .clone()
    .text()
    .then((body) => {
      console.log(body ? `\n  ${body}\n` : "");
      return fetch(request);
    });
}

async function main() {
  if (realTwilio) {
    if (!args.service || !args.conversation) {
      console.error(realTwilioUsage(args));
      process.exitCode = 2;
      return;
    }
    console.log("Calling the real Twilio API (credentials from the environment).\n");
    const client = createConversationsClient({ fetch: printingFetch });
    return create(client, args.service, args.conversation);
  }
  const fake = await startFakeConversations();
  try {
    console.log(`No Twilio credentials in the environment: using the embedded fake server at ${fake.baseUrl}.\n`);
    const client = createConversationsClient({
      accountSid: fake.accountSid,
      authToken: fake.authToken,
      baseUrl: fake.baseUrl,
      fetch: printingFetch,
    });
    await create(client, fake.serviceSid, fake.conversationSid, "; the SIDs are the fake's, put yours");
  } finally {
    await fake.close();
  }
}

/**
 * What to pass when credentials are set but the SIDs are not: each missing flag, where to find its
 * value, and a whole command to copy (`--` so npm hands the flags to the script).
 */
function realTwilioUsage({ service, conversation }) {
  const missing = [!service && "--service", !conversation && "--conversation"].filter(Boolean);
  return [
    `${credentialVariable} is set, so the demo calls the real Twilio API, and needs ${missing.join(" and ")}:`,
    "  --service IS…        your Conversations Service SID (in the Twilio Console, or from",
    "                       twilio api:conversations:v1:services:list)",
    "  --conversation CH…   a conversation in that service (its SID or unique name)",
    "  --identity NAME      the participant to add (default: demo-user)",
    "For example:",
    `  npm run demo -- --service ${service ?? "IS0123456789abcdef0123456789abcdef"} ` +
      `--conversation ${conversation ?? "CH0123456789abcdef0123456789abcdef"} --identity alice`,
    "Or, to try it against the embedded fake server instead, unset the credentials:",
    "  env -u TWILIO_ACCOUNT_SID -u TWILIO_API_KEY npm run demo",
  ].join("\n");
}

async function create(client, service, conversation, note = "") {
  const input = {
    path: { ChatServiceSid: service, ConversationSid: conversation },
    body: { Identity: args.identity, Attributes: args.attributes },
  };
  const first = await client.addParticipant(input);
  console.log(`← outcome: ${first.outcome}\n`);
  console.log(JSON.stringify(first.participant, null, 2));
  console.log(`\nParticipant SID: ${first.participant.sid}`);

  console.log(`\nThe same identity again (Twilio answers 50433; addParticipant looks it up):\n`);
  const second = await client.addParticipant(input);
  console.log(`← outcome: ${second.outcome}, participant ${second.participant.sid}`);
  console.log(`\nNext: the three lines that did this, for your own code (npm install ${PACKAGE}${note}):\n`);
  console.log(`import { createConversationsClient } from "${PACKAGE}";`);
  console.log("const client = createConversationsClient(); // reads TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN");
  console.log(`const { participant, outcome } = await client.addParticipant(${literal(input)});`);
}

main().catch((error) => {
  console.error(error instanceof TwilioError ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
});
