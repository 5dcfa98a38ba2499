// The fault matrix: every situation of the retry-policy table, as a fault the fake server injects
// and the outcome the table promises. fault-matrix.test.ts checks the outcomes; secrets.test.ts
// runs the same matrix and scans everything it produced for credentials.
import type { ClientOptions } from "../../src/index.js";
import {
  faults,
  startFakeConversations,
  type Fault,
  type FakeConversationsOptions,
  type Participant,
  type RecordedRequest,
} from "../../src/testing/index.js";
import { onCleanup, outcome, recorder, refusedPort, type Create } from "./support.js";

export type ErrorClass = "TwilioApiError" | "TwilioTimeoutError" | "TwilioConnectionError";

export interface MatrixCase {
  name: string;
  /** Text that starts the first cell of this situation's row in the docs' retry-policy table. */
  row: string;
  faults: Fault[];
  /** Point the client at a port nothing listens on instead of the fake. */
  refused?: boolean;
  expect: {
    /** Undefined: the call succeeds. */
    error?: ErrorClass;
    status?: number;
    requestSent?: boolean;
    attempts: number;
    /** Requests the fake server saw. */
    requests: number;
    /** Participants the fake server stored: exactly these, never a duplicate. */
    participants: number;
  };
}

/** Short waits, so the matrix runs in seconds: Retry-After 0, and a 300 ms timeout. */
// 1 s: a 201 must never miss it on a busy machine running test files side by side; the delay faults pass it.
export const MATRIX_CLIENT: ClientOptions = { maxRetries: 2, timeoutMs: 1000 };

const commit = (fault: Fault): Fault => ({ ...fault, commit: true });
const times = (n: number, fault: Fault) => Array.from({ length: n }, () => fault);

export const MATRIX: MatrixCase[] = [
  { name: "201 Created", row: "201 Created", faults: [], expect: { attempts: 1, requests: 1, participants: 1 } },
  {
    name: "429, then 201",
    row: "429 Too Many Requests",
    faults: [faults.rateLimited("0")],
    expect: { attempts: 2, requests: 2, participants: 1 },
  },
  {
    name: "429 on every attempt",
    row: "429 Too Many Requests",
    faults: times(3, faults.rateLimited("0")),
    expect: { error: "TwilioApiError", status: 429, attempts: 3, requests: 3, participants: 0 },
  },
  {
    name: "503, then 201",
    row: "503 Service Unavailable",
    faults: [faults.unavailable("0")],
    expect: { attempts: 2, requests: 2, participants: 1 },
  },
  {
    name: "503 on every attempt",
    row: "503 Service Unavailable",
    faults: times(3, faults.unavailable("0")),
    expect: { error: "TwilioApiError", status: 503, attempts: 3, requests: 3, participants: 0 },
  },
  {
    name: "429 asking for an hour",
    row: "429 or 503 asking to wait longer than",
    faults: [faults.rateLimited("3600")],
    expect: { error: "TwilioApiError", status: 429, attempts: 1, requests: 1, participants: 0 },
  },
  {
    name: "500",
    row: "500 Internal Server Error",
    faults: [faults.status(500)],
    expect: { error: "TwilioApiError", status: 500, attempts: 1, requests: 1, participants: 0 },
  },
  {
    name: "500 after Twilio created it",
    row: "500 Internal Server Error",
    faults: [commit(faults.status(500))],
    expect: { error: "TwilioApiError", status: 500, attempts: 1, requests: 1, participants: 1 },
  },
  {
    name: "empty 500",
    row: "500 Internal Server Error",
    faults: [faults.empty500()],
    expect: { error: "TwilioApiError", status: 500, attempts: 1, requests: 1, participants: 0 },
  },
  {
    name: "502 with an HTML body",
    row: "502 Bad Gateway",
    faults: [faults.html502()],
    expect: { error: "TwilioApiError", status: 502, attempts: 1, requests: 1, participants: 0 },
  },
  {
    name: "502 HTML after Twilio created it",
    row: "502 Bad Gateway",
    faults: [commit(faults.html502())],
    expect: { error: "TwilioApiError", status: 502, attempts: 1, requests: 1, participants: 1 },
  },
  {
    name: "504",
    row: "504 Gateway Timeout",
    faults: [faults.status(504)],
    expect: { error: "TwilioApiError", status: 504, attempts: 1, requests: 1, participants: 0 },
  },
  {
    name: "504 after Twilio created it",
    row: "504 Gateway Timeout",
    faults: [commit(faults.status(504))],
    expect: { error: "TwilioApiError", status: 504, attempts: 1, requests: 1, participants: 1 },
  },
  {
    name: "reset before commit",
    row: "Connection reset after the request was written",
    faults: [faults.reset(false)],
    expect: { error: "TwilioConnectionError", requestSent: true, attempts: 1, requests: 1, participants: 0 },
  },
  {
    name: "reset after commit",
    row: "Connection reset after the request was written",
    faults: [faults.reset(true)],
    expect: { error: "TwilioConnectionError", requestSent: true, attempts: 1, requests: 1, participants: 1 },
  },
  {
    name: "truncated JSON 201",
    row: "201 with a truncated, cut-short, non-JSON or non-object body",
    faults: [faults.truncatedJson()],
    expect: { error: "TwilioApiError", status: 201, attempts: 1, requests: 1, participants: 1 },
  },
  {
    name: "delay past the timeout (Twilio acts)",
    row: "No complete answer within timeoutMs",
    faults: [faults.delay(3000)],
    expect: { error: "TwilioTimeoutError", attempts: 1, requests: 1, participants: 1 },
  },
  {
    name: "delay past the timeout (Twilio does not)",
    row: "No complete answer within timeoutMs",
    faults: [faults.delay(3000, false)],
    expect: { error: "TwilioTimeoutError", attempts: 1, requests: 1, participants: 0 },
  },
  {
    name: "400",
    row: "Other 4xx",
    faults: [faults.status(400)],
    expect: { error: "TwilioApiError", status: 400, attempts: 1, requests: 1, participants: 0 },
  },
  {
    name: "refused",
    row: "Connection refused or DNS failure",
    faults: [],
    refused: true,
    expect: { error: "TwilioConnectionError", requestSent: false, attempts: 3, requests: 0, participants: 0 },
  },
];

export interface CaseRun {
  result: Awaited<ReturnType<typeof outcome>>;
  requests: RecordedRequest[];
  participants: Participant[];
  lines: string[];
  events: unknown[];
  identity: string;
}

/** Credentials the client uses; the fake is started to accept them. */
export type Credentials =
  | { accountSid: string; authToken: string }
  | { apiKey: string; apiSecret: string; accountSid: string; authToken: string };

/** Runs one case on a fresh fake server and returns what every party saw, once the fake is idle. */
export async function runCase(
  create: Create,
  c: MatrixCase,
  credentials?: Credentials,
  extra: ClientOptions = {},
): Promise<CaseRun> {
  const fakeOptions: FakeConversationsOptions = credentials
    ? {
        accountSid: credentials.accountSid,
        authToken: credentials.authToken,
        ...("apiKey" in credentials ? { apiKeys: { [credentials.apiKey]: credentials.apiSecret } } : {}),
      }
    : {};
  const fake = await startFakeConversations(fakeOptions);
  onCleanup(() => fake.close());
  fake.inject(...c.faults);
  const log = recorder();
  const auth = credentials
    ? "apiKey" in credentials
      ? { apiKey: credentials.apiKey, apiSecret: credentials.apiSecret, accountSid: credentials.accountSid }
      : { accountSid: credentials.accountSid, authToken: credentials.authToken }
    : { accountSid: fake.accountSid, authToken: fake.authToken };
  const baseUrl = c.refused ? `http://127.0.0.1:${await refusedPort()}` : fake.baseUrl;
  const client = create({ ...auth, baseUrl, logger: log.logger, ...MATRIX_CLIENT, ...extra });
  const identity = `matrix-${c.name.replace(/\W+/g, "-")}`;
  const result = await outcome(
    client.createServiceConversationParticipant({
      path: { ChatServiceSid: fake.serviceSid, ConversationSid: fake.conversationSid },
      body: { Identity: identity, Attributes: '{"case":1}' },
    }),
  );
  await fake.idle(); // a timed-out request may still be creating the participant
  return {
    result,
    requests: fake.requests,
    participants: fake.participants,
    lines: log.lines,
    events: log.events,
    identity,
  };
}
