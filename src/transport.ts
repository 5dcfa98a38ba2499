/**
 * The one thing the client needs from a transport: `fetch(request)`. Global fetch is the default
 * everywhere but Node, where the package's `node` entry uses its own node:http transport; a custom
 * one may be passed in options.
 */
export type TransportFetch = (input: Request) => Promise<Response>;

/**
 * @internal What openapi-fetch is given: a fetch whose responses hold at most `maxResponseBytes`
 * of body, and the Request class it expects (global `Request` when absent).
 */
export interface Transport {
  fetch: TransportFetch;
  Request?: typeof Request | undefined;
  /** A cheaper stand-in for `new AbortController()` that this transport's Request accepts. */
  abortController?: (() => AbortController) | undefined;
}

/** @internal Makes a transport for one client. */
export type TransportFactory = (maxResponseBytes: number) => Transport;

/** @internal A transport sets this on a response whose body it cut at `maxResponseBytes`. */
export const TRUNCATED: unique symbol = Symbol("truncated");

/** @internal Whether a transport cut this response's body short. */
export function isTruncated(response: Response): boolean {
  return (response as { [TRUNCATED]?: boolean })[TRUNCATED] === true;
}
