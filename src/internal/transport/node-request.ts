// The Node transport's Request: what openapi-fetch builds per call (`new Request(url, init)`),
// holding the init as given instead of copying the body into a stream as fetch's Request does
// (a web Request costs the client about two thirds more CPU per request: scripts/bench/README.md).

import { ATTEMPT_KEY, type AttemptLink } from "../transport.js";

/** Bodies sent as they are; anything else (Blob, FormData, a stream) is read once, at send time. */
export type DirectBody = string | Uint8Array;

/** Methods already as fetch would normalize them (openapi-fetch passes them upper-case). */
const NORMALIZED = new Set(["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH"]);

/** @internal */
export class NodeRequest {
  /** Marks real instances (see `is`): `instanceof` is widened below. */
  readonly #own = true;
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: BodyInit | null;
  readonly signal: AbortSignal | null;
  readonly redirect: RequestRedirect;
  /**
   * The attempt's link (transport.ts), taken from the init here rather than copied on by openapi-fetch
   * afterwards, so every NodeRequest has one shape.
   */
  readonly [ATTEMPT_KEY]: AttemptLink | undefined;

  constructor(input: string | URL, init: RequestInit & { [ATTEMPT_KEY]?: AttemptLink } = {}) {
    this.url = String(input);
    // fetch upper-cases these six methods and leaves any other as given.
    const method = init.method ?? "GET";
    this.method = NORMALIZED.has(method)
      ? method
      : /^(delete|get|head|options|post|put)$/i.test(method)
        ? method.toUpperCase()
        : method;
    // openapi-fetch passes a Headers it just built: keep it rather than copy it.
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body ?? null;
    if (this.body !== null && (this.method === "GET" || this.method === "HEAD")) {
      throw new TypeError(`a ${this.method} request cannot have a body`);
    }
    this.signal = init.signal ?? null;
    this.redirect = init.redirect ?? "follow";
    this[ATTEMPT_KEY] = init[ATTEMPT_KEY];
  }

  /** Whether `value` was made by this class (and not only passes `instanceof`). */
  static is(value: unknown): value is NodeRequest {
    return typeof value === "object" && value !== null && #own in value;
  }

  /**
   * openapi-fetch accepts a middleware's replacement request only if it is `instanceof` the
   * Request class it was given: a web Request is welcome too (the transport converts it).
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    return NodeRequest.is(value) || value instanceof Request;
  }

  /** A web Request (say, one a middleware returned) as a NodeRequest. */
  static async from(request: Request): Promise<NodeRequest> {
    const body = request.body === null ? null : new Uint8Array(await request.arrayBuffer());
    return new NodeRequest(request.url, {
      method: request.method,
      headers: request.headers,
      body,
      signal: request.signal,
      redirect: request.redirect,
    });
  }
}

/** A body ready to write, and the Content-Type fetch would give it when the caller set none. */
export interface WireBody {
  data: DirectBody;
  contentType: string | null;
}

/** Strings and bytes, synchronously; undefined for any other kind of body (see `readBody`). */
export function directBody(body: BodyInit): WireBody | undefined {
  if (typeof body === "string") return { data: body, contentType: "text/plain;charset=UTF-8" };
  if (body instanceof Uint8Array) return { data: body, contentType: null };
  if (body instanceof ArrayBuffer) return { data: new Uint8Array(body), contentType: null };
  if (ArrayBuffer.isView(body))
    return { data: new Uint8Array(body.buffer, body.byteOffset, body.byteLength), contentType: null };
  return undefined;
}

/** Any other body (URLSearchParams, Blob, FormData, a stream), serialized the way fetch does it. */
export async function readBody(body: BodyInit): Promise<WireBody> {
  const response = new Response(body);
  return { data: new Uint8Array(await response.arrayBuffer()), contentType: response.headers.get("content-type") };
}
