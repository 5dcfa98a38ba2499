// Global (or caller-supplied) fetch as a transport: every response body is read here, once, capped, so
// neither openapi-fetch nor the caller ever holds more than maxResponseBytes of it or reads it again. A body the
// connection cut short, or one its Content-Encoding misdescribes, keeps its status and what arrived
// (isCutShort, isUndecodable), as the Node transport does.
import { errorCode } from "../reached-server.js";
import {
  BODY_STATE,
  BODY_TEXT,
  type BodyState,
  type Transport,
  type TransportConfig,
  type TransportFetch,
} from "../transport.js";

/** What a read failing because the connection ended looks like (undici: TypeError "terminated"). */
const CONNECTION_ENDED = new Set(["UND_ERR_SOCKET", "ECONNRESET", "EPIPE", "UND_ERR_RES_CONTENT_LENGTH_MISMATCH"]);

/** A body that is not what its Content-Encoding says, as Node's zlib names it (undici: its cause). */
const NOT_DECODABLE = /^(Z_|ERR__ERROR_)/;

/** @internal */
export function fetchTransport(fetch: TransportFetch, { maxResponseBytes, headers = {} }: TransportConfig): Transport {
  const defaults = Object.entries(headers);
  return {
    stopsBySignal: true,
    fetch: async (request) => {
      for (const [name, value] of defaults) if (!request.headers.has(name)) request.headers.set(name, value);
      return capResponse(await fetch(request), maxResponseBytes, request.signal);
    },
  };
}

/** @internal Reads at most `maxBytes` of a body, then stops reading. */
export async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  signal?: AbortSignal | null,
): Promise<{ text: string; end: BodyState }> {
  if (!body) return { text: "", end: "whole" };
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text: text + decoder.decode(), end: "whole" };
      const room = maxBytes - size;
      // Only a byte past the cap truncates: a body of exactly maxBytes is whole.
      if (value.byteLength > room) {
        text += decoder.decode(value.subarray(0, room));
        void reader.cancel().catch(() => {});
        return { text, end: "truncated" };
      }
      size += value.byteLength;
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    // An abort stays an abort; the connection ending mid-body, or a body its Content-Encoding
    // misdescribes, leaves the status and what arrived.
    if (signal?.aborted) throw error;
    const code = errorCode(error);
    if (code !== undefined && NOT_DECODABLE.test(code)) return { text: text + decoder.decode(), end: "undecodable" };
    if (!endedConnection(error)) throw error;
    return { text: text + decoder.decode(), end: "cut-short" };
  } finally {
    reader.releaseLock();
  }
}

function endedConnection(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined ? CONNECTION_ENDED.has(code) : error instanceof TypeError && error.message === "terminated";
}

/**
 * @internal A fetched response with its body read here, once: at most `maxBytes` of it, marked when
 * it ended short of whole. No body (304, 204, a browser's opaque redirect): the response as it came.
 */
export async function capResponse(
  response: Response,
  maxBytes: number,
  signal?: AbortSignal | null,
): Promise<Response> {
  if (response.body === null) return response;
  const { text, end } = await readCapped(response.body, maxBytes, signal);
  return new ReadResponse(response, text, end) as unknown as Response;
}

/**
 * The part of the Fetch API's Response that openapi-fetch, this client and a `raw` caller use, over
 * a body already read (as the Node transport's NodeResponse): openapi-fetch takes that text, not a
 * second read of a copy. The status is the server's, even one a web Response refuses (a gateway's 999).
 */
class ReadResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: Headers;
  readonly url: string;
  readonly redirected: boolean;
  readonly type: ResponseType;
  // Declared only (set in the constructor): a computed class field would keep the class in every
  // bundle, even one that never sends (tree-shaking).
  declare readonly [BODY_TEXT]: string;
  declare readonly [BODY_STATE]: BodyState;
  #used = false;
  #stream: ReadableStream<Uint8Array> | undefined;

  constructor(response: Response, text: string, end: BodyState) {
    this.status = response.status;
    this.statusText = response.statusText;
    this.ok = response.ok;
    this.headers = response.headers;
    this.url = response.url;
    this.redirected = response.redirected;
    this.type = response.type;
    this[BODY_TEXT] = text;
    this[BODY_STATE] = end;
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  get body(): ReadableStream<Uint8Array> {
    return (this.#stream ??= new ReadableStream({
      pull: async (controller) => {
        controller.enqueue(await this.bytes());
        controller.close();
      },
    }));
  }

  /** The text, once; a second read is a TypeError, as with fetch. */
  text(): Promise<string> {
    if (this.#used) return Promise.reject(new TypeError("Body is unusable: the body has already been read"));
    this.#used = true;
    return Promise.resolve(this[BODY_TEXT]);
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async bytes(): Promise<Uint8Array> {
    return new TextEncoder().encode(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return (await this.bytes()).buffer as ArrayBuffer;
  }

  async blob(): Promise<Blob> {
    return new Blob([await this.text()], { type: this.headers.get("content-type") ?? "" });
  }
}
