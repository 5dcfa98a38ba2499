#!/usr/bin/env node
// The reliability promises (issue #4's "Done when"), as a black box: imports the BUILT package by name (public API only),
// points it at a loopback server this script controls, and checks what the issue promises.
// Prints one line per check; exits 1 if any fails. Run after `npm run build`.
import { createServer } from "node:http";
import { createServer as createNetServer } from "node:net";
import { inspect } from "node:util";
import {
  createConversationsClient,
  TwilioApiError,
  TwilioConnectionError,
  TwilioError,
  TwilioTimeoutError,
  TwilioValidationError,
} from "twilio-conversations-participants";

const ACCOUNT = "AC0123456789abcdef0123456789abcdef";
const SERVICE = "IS0123456789abcdef0123456789abcdef";
const CONVERSATION = "CH0123456789abcdef0123456789abcdef";
const TOKEN = "BLACKBOX-AUTH-TOKEN-9f8e7d6c5b4a";
const BASIC = Buffer.from(`${ACCOUNT}:${TOKEN}`).toString("base64");
const SECRETS = [TOKEN, `${ACCOUNT}:${TOKEN}`, BASIC, `Basic ${BASIC}`, Buffer.from(TOKEN).toString("base64")];
const ROUTE = /^\/v1\/Services\/(IS[0-9a-f]{32})\/Conversations\/([^/?#]+)\/Participants$/;

// ---- The server: answers each request with the next scripted action, else 201 ----------------

const requests = [];
const script = [];
const sockets = new Set();
const server = createServer((req, res) => {
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    requests.push({ method: req.method, url: req.url, headers: req.headers, body, at: performance.now() });
    const action = script.shift() ?? {};
    const answer = () => {
      if (action.reset) return req.socket.destroy();
      const status = action.status ?? 201;
      const payload =
        action.body ??
        JSON.stringify(
          status === 201
            ? participant(req.url)
            : {
                code: 20000 + status,
                message: `scripted ${status}`,
                more_info: "https://www.twilio.com/docs/errors",
                status,
              },
        );
      res.writeHead(status, { "Content-Type": "application/json", ...action.headers });
      res.end(payload);
    };
    if (action.delayMs) setTimeout(answer, action.delayMs);
    else answer();
  });
});
server.on("connection", (s) => {
  sockets.add(s);
  s.on("close", () => sockets.delete(s));
});
const participant = (url) => ({
  account_sid: ACCOUNT,
  chat_service_sid: SERVICE,
  conversation_sid: CONVERSATION,
  sid: "MB0123456789abcdef0123456789abcdef",
  identity: "x",
  attributes: "{}",
  messaging_binding: null,
  role_sid: null,
  date_created: "2024-01-01T00:00:00Z",
  date_updated: "2024-01-01T00:00:00Z",
  url: `http://127.0.0.1${url}/MB0123456789abcdef0123456789abcdef`,
  last_read_message_index: null,
  last_read_timestamp: null,
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const baseUrl = `http://127.0.0.1:${server.address().port}`;

// ---- Helpers ----------------------------------------------------------------------------------

const errors = []; // every error any check produced, scanned for credentials at the end
const logLines = [];
const logger = { debug: (message, event) => logLines.push(message, JSON.stringify(event), inspect(event)) };
const client = (options = {}) =>
  createConversationsClient({ accountSid: ACCOUNT, authToken: TOKEN, baseUrl, logger, ...options });
const path = { ChatServiceSid: SERVICE, ConversationSid: CONVERSATION };

async function attempt(promise) {
  try {
    return { value: await promise };
  } catch (error) {
    errors.push(error);
    return { error };
  }
}

/** Runs `fn` with the script and request log reset; returns the requests it caused. */
async function scenario(actions, fn) {
  requests.length = 0;
  script.length = 0;
  script.push(...actions);
  const result = await fn();
  return { ...result, requests: [...requests] };
}

let failures = 0;
let count = 0;
function check(name, ok, detail = "") {
  count++;
  if (!ok) failures++;
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${!ok && detail ? ` — ${detail}` : ""}`);
}

async function refusedPort() {
  const probe = createNetServer();
  await new Promise((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

// ---- The checks ---------------------------------------------------------------------------------

try {
  {
    const started = performance.now();
    const r = await scenario([{ status: 429, headers: { "Retry-After": "1" } }], () =>
      attempt(
        client().createServiceConversationParticipant({ path, body: { Identity: "alice", Attributes: '{"a":"ü"}' } }),
      ),
    );
    const waited = r.requests.length === 2 ? r.requests[1].at - r.requests[0].at : 0;
    check(
      "429 with Retry-After: 1 is waited for (≥ 900 ms) and resent once with the same body",
      !r.error &&
        r.requests.length === 2 &&
        r.requests[0].body === r.requests[1].body &&
        r.requests[0].body !== "" &&
        waited >= 900 &&
        performance.now() - started >= 900,
      `error=${r.error?.message} requests=${r.requests.length} waited=${Math.round(waited)} ms`,
    );
  }
  {
    const r = await scenario([{ status: 500 }], () =>
      attempt(client({ maxRetries: 5 }).createServiceConversationParticipant({ path, body: { Identity: "bob" } })),
    );
    check(
      "a 500 is sent once (TwilioApiError, 1 attempt)",
      r.error instanceof TwilioApiError && r.error.status === 500 && r.error.attempts === 1 && r.requests.length === 1,
      `requests=${r.requests.length} error=${r.error?.message}`,
    );
  }
  {
    const r = await scenario(
      [
        { status: 503, headers: { "Retry-After": "0" } },
        { status: 503, headers: { "Retry-After": "0" } },
        { status: 503, headers: { "Retry-After": "0" } },
      ],
      () =>
        attempt(client({ maxRetries: 1 }).createServiceConversationParticipant({ path, body: { Identity: "carol" } })),
    );
    check(
      "maxRetries: 1 on 503s → 2 attempts",
      r.error instanceof TwilioApiError &&
        r.error.attempts === 2 &&
        r.requests.length === 2 &&
        /after 2 attempts/.test(r.error.message),
      `requests=${r.requests.length} error=${r.error?.message}`,
    );
  }
  {
    const r = await scenario([{ delayMs: 1500 }], () =>
      attempt(client({ timeoutMs: 300 }).createServiceConversationParticipant({ path, body: { Identity: "dave" } })),
    );
    check(
      "a slow server with timeoutMs: 300 → TwilioTimeoutError after one attempt",
      r.error instanceof TwilioTimeoutError && r.error.attempts === 1 && r.requests.length === 1,
      `requests=${r.requests.length} error=${r.error?.message}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 1300)); // let the slow answer finish; nothing more may arrive
    check("… and it was not resent", requests.length === 1, `requests=${requests.length}`);
  }
  {
    const port = await refusedPort();
    const r = await attempt(
      createConversationsClient({
        accountSid: ACCOUNT,
        authToken: TOKEN,
        baseUrl: `http://127.0.0.1:${port}`,
        logger,
      }).createServiceConversationParticipant({ path, body: { Identity: "erin" } }),
    );
    check(
      "a refused port → TwilioConnectionError (resent, counted, requestSent false)",
      r.error instanceof TwilioConnectionError && r.error.attempts === 3 && r.error.requestSent === false,
      `error=${r.error?.message}`,
    );
  }
  {
    const r = await scenario([{ reset: true }], () =>
      attempt(client({ maxRetries: 5 }).createServiceConversationParticipant({ path, body: { Identity: "frank" } })),
    );
    check(
      "a reset after the request was read → one attempt (TwilioConnectionError, requestSent true)",
      r.error instanceof TwilioConnectionError &&
        r.error.attempts === 1 &&
        r.error.requestSent === true &&
        r.requests.length === 1,
      `requests=${r.requests.length} error=${r.error?.message}`,
    );
  }
  {
    const nasty = [
      "../",
      "../../../../etc/passwd",
      "..%2f",
      "%2e%2e",
      "%2e%2e%2f",
      ".%2e",
      "%252e%252e",
      "..\\",
      "...",
      "..;",
      "/",
      "a/b",
      "//evil.example.com",
      "?",
      "?x=1",
      "#",
      "#frag",
      "%",
      "%zz",
      "%00",
      "\u0000",
      "\r\n",
      "CH\r\nX-Injected: 1",
      "\t\u0001\u001f\u007f",
      " ",
      "+",
      "&a=b",
      "@evil",
      "😀",
      "👩‍👩‍👧",
      "é",
      "e\u0301",
      "\uff0e\uff0e",
      "\u2024\u2024",
      "\u202e",
      "x".repeat(1000),
    ];
    const c = client();
    const bad = [];
    requests.length = 0;
    script.length = 0;
    for (const value of nasty) {
      const before = requests.length;
      const r = await attempt(
        c.createServiceConversationParticipant({ path: { ChatServiceSid: SERVICE, ConversationSid: value } }),
      );
      const got = requests.slice(before);
      const m = got.length === 1 ? ROUTE.exec(got[0].url) : null;
      if (r.error || !m || m[1] !== SERVICE || decodeURIComponent(m[2]) !== value) bad.push(JSON.stringify(value));
    }
    check(
      `${nasty.length} nasty ConversationSid values each reach exactly the participants route as one segment, decoding to the input`,
      nasty.length >= 30 && bad.length === 0 && requests.length === nasty.length,
      `misrouted: ${bad.join(", ")}`,
    );
    const refused = [];
    for (const value of ["", ".", ".."]) {
      const before = requests.length;
      const r = await attempt(
        c.createServiceConversationParticipant({ path: { ChatServiceSid: SERVICE, ConversationSid: value } }),
      );
      if (!(r.error instanceof TwilioValidationError) || requests.length !== before)
        refused.push(JSON.stringify(value));
    }
    check("empty, . and .. are refused with nothing sent", refused.length === 0, `not refused: ${refused.join(", ")}`);
  }
  {
    const c = client();
    const r1 = await scenario([], () =>
      attempt(c.createServiceConversationParticipant({ path, body: { Attributes: "{not json" } })),
    );
    check(
      "non-JSON Attributes → TwilioValidationError naming Attributes, nothing sent",
      r1.error instanceof TwilioValidationError &&
        r1.error.problems.some((p) => p.field === "Attributes") &&
        r1.requests.length === 0,
      r1.error?.message,
    );
    const r2 = await scenario([], () =>
      attempt(
        c.createServiceConversationParticipant({ path, header: { "X-Twilio-Webhook-Enabled": "true\r\nX-Evil: 1" } }),
      ),
    );
    check(
      "a CR/LF header value → TwilioValidationError naming the header, nothing sent",
      r2.error instanceof TwilioValidationError &&
        r2.error.problems.some((p) => p.field === "X-Twilio-Webhook-Enabled") &&
        r2.requests.length === 0,
      r2.error?.message,
    );
    let created;
    const r3 = await scenario([], () =>
      attempt(
        Promise.resolve().then(
          () =>
            (created = createConversationsClient({
              accountSid: ACCOUNT,
              authToken: TOKEN,
              baseUrl: "http://example.com",
            })),
        ),
      ),
    );
    check(
      "http:// to a remote host is refused at creation, saying https is required, nothing sent",
      created === undefined &&
        r3.error instanceof TwilioValidationError &&
        /https/.test(r3.error.message) &&
        r3.requests.length === 0,
      r3.error?.message,
    );
  }
  {
    // Errors the server writes itself may echo the credentials back; the client must scrub them.
    const r = await scenario(
      [
        {
          status: 502,
          headers: { "Content-Type": "text/html" },
          body: `<html>echo: authorization: Basic ${BASIC} token=${TOKEN}</html>`,
        },
      ],
      () => attempt(client().createServiceConversationParticipant({ path, body: { Identity: "echo" } })),
    );
    check(
      "a proxy page echoing the credentials is a TwilioApiError",
      r.error instanceof TwilioApiError && r.requests.length === 1,
    );
    check(
      "the credentials were on the wire (so the scan below can see them)",
      requests.some((q) => q.headers.authorization === `Basic ${BASIC}`),
    );
    const leaks = [];
    for (const error of errors) {
      const seen = new Set();
      for (let e = error; e && !seen.has(e); e = e.cause) {
        seen.add(e);
        const texts = [
          String(e),
          e.message ?? "",
          e.stack ?? "",
          inspect(e),
          inspect(e, { depth: 10, showHidden: true }),
          (() => {
            try {
              return JSON.stringify(e);
            } catch {
              return "";
            }
          })(),
        ];
        for (const t of texts) for (const s of SECRETS) if (t.includes(s)) leaks.push(`${error.name}: ${s}`);
      }
    }
    for (const line of logLines) for (const s of SECRETS) if (line.includes(s)) leaks.push(`log: ${s}`);
    check(
      `no credential in any of the ${errors.length} errors (message, stack, JSON, inspect, causes) or ${logLines.length} log lines`,
      errors.length >= 10 && errors.every((e) => e instanceof TwilioError) && leaks.length === 0,
      [...new Set(leaks)].join(", "),
    );
  }
} catch (error) {
  check("the script ran to the end", false, error?.stack ?? String(error));
} finally {
  server.close();
  for (const s of sockets) s.destroy();
}

console.log(failures ? `${failures} of ${count} checks FAILED` : `all ${count} checks passed`);
process.exitCode = failures ? 1 : 0;
