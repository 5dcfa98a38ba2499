// Global (or caller-supplied) fetch as a transport: every response body is read here, capped, so
// neither openapi-fetch nor the caller ever holds more than maxResponseBytes of it. A body the
// connection cut short keeps its status and what arrived (isCutShort), as the Node transport does.
import { errorCode } from "../sent.js";
import {
  BODY_TEXT,
  CUT_SHORT,
  TRUNCATED,
  type Transport,
  type TransportConfig,
  type TransportFetch,
} from "../transport.js";

/** What a read failing because the connection ended looks like (undici: TypeError "terminated"). */
const CONNECTION_ENDED = new Set(["UND_ERR_SOCKET", "ECONNRESET", "EPIPE", "UND_ERR_RES_CONTENT_LENGTH_MISMATCH"]);

/** @internal */
export function fetchTransport(fetch: TransportFetch, { maxResponseBytes, headers = {} }: TransportConfig): Transport {
  const defaults = Object.entries(headers);
  return {
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
): Promise<{ text: string; truncated: boolean; cutShort: boolean }> {
  if (!body) return { text: "", truncated: false, cutShort: false };
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text: text + decoder.decode(), truncated: false, cutShort: false };
      const room = maxBytes - size;
      // Only a byte past the cap truncates: a body of exactly maxBytes is whole.
      if (value.byteLength > room) {
        text += decoder.decode(value.subarray(0, room));
        void reader.cancel().catch(() => {});
        return { text, truncated: true, cutShort: false };
      }
      size += value.byteLength;
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    // An abort stays an abort; the connection ending mid-body leaves the status and what arrived.
    if (signal?.aborted || !endedConnection(error)) throw error;
    return { text: text + decoder.decode(), truncated: false, cutShort: true };
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
  const { text, truncated, cutShort } = await readCapped(response.body, maxBytes, signal);
  const copy = new Response(text, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  Object.assign(copy, { [BODY_TEXT]: text });
  if (truncated) Object.assign(copy, { [TRUNCATED]: true });
  if (cutShort) Object.assign(copy, { [CUT_SHORT]: true });
  return copy;
}
