// Outcome checks: what a user's code relies on when a call succeeds or fails, run by the matrix's
// MINIFIED bundles (browser, workerd, Node), where class and function names are mangled. Like
// smoke.mjs it uses only web-standard APIs and the package's public entry, so one file runs in all.
// run-matrix.mjs starts a fresh fake server per run, queues OUTCOME_FAULTS on it, and afterwards
// asks serverProblems() whether the server received and stored what the checks imply.
import {
  createConversationsClient,
  TwilioApiError,
  TwilioError,
  TwilioTimeoutError,
  TwilioValidationError,
} from "twilio-conversations-participants";

/** The fault for each request the checks send, in order (`{}`: none; the fake takes one per request). */
export const OUTCOME_FAULTS = [
  {}, // created
  {}, // missing: the fake takes a fault before it looks the conversation up
  {}, // created again
  { status: 429, headers: { "Retry-After": "0" } },
  {}, // limited, then its resend
  { delayMs: 10_000, commit: false }, // slow: answered long after the client gave up (to a closed socket)
];

/**
 * What the fake server saw, checked after a run: each request's Identity in order (the invalid one
 * never arrives, the rate-limited one arrives twice), the participants stored, and a resend's body
 * byte for byte the first's. Returns the problems found (none: `[]`).
 */
export function serverProblems(fake) {
  const expected = { requests: "created missing created limited limited slow", participants: "created limited" };
  const seen = {
    requests: fake.requests.map((r) => r.form?.Identity ?? "?").join(" "),
    participants: fake.participants.map((p) => p.identity).join(" "),
  };
  const problems = Object.keys(expected)
    .filter((k) => seen[k] !== expected[k])
    .map((k) => `server ${k}: ${seen[k]} (expected ${expected[k]})`);
  const resent = fake.requests.filter((r) => r.form?.Identity === "limited").map((r) => r.body);
  if (resent.length === 2 && resent[0] !== resent[1]) problems.push(`the resend differs: ${resent.join(" vs ")}`);
  return problems;
}

const TIMEOUT_MS = 300;
const MISSING_CONVERSATION = "CH00000000000000000000000000000000";

/** Runs every check; logs a line each and resolves `<created SID> + N outcomes`, else throws listing them. */
export async function runOutcomes(config) {
  const client = createConversationsClient({
    accountSid: config.accountSid,
    authToken: config.authToken,
    baseUrl: config.baseUrl,
  });
  const path = { ChatServiceSid: config.chatServiceSid, ConversationSid: config.conversationSid };
  const create = (Identity, extra = {}) =>
    client.createServiceConversationParticipant({ path, body: { Identity }, ...extra });
  const lines = [];
  const check = (name, ok, detail) => lines.push(`${ok ? "ok  " : "FAIL"} ${name}${ok ? "" : ` — ${detail}`}`);

  const created = await settle(create("created"));
  const sid = created.value?.sid;
  check("201 → the participant", /^MB[0-9a-f]{32}$/.test(sid) && created.value.identity === "created", show(created));

  const missing = await settle(
    client.createServiceConversationParticipant({
      path: { ...path, ConversationSid: MISSING_CONVERSATION },
      body: { Identity: "missing" },
    }),
  );
  check(
    "404 → TwilioApiError, status 404, Twilio code 20404, request id, 1 attempt",
    isError(missing.error, TwilioApiError, "TwilioApiError") &&
      missing.error.status === 404 &&
      missing.error.code === 20404 &&
      /^RQ[0-9a-f]{32}$/.test(missing.error.requestId) &&
      missing.error.attempts === 1,
    show(missing),
  );

  const exists = await settle(create("created"));
  check(
    "409 → TwilioApiError, status 409, Twilio code 50433, 1 attempt",
    isError(exists.error, TwilioApiError, "TwilioApiError") &&
      exists.error.status === 409 &&
      exists.error.code === 50433 &&
      exists.error.attempts === 1,
    show(exists),
  );

  const invalid = await settle(
    client.createServiceConversationParticipant({
      path,
      body: { Identity: "invalid", RoleSid: "RL123" },
    }),
  );
  check(
    "bad RoleSid → TwilioValidationError naming RoleSid, 0 attempts (the driver checks nothing arrived)",
    isError(invalid.error, TwilioValidationError, "TwilioValidationError") &&
      invalid.error.attempts === 0 &&
      invalid.error.problems.some((p) => p.field === "RoleSid") &&
      /RoleSid/.test(invalid.error.message),
    show(invalid),
  );

  const limited = await settle(create("limited"));
  check(
    "429 (Retry-After: 0) → resent → the participant (the driver checks both requests)",
    /^MB[0-9a-f]{32}$/.test(limited.value?.sid) && limited.value.identity === "limited",
    show(limited),
  );

  const slow = await settle(create("slow", { timeoutMs: TIMEOUT_MS }));
  check(
    `no answer within timeoutMs ${TIMEOUT_MS} → TwilioTimeoutError, 1 attempt`,
    isError(slow.error, TwilioTimeoutError, "TwilioTimeoutError") &&
      slow.error.timeoutMs === TIMEOUT_MS &&
      slow.error.attempts === 1,
    show(slow),
  );

  if (lines.some((l) => l.startsWith("FAIL"))) throw new Error(`outcomes failed:\n${lines.join("\n")}`);
  for (const line of lines) console.log(line);
  return `${sid} + ${lines.length} outcomes`;
}

/** The literal name, and instanceof both the bundle's own class and TwilioError. */
function isError(error, Class, name) {
  return error instanceof Class && error instanceof TwilioError && error.name === name;
}

async function settle(promise) {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

function show({ value, error }) {
  if (!error) return `resolved ${JSON.stringify(value)?.slice(0, 200)}`;
  const fields = ["status", "code", "requestId", "attempts", "requestSent", "timeoutMs"]
    .filter((k) => error[k] !== undefined)
    .map((k) => `${k}=${error[k]}`)
    .join(" ");
  return `rejected name=${error?.name} ${fields}: ${String(error?.message ?? error).slice(0, 300)}`;
}
