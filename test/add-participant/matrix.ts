// addParticipant's fault matrix: every fault of the reliability matrix, with Twilio acting on the
// create and not, for a chat and an SMS participant, plus faults that strike the lookups. Each case
// says how the call ends, which requests the fake server sees and how many participants it keeps.
import { faults, type Fault } from "../../src/testing/index.js";

/** A request as the matrix names it: `C` a create, `L` the lookup (a fetch for chat, the list for SMS). */
export type Step = "C" | "L";

export interface AddCase {
  name: string;
  faults: (lookup: "fetch" | "list") => Fault[];
  /** Point the client at a port nothing listens on. */
  refused?: boolean;
  /** Faults with a delay need a settle time longer than the delay left after the client's timeout. */
  slow?: boolean;
  expect: {
    outcome?: "created" | "existing";
    error?: "TwilioApiError" | "TwilioConnectionError" | "TwilioOutcomeUnknownError";
    status?: number;
    lookup?: "not-found" | "failed";
    requests: Step[];
    /** Participants stored in the end: 1, or 0 only when the call rejects with a documented error. */
    participants: 0 | 1;
  };
}

/** The client: two resends, and a 300 ms timeout so the delay faults are quick. */
export const ADD_CLIENT = { maxRetries: 2, timeoutMs: 300 };
/** `settleMs` for most cases; the delay cases wait past the delayed create (600 ms, client gives up at 300). */
export const SETTLE_MS = { fast: 0, slow: 900 };
const DELAY_MS = 600;

const acted = (fault: Fault): Fault => ({ ...fault, commit: true });
const notActed = (fault: Fault): Fault => ({ ...fault, commit: false });
const times = (n: number, fault: Fault) => Array.from({ length: n }, () => fault);

/** The faults on the create that may leave the outcome unknown: Twilio may or may not have acted. */
const AMBIGUOUS: [string, Fault][] = [
  ["500", faults.status(500)],
  ["empty 500", faults.empty500()],
  ["502 with an HTML body", faults.html502()],
  ["504", faults.status(504)],
  ["reset after the request was written", faults.reset()],
];

export const ADD_MATRIX: AddCase[] = [
  { name: "201 Created", faults: () => [], expect: { outcome: "created", requests: ["C"], participants: 1 } },
  ...AMBIGUOUS.flatMap(([name, fault]): AddCase[] => [
    {
      name: `${name}, Twilio acted`,
      faults: () => [acted(fault)],
      expect: { outcome: "existing", requests: ["C", "L"], participants: 1 },
    },
    {
      name: `${name}, Twilio did not act`,
      faults: () => [notActed(fault)],
      expect: { outcome: "created", requests: ["C", "L", "C"], participants: 1 },
    },
  ]),
  // A truncated 201 always comes from a create that happened.
  {
    name: "truncated JSON 201, Twilio acted",
    faults: () => [faults.truncatedJson()],
    expect: { outcome: "existing", requests: ["C", "L"], participants: 1 },
  },
  {
    name: "delay past the timeout, Twilio acted",
    slow: true,
    faults: () => [faults.delay(DELAY_MS, true)],
    expect: { outcome: "existing", requests: ["C", "L"], participants: 1 },
  },
  {
    name: "delay past the timeout, Twilio did not act",
    slow: true,
    faults: () => [faults.delay(DELAY_MS, false)],
    expect: { outcome: "created", requests: ["C", "L", "C"], participants: 1 },
  },
  // Refusals: Twilio documents them as never processed; the "acted" rows show what happens if one was.
  // A refusal that ends the call is still checked with one lookup (a transport may have resent a
  // request whose first copy was processed), so no participant is left behind an error.
  ...(["429", "503"] as const).flatMap((s): AddCase[] => {
    const refusal = s === "429" ? faults.rateLimited("0") : faults.unavailable("0");
    return [
      {
        name: `${s}, then 201, Twilio did not act`,
        faults: () => [refusal],
        expect: { outcome: "created", requests: ["C", "C"], participants: 1 },
      },
      {
        name: `${s}, then 201, Twilio acted anyway`,
        faults: () => [acted(refusal)],
        expect: { outcome: "existing", requests: ["C", "C", "L"], participants: 1 },
      },
      {
        name: `${s} on every attempt, Twilio did not act`,
        faults: () => times(3, refusal),
        expect: { error: "TwilioApiError", status: Number(s), requests: ["C", "C", "C", "L"], participants: 0 },
      },
      {
        name: `${s} on every attempt, Twilio acted anyway`,
        faults: () => times(3, acted(refusal)),
        expect: { outcome: "existing", requests: ["C", "C", "L"], participants: 1 },
      },
    ];
  }),
  {
    name: "429 asking for an hour, Twilio did not act",
    faults: () => [faults.rateLimited("3600")],
    expect: { error: "TwilioApiError", status: 429, requests: ["C", "L"], participants: 0 },
  },
  {
    name: "429 asking for an hour, Twilio acted anyway",
    faults: () => [acted(faults.rateLimited("3600"))],
    expect: { outcome: "existing", requests: ["C", "L"], participants: 1 },
  },
  {
    name: "400, Twilio did not act",
    faults: () => [faults.status(400)],
    expect: { error: "TwilioApiError", status: 400, requests: ["C"], participants: 0 },
  },
  // Trusted as documented (a 4xx other than 429 is not processed): a participant kept anyway is not looked for.
  {
    name: "400, Twilio acted anyway",
    faults: () => [acted(faults.status(400))],
    expect: { error: "TwilioApiError", status: 400, requests: ["C"], participants: 1 },
  },
  // Twilio's re-add quirk: a 404 / 20404 on the create may come with the participant created. One
  // lookup decides; a 404 is never followed by a second create.
  {
    name: "404 / 20404, Twilio created it anyway (its re-add quirk)",
    faults: () => [faults.notFoundButCreated()],
    expect: { outcome: "existing", requests: ["C", "L"], participants: 1 },
  },
  {
    name: "404 / 20404, Twilio did not act",
    faults: () => [faults.status(404)],
    expect: { error: "TwilioApiError", status: 404, requests: ["C", "L"], participants: 0 },
  },
  {
    name: "404 / 20404 (created), the lookup 503 on every attempt",
    faults: (l) => [faults.notFoundButCreated(), ...times(3, faults.on(l, faults.unavailable("0")))],
    expect: { error: "TwilioOutcomeUnknownError", lookup: "failed", requests: ["C", "L", "L", "L"], participants: 1 },
  },
  {
    name: "connection refused",
    refused: true,
    faults: () => [],
    expect: { error: "TwilioConnectionError", requests: [], participants: 0 },
  },
  // Faults on the lookups: a GET is resent after any of them (the read retry rules).
  {
    name: "500 (not acted), the lookup 500 once",
    faults: (l) => [faults.status(500), faults.on(l, faults.status(500))],
    expect: { outcome: "created", requests: ["C", "L", "L", "C"], participants: 1 },
  },
  {
    name: "reset (acted), the lookup reset once",
    faults: (l) => [faults.reset(true), faults.on(l, faults.reset())],
    expect: { outcome: "existing", requests: ["C", "L", "L"], participants: 1 },
  },
  {
    name: "504 (acted), the lookup's 200 truncated",
    faults: (l) => [acted(faults.status(504)), faults.on(l, faults.truncatedJson())],
    expect: { outcome: "existing", requests: ["C", "L", "L"], participants: 1 },
  },
  {
    name: "500 (acted), the lookup 503 on every attempt",
    faults: (l) => [acted(faults.status(500)), ...times(3, faults.on(l, faults.unavailable("0")))],
    expect: { error: "TwilioOutcomeUnknownError", lookup: "failed", requests: ["C", "L", "L", "L"], participants: 1 },
  },
  {
    name: "500 (not acted), the lookup 502 on every attempt",
    faults: (l) => [faults.status(500), ...times(3, faults.on(l, faults.html502()))],
    expect: { error: "TwilioOutcomeUnknownError", lookup: "failed", requests: ["C", "L", "L", "L"], participants: 0 },
  },
  {
    name: "429 (not acted) on every create, the lookup 503 on every attempt",
    faults: (l) => [...times(3, faults.rateLimited("0")), ...times(3, faults.on(l, faults.unavailable("0")))],
    expect: {
      error: "TwilioOutcomeUnknownError",
      lookup: "failed",
      requests: ["C", "C", "C", "L", "L", "L"],
      participants: 0,
    },
  },
  {
    name: "500 (not acted) on every create",
    faults: () => times(3, faults.status(500)),
    expect: {
      error: "TwilioOutcomeUnknownError",
      lookup: "not-found",
      requests: ["C", "L", "C", "L", "C", "L"],
      participants: 0,
    },
  },
];
