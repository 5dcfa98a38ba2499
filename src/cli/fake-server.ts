// `fake-server`: the package's fake Twilio Conversations (src/testing) on 127.0.0.1, so the CLI, or
// your own code, can be tried without a Twilio account. Prints where it is and how to reach it (as
// `export` lines, or JSON), then serves until Ctrl-C or SIGTERM, and closes every connection.
import { parseArgs } from "node:util";
import { HELP } from "./help.js";

const OPTIONS = {
  port: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** What a client needs, under the environment variables the CLI and the client read. */
export interface FakeServerFacts {
  TWILIO_CONVERSATIONS_BASE_URL: string;
  TWILIO_ACCOUNT_SID: string;
  TWILIO_AUTH_TOKEN: string;
  CONVERSATIONS_SERVICE_SID: string;
  CONVERSATION_SID: string;
}

/** Runs the command; resolves with the exit code once a signal has stopped the server. */
export async function fakeServer(argv: string[], usageError: (message: string) => Error): Promise<number> {
  const { values } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!/^\d+$/.test(values.port ?? "0") || port > 65535)
    throw usageError(`--port must be a whole number from 0 to 65535, not ${values.port}`);
  // Loaded only here: `add` never pays for the fake's modules.
  const { startFakeConversations } = await import("../testing/index.js");
  // Twilio's limit of 30 creates per second per conversation, as the real service has; no request
  // log, so a long run does not grow.
  const fake = await startFakeConversations({ port, rateLimit: true, recordRequests: false });
  const facts: FakeServerFacts = {
    TWILIO_CONVERSATIONS_BASE_URL: fake.baseUrl,
    TWILIO_ACCOUNT_SID: fake.accountSid,
    TWILIO_AUTH_TOKEN: fake.authToken,
    CONVERSATIONS_SERVICE_SID: fake.serviceSid,
    CONVERSATION_SID: fake.conversationSid,
  };
  if (values.json) process.stdout.write(JSON.stringify(facts) + "\n");
  else for (const [name, value] of Object.entries(facts)) process.stdout.write(`export ${name}=${value}\n`);
  process.stderr.write(
    [
      `Fake Twilio Conversations at ${fake.baseUrl} (in memory, 30 creates/s per conversation; Ctrl-C stops it).`,
      "In another shell, paste the export lines above, then for example:",
      "  printf 'Identity\\nalice\\nbob\\n' > people.csv",
      '  twilio-conversations-participants add --service "$CONVERSATIONS_SERVICE_SID" \\',
      '    --conversation "$CONVERSATION_SID" --file people.csv',
      "",
    ].join("\n"),
  );

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  const added = fake.participants.length;
  await fake.close();
  process.stderr.write(`\n${signal}: stopped; ${added} participant${added === 1 ? " was" : "s were"} added.\n`);
  return 0;
}
