// Runtime smoke: create ONE participant through the published package and check its SID, then add
// two more with addParticipants, whose engine the package loads on first use (import(): a chunk of
// its own in dist/ and in a splitting bundler's output), so each runtime proves it loads.
//
// The same file runs everywhere the matrix goes (see run-matrix.mjs), so it may use only
// web-standard APIs plus the package's public entry — no node: imports, no Deno/Bun APIs.
//   - CLI runtimes (Node, Bun, Deno): run as the entry script; config comes from SMOKE_* env
//     vars; prints `OK <sid>` and exits 0, or throws (non-zero exit).
//   - Bundles (workerd, browser): a wrapper imports runSmoke() and passes the config (or sets
//     globalThis.__SMOKE_CONFIG__), because a Worker may not do I/O at module load.
import { createConversationsClient, TwilioApiError } from "twilio-conversations-participants";

const ENV_KEYS = {
  baseUrl: "SMOKE_BASE_URL",
  accountSid: "SMOKE_ACCOUNT_SID",
  authToken: "SMOKE_AUTH_TOKEN",
  chatServiceSid: "SMOKE_CHAT_SERVICE_SID",
  conversationSid: "SMOKE_CONVERSATION_SID",
  identity: "SMOKE_IDENTITY",
};

/** Config from globalThis.__SMOKE_CONFIG__, else from the environment (process.env or Deno.env). */
export function readConfig() {
  if (globalThis.__SMOKE_CONFIG__) return globalThis.__SMOKE_CONFIG__;
  const env = globalThis.process?.env ?? globalThis.Deno?.env?.toObject?.() ?? {};
  return Object.fromEntries(Object.entries(ENV_KEYS).map(([key, name]) => [key, env[name]]));
}

export async function runSmoke(config = readConfig()) {
  const missing = Object.keys(ENV_KEYS).filter((k) => !config?.[k]);
  if (missing.length) {
    throw new Error(`smoke: missing config ${missing.map((k) => `${k} (${ENV_KEYS[k]})`).join(", ")}`);
  }
  // TwilioApiError is part of the public API; a missing export would surface only on failure paths.
  if (typeof TwilioApiError !== "function") throw new Error("smoke: package does not export TwilioApiError");

  const client = createConversationsClient({
    accountSid: config.accountSid,
    authToken: config.authToken,
    baseUrl: config.baseUrl,
  });
  let participant;
  try {
    participant = await client.createServiceConversationParticipant({
      path: { ChatServiceSid: config.chatServiceSid, ConversationSid: config.conversationSid },
      // Each runtime adds its own participant: a shared identity would be a 409 from the second on.
      body: { Identity: `${config.identity}-${Math.random().toString(36).slice(2, 10)}` },
    });
  } catch (err) {
    if (err instanceof TwilioApiError) {
      throw new Error(`smoke: API error from ${config.baseUrl}: ${err.message}`, { cause: err });
    }
    throw err;
  }
  const sid = participant?.sid;
  if (typeof sid !== "string" || !/^MB[0-9a-fA-F]{32}$/.test(sid)) {
    throw new Error(`smoke: expected participant.sid like MB + 32 hex, got ${JSON.stringify(participant)}`);
  }
  const run = client.addParticipants(
    ["a", "b"].map((n) => ({
      path: { ChatServiceSid: config.chatServiceSid, ConversationSid: config.conversationSid },
      body: { Identity: `${config.identity}-bulk-${n}-${Math.random().toString(36).slice(2, 10)}` },
    })),
  );
  const outcomes = [];
  for await (const result of run) outcomes.push(result.outcome === "failed" ? String(result.error) : result.outcome);
  if (outcomes.join(" ") !== "created created" || run.summary.created !== 2) {
    throw new Error(`smoke: addParticipants gave ${outcomes.join(", ")} (summary ${JSON.stringify(run.summary)})`);
  }
  console.log(`OK ${sid}`);
  return sid;
}

// True only when this file is the program's entry script (not when imported by a bundle).
function isEntryScript() {
  if (typeof import.meta.main === "boolean") return import.meta.main; // Bun, Deno, Node >= 24.2
  const argv1 = globalThis.process?.argv?.[1]; // Node 20/22: compare the script path
  return (
    typeof argv1 === "string" &&
    import.meta.url.startsWith("file:") &&
    decodeURIComponent(new URL(import.meta.url).pathname) === argv1
  );
}

if (isEntryScript()) await runSmoke();
