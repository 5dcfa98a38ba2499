// Faults the fake server can be told to produce for the next requests, to test how a client
// behaves when Twilio, a proxy or the network misbehaves.

/**
 * The requests a fault can strike: `conversation` is the conversation's fetch; `read` is it, `fetch`
 * or `list`; `any` is all four.
 */
export type FaultTarget = "create" | "fetch" | "list" | "conversation" | "read" | "any";

/** One injected fault, used for one request to the participants endpoint. */
export interface Fault {
  /**
   * Which request it strikes: the first later request of this kind takes it. `create` is the POST,
   * `fetch` the GET of one participant, `list` the GET of the list.
   * @default "create"
   * @example fake.inject({ ...faults.status(500), on: "fetch" })
   */
  on?: FaultTarget;
  /** Answer with this status instead of processing the request (a Twilio error body by default). */
  status?: number;
  /** Extra response headers, e.g. `{ "Retry-After": "1" }`. */
  headers?: Record<string, string>;
  /** The response body to send verbatim instead of Twilio's error JSON (`""` for an empty body). */
  body?: string;
  /** Wait this long before answering (or before the reset). */
  delayMs?: number;
  /** Read the whole request, then destroy the connection without answering. */
  reset?: boolean;
  /** Process the request and answer 201, but send only the first half of the JSON body. */
  truncate?: boolean;
  /**
   * Whether the request is really processed before the fault strikes (for a create: the participant
   * is stored; a read has no effect either way). Defaults: `false` for `status` and `reset`, `true`
   * for `truncate` and a plain `delayMs`.
   */
  commit?: boolean;
}

/** Convenience builders for the common faults. */
export const faults = {
  status: (status: number, headers?: Record<string, string>): Fault => ({ status, ...(headers ? { headers } : {}) }),
  rateLimited: (retryAfter?: string): Fault => ({
    status: 429,
    ...(retryAfter ? { headers: { "Retry-After": retryAfter } } : {}),
  }),
  unavailable: (retryAfter?: string): Fault => ({
    status: 503,
    ...(retryAfter ? { headers: { "Retry-After": retryAfter } } : {}),
  }),
  html502: (): Fault => ({
    status: 502,
    headers: { "Content-Type": "text/html" },
    body: "<html><body><h1>502 Bad Gateway</h1></body></html>",
  }),
  empty500: (): Fault => ({ status: 500, body: "" }),
  reset: (commit = false): Fault => ({ reset: true, commit }),
  delay: (delayMs: number, commit = true): Fault => ({ delayMs, commit }),
  truncatedJson: (): Fault => ({ truncate: true }),
  /**
   * Twilio's re-add quirk: the participant is created, but the answer is `404 / 20404` (Twilio
   * support, "Resolving Error 20404 When Re-Adding the Same Participant").
   */
  notFoundButCreated: (): Fault => ({ status: 404, commit: true }),
  /** The same fault, aimed at another kind of request: `faults.on("read", faults.status(500))`. */
  on: (target: FaultTarget, fault: Fault): Fault => ({ ...fault, on: target }),
};

/** Whether `fault` may strike a request of this kind. */
export function strikes(fault: Fault, kind: "create" | "fetch" | "list" | "conversation"): boolean {
  const on = fault.on ?? "create";
  return on === "any" || on === kind || (on === "read" && kind !== "create");
}

/** Whether the participant is created under this fault (see `Fault.commit`). */
export function commits(fault: Fault | undefined): boolean {
  if (!fault) return true;
  if (fault.commit !== undefined) return fault.commit;
  return !(fault.status !== undefined || fault.reset);
}
