// No credential in any error or log line, however printed: the whole fault matrix runs with a
// recognisable auth token and API secret, plus servers that echo the credentials back, and every
// error (message, stack, JSON, util.inspect with hidden fields, the cause chain) and every logger
// line and event is scanned for the token, the secret, the Authorization header and its base64.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { TwilioError } from "../../src/index.js";
import { faults, type Fault } from "../../src/testing/index.js";
import { MATRIX, runCase, type CaseRun, type Credentials, type MatrixCase } from "./matrix.js";
import { outcome, TRANSPORTS } from "./support.js";

const ACCOUNT_SID = "AC5ec12e75ec12e75ec12e75ec12e75ec1";
const AUTH_TOKEN = "AUTHTOKEN-c0ffee-d0n0tl3ak-7a11";
const API_KEY = "SK5ec12e75ec12e75ec12e75ec12e75ec1";
const API_SECRET = "APISECRET-5ecre7-n3v3rpr1n7-9b";

const b64 = (s: string) => Buffer.from(s).toString("base64");
/** What must never be printed for a user/secret pair: the secret, the pair, the header, base64s. */
const needlesFor = (user: string, secret: string) => [
  secret,
  `${user}:${secret}`,
  b64(`${user}:${secret}`),
  `Basic ${b64(`${user}:${secret}`)}`,
  b64(secret),
];
const TOKEN_NEEDLES = needlesFor(ACCOUNT_SID, AUTH_TOKEN);
const SECRET_NEEDLES = needlesFor(API_KEY, API_SECRET);
const NEEDLES = [...TOKEN_NEEDLES, ...SECRET_NEEDLES];

// The client is given one pair; the echoing servers below send back both. The client can only
// scrub what it was given, so each run scans for its own pair (and, outside the echoes, both).
const CREDENTIALS: [string, Credentials, string[]][] = [
  ["auth token", { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }, TOKEN_NEEDLES],
  [
    "API key and secret",
    { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiKey: API_KEY, apiSecret: API_SECRET },
    SECRET_NEEDLES,
  ],
];

/** Every way an error might be printed, down its cause chain. */
function renderings(error: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<unknown>();
  for (let e: any = error; e !== undefined && e !== null && !seen.has(e); e = e.cause) {
    seen.add(e);
    out.push(String(e), inspect(e), inspect(e, { depth: 10, showHidden: true }), safeJson(e));
    if (e instanceof Error) out.push(e.message, e.stack ?? "", safeJson({ ...e }));
  }
  return out;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return "";
  }
}

function logRenderings(run: Pick<CaseRun, "lines" | "events">): string[] {
  return [...run.lines, ...run.events.flatMap((e) => [safeJson(e), inspect(e, { depth: 10, showHidden: true })])];
}

function expectNoSecret(texts: string[], where: string, needles: string[] = NEEDLES) {
  for (const text of texts) {
    for (const needle of needles) {
      if (text.includes(needle))
        throw new Error(`${where}: found ${JSON.stringify(needle)} in:\n${text.slice(0, 2000)}`);
    }
  }
}

/** Servers that misbehave by sending the credentials back. */
const ECHOES: MatrixCase[] = [
  {
    name: "a proxy's 502 page that echoes the request headers",
    row: "502 Bad Gateway",
    faults: [
      {
        status: 502,
        headers: { "Content-Type": "text/html", "Twilio-Request-Id": `Basic ${b64(`${ACCOUNT_SID}:${AUTH_TOKEN}`)}` },
        body: `<html><body><h1>502</h1><pre>authorization: Basic ${b64(`${ACCOUNT_SID}:${AUTH_TOKEN}`)}\nauthorization: Basic ${b64(`${API_KEY}:${API_SECRET}`)}\ntoken=${AUTH_TOKEN} secret=${API_SECRET}</pre></body></html>`,
      },
    ],
    expect: { error: "TwilioApiError", status: 502, attempts: 1, requests: 1, participants: 0 },
  },
  {
    name: "a JSON error whose message, more_info and details echo the credentials",
    row: "500 Internal Server Error",
    faults: [
      {
        status: 500,
        body: JSON.stringify({
          code: 20500,
          message: `bad credentials ${ACCOUNT_SID}:${AUTH_TOKEN} / ${API_KEY}:${API_SECRET}`,
          more_info: `https://example.invalid/?t=${AUTH_TOKEN}`,
          status: 500,
          details: {
            header: `Basic ${b64(`${API_KEY}:${API_SECRET}`)}`,
            [AUTH_TOKEN]: [API_SECRET, { nested: AUTH_TOKEN }],
          },
        }),
      },
    ],
    expect: { error: "TwilioApiError", status: 500, attempts: 1, requests: 1, participants: 0 },
  },
  {
    name: "a 201 with a broken body that echoes the token",
    row: "201 with a truncated or non-JSON body",
    faults: [
      { status: 201, commit: true, body: `{"oops": "${AUTH_TOKEN} ${b64(`${ACCOUNT_SID}:${AUTH_TOKEN}`)}` } as Fault,
    ],
    expect: { error: "TwilioApiError", status: 201, attempts: 1, requests: 1, participants: 1 },
  },
];

describe.each(TRANSPORTS)("%s", (_transport, create) => {
  describe.each(CREDENTIALS)("no credential leaks, with an %s", (_kind, credentials, own) => {
    it.each([...MATRIX, ...ECHOES].map((c) => [c.name, c] as const))("%s", async (_name, c: MatrixCase) => {
      const run = await runCase(create, c, credentials);
      // The scan can see credentials: they are on the wire (except when refused, where nothing is).
      if (!c.refused) expect(own.some((n) => String(run.requests[0]!.headers.authorization).includes(n))).toBe(true);
      if (c.expect.error) {
        expect(run.result.ok).toBe(false);
        expect((run.result as { error: unknown }).error).toBeInstanceOf(TwilioError);
      }
      const needles = ECHOES.includes(c) ? own : NEEDLES;
      expectNoSecret(run.result.ok ? [] : renderings(run.result.error), `${c.name}: error`, needles);
      expectNoSecret(logRenderings(run), `${c.name}: logger`, needles);
    });
  });

  describe("no credential leaks from refused options or input", () => {
    it.each([
      [
        "a token with CR/LF",
        { accountSid: ACCOUNT_SID, authToken: `${AUTH_TOKEN}\r\n`, baseUrl: "http://127.0.0.1:1" },
      ],
      ["a secret with CR/LF", { apiKey: API_KEY, apiSecret: `${API_SECRET}\n`, baseUrl: "http://127.0.0.1:1" }],
      [
        "credentials in baseUrl",
        {
          accountSid: ACCOUNT_SID,
          authToken: AUTH_TOKEN,
          baseUrl: `https://${ACCOUNT_SID}:${AUTH_TOKEN}@conversations.twilio.com`,
        },
      ],
      [
        "credentials in a plain-http remote baseUrl",
        { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: `http://${API_KEY}:${API_SECRET}@example.com` },
      ],
      [
        "an account SID with a colon",
        { accountSid: `${ACCOUNT_SID}:${AUTH_TOKEN}`, authToken: AUTH_TOKEN, baseUrl: "http://127.0.0.1:1" },
      ],
    ])("%s", (_label, options) => {
      let error: unknown;
      try {
        create(options);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TwilioError);
      expectNoSecret(renderings(error), "options error");
    });

    it("a validation error on a call", async () => {
      const client = create({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: "http://127.0.0.1:1" });
      const result = await outcome(
        client.createServiceConversationParticipant({
          path: { ChatServiceSid: "IS1", ConversationSid: ".." },
          body: { Identity: "x".repeat(300), Attributes: "{" },
        }),
      );
      expect(result.ok).toBe(false);
      expectNoSecret(renderings((result as { error: unknown }).error), "validation error");
    });

    it("the client object itself does not print its credentials", () => {
      const client = create({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: "http://127.0.0.1:1" });
      expectNoSecret([inspect(client), safeJson(client), String(Object.keys(client))], "client");
    });
  });
});
