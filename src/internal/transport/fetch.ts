// Global (or caller-supplied) fetch as a transport: every response body is read here, capped, so
// neither openapi-fetch nor the caller ever holds more than maxResponseBytes of it. A body the
// connection cut short, or one its Content-Encoding misdescribes, keeps its status and what arrived
// (isCutShort, isUndecodable), as the Node transport does.
import { errorCode } from "../reached-server.js";
import {
  BODY_TEXT,
  markBody,
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

/** @internal A copy of a response whose body holds at most `maxBytes`, marked when it was cut. */
export async function capResponse(
  response: Response,
  maxBytes: number,
  signal?: AbortSignal | null,
): Promise<Response> {
  // No body (304, 204, a browser's opaque redirect): nothing to cap, and `new Response` would throw.
  if (response.body === null) return response;
  const { text, end } = await readCapped(response.body, maxBytes, signal);
  // A Response takes statuses 200–599 only; a broken gateway's 999 keeps its number all the same.
  const valid = response.status >= 200 && response.status <= 599;
  const copy = new Response(text, {
    status: valid ? response.status : 599,
    statusText: response.statusText,
    headers: response.headers,
  });
  if (!valid) Object.defineProperties(copy, { status: { value: response.status }, ok: { value: false } });
  Object.assign(copy, { [BODY_TEXT]: text });
  markBody(copy, end);
  return copy;
}
