import type { TransportFetch } from "../options.js";
import { FORM_CONTENT_TYPE } from "./wire.js";

export type { TransportFetch };

/**
 * @internal The one contract every transport keeps (global fetch, a caller's fetch, node:http).
 *
 * - **What it gets:** a Request as openapi-fetch built it (of the `Request` class the transport
 *   names, global `Request` when absent), with the client's serializers applied; it adds the
 *   config's default headers (authentication, User-Agent, Accept) that the request does not set.
 * - **How it is stopped:** through the attempt's `AttemptStop` (absent for a `raw` call, which
 *   stops through its own `signal` on the request, honoured too). A transport that can only be
 *   stopped by an AbortSignal says `stopsBySignal`: the client then puts `stop.signal` on the
 *   request it builds. Stopped before the answer, it rejects with the stop's reason (a
 *   `requestSent: false` error while still connecting); after, the body read ends.
 * - **What its response carries:** status and headers, and a body already read, at most
 *   `maxResponseBytes` of it, marked (`BODY_STATE`) when it ended short of whole, with its text
 *   (`BODY_TEXT`). A failure to reach the server says whether the request may have been written
 *   (`requestSent`, see reached-server.ts).
 */
export interface Transport {
  fetch: (request: Request, stop?: AttemptStop) => Promise<Response>;
  Request?: typeof Request | undefined;
  /** Stopped only through the request's AbortSignal (fetch): each attempt's request carries `stop.signal`. */
  stopsBySignal?: boolean;
}

/**
 * @internal One attempt's stop switch: the one way the client stops a request (its deadline, the
 * caller's signal). A callback slot where an AbortSignal would do, because creating a signal per
 * attempt and the transport's listener on it cost 12–16% of a call's CPU on Node 20
 * (scripts/bench/README.md); a signal is made only when asked for (a `stopsBySignal` transport).
 * One listener at a time.
 */
export class AttemptStop {
  stopped = false;
  reason: unknown;
  #listener: ((reason: unknown) => void) | undefined;
  #controller: AbortController | undefined;

  /** An AbortSignal that aborts when this stops, made on first use. */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.stopped) this.#controller.abort(this.reason);
    }
    return this.#controller.signal;
  }

  /** Calls `listener` once, on stop (replacing any earlier one); `undefined` removes it. */
  listen(listener: ((reason: unknown) => void) | undefined): void {
    this.#listener = listener;
  }

  stop(reason: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    this.reason = reason;
    const listener = this.#listener;
    this.#listener = undefined;
    this.#controller?.abort(reason);
    listener?.(reason);
  }
}

/**
 * @internal What one attempt of a typed call hands its transport. It rides on the Request itself:
 * openapi-fetch copies an init key it does not know (`ATTEMPT_KEY`) onto the Request it builds, so
 * the client's one `fetch` (set in createClient) reads it there, and records the URL the request
 * was actually made for. A middleware's replacement Request carries none: it is sent as it is.
 */
export interface AttemptLink {
  /** The attempt's stop switch (the transport contract above). */
  stop: AttemptStop;
  /** Set when the request reaches the transport: the URL openapi-fetch built. */
  url: string | undefined;
}

/** @internal The init key (a string: openapi-fetch copies only enumerable string keys) of an AttemptLink. */
export const ATTEMPT_KEY = "twilioAttempt";

/**
 * @internal The one `fetch` a client gives openapi-fetch: every request, typed or raw, goes to the
 * transport from here. The form Content-Type is a default (createClient's headers) for requests
 * with a body: a GET carries none.
 */
export function clientFetch(transport: Transport): (request: Request) => Promise<Response> {
  return (request) => {
    const link = (request as unknown as Record<string, AttemptLink | undefined>)[ATTEMPT_KEY];
    if (link) link.url = request.url;
    if (request.body === null && request.headers.get("content-type") === FORM_CONTENT_TYPE)
      request.headers.delete("content-type");
    return transport.fetch(request, link?.stop);
  };
}

/** @internal What a client gives its transport. */
export interface TransportConfig {
  /** Responses hold at most this many bytes of body. */
  maxResponseBytes: number;
  /**
   * Headers every request carries unless it sets them itself (lower-case names): authentication,
   * User-Agent, Accept. Added by the transport rather than by openapi-fetch, which would rebuild
   * them into a new Headers twice per call; so a `raw.use()` middleware never sees the credential.
   */
  headers?: Readonly<Record<string, string>> | undefined;
  /** Node transport: how long connecting (TCP, TLS, a proxy's tunnel) may take; 0 = no own deadline. */
  connectTimeoutMs?: number | undefined;
  /** Node transport: the caller's agent (an http.Agent), used for every request instead of its own. */
  agent?: object | undefined;
}

/** @internal Makes a transport for one client. */
export type TransportFactory = (config: TransportConfig) => Transport;

/**
 * @internal How much of a body arrived: all of it, up to the size cap (`maxResponseBytes`), up to a
 * dropped connection (the text is what arrived), or up to where it stopped matching its
 * Content-Encoding (a plain HTML page labelled gzip: the status stands, the text is what could be
 * decoded).
 */
export type BodyState = "whole" | "truncated" | "cut-short" | "undecodable";

/** @internal A transport sets this on a response whose body ended short of whole, to how it ended. */
export const BODY_STATE: unique symbol = Symbol("body state");

/** @internal How this response's body ended, as its transport marked it. */
export function bodyState(response: object): BodyState {
  return (response as { [BODY_STATE]?: BodyState })[BODY_STATE] ?? "whole";
}

/** @internal Whether a transport cut this response's body at `maxResponseBytes`. */
export const isTruncated = (response: object): boolean => bodyState(response) === "truncated";
/** @internal Whether the connection ended before this response's body did. */
export const isCutShort = (response: object): boolean => bodyState(response) === "cut-short";
/** @internal Whether this response's body could not be decoded as its Content-Encoding says. */
export const isUndecodable = (response: object): boolean => bodyState(response) === "undecodable";

/**
 * @internal A transport sets this on a response to the (capped) text its body was read as, so the
 * client keeps what the server sent even after openapi-fetch parsed an error body as JSON.
 */
export const BODY_TEXT: unique symbol = Symbol("body text");

/** @internal The text a transport read this response's body as, when it says so. */
export function bodyText(response: Response): string | undefined {
  return (response as { [BODY_TEXT]?: string })[BODY_TEXT];
}
