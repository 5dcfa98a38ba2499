// The Node transport's answer: a web Response over a node:http IncomingMessage. The body is read
// from the start, decoded as fetch decodes it and at most maxResponseBytes of it, so the socket goes
// back to the pool without waiting for a reader and a huge body never sits in memory. A body the
// connection cut short keeps its status, with what arrived (isCutShort), as in transport/fetch.ts.
import type { IncomingMessage } from "node:http";
import type { Transform } from "node:stream";
import zlib from "node:zlib";
import { CUT_SHORT, TRUNCATED } from "../transport.js";

/** Statuses whose response has no body, as fetch's `response.body === null`. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * A decoder per `Content-Encoding`, as fetch decodes them (the Node transport asks for these three):
 * lenient at the end, so a body cut short yields what arrived. Unknown codings pass through as is.
 */
function decoderFor(encoding: string | undefined): Transform | undefined {
  const coding = encoding?.trim().toLowerCase();
  const sync = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  if (coding === "gzip" || coding === "x-gzip") return zlib.createGunzip(sync);
  if (coding === "deflate") return zlib.createInflate(sync);
  if (coding === "br") {
    const flush = zlib.constants.BROTLI_OPERATION_FLUSH;
    return zlib.createBrotliDecompress({ flush, finishFlush: flush });
  }
  return undefined;
}

/**
 * @internal The Response to `message`, at once: its body (a stream, as fetch's) gives out, when
 * asked, what was read up to `maxBytes` (decoded), and fails when decoding fails. `onSettled` runs
 * once, when the body has ended, failed or been cut; `abort` stops reading (the caller gave up).
 */
export function readResponse(
  message: IncomingMessage, method: string, maxBytes: number, onSettled: () => void,
): { response: Response; abort(reason: unknown): void } {
  const status = message.statusCode ?? 0;
  const bodyless = method === "HEAD" || NULL_BODY.has(status);
  const decoder = bodyless ? undefined : decoderFor(message.headers["content-encoding"]);
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  let ended!: (result: { error: unknown } | undefined) => void;
  const read = new Promise<Uint8Array>((resolve, reject) => {
    ended = (failure) => (failure ? reject(failure.error) : resolve(Buffer.concat(chunks, size)));
  });
  read.catch(() => {}); // a body nobody reads may fail unobserved
  const body = bodyless ? null : new ReadableStream<Uint8Array>({
    pull: async (controller) => {
      const bytes = await read;
      if (bytes.length) controller.enqueue(bytes);
      controller.close();
    },
  });
  const headers = new Headers();
  for (let i = 0; i < message.rawHeaders.length; i += 2) headers.append(message.rawHeaders[i]!, message.rawHeaders[i + 1]!);
  // Throws (a RangeError) for a status outside 200–599, which fetch's Response cannot hold.
  const response: Response & { [TRUNCATED]?: true; [CUT_SHORT]?: true } = new Response(body, {
    status, statusText: message.statusMessage ?? "", headers,
  });

  const settle = (failure?: { error: unknown }) => {
    if (settled) return;
    settled = true;
    onSettled();
    ended(failure);
  };
  const stop = () => {
    message.destroy();
    decoder?.destroy();
  };
  const source = decoder ?? message;
  source.on("data", (chunk: Buffer) => {
    if (settled) return;
    const room = maxBytes - size;
    // Only a byte past the cap truncates: a body of exactly maxBytes is whole.
    if (chunk.length > room) {
      if (room > 0) chunks.push(chunk.subarray(0, room));
      size += room;
      response[TRUNCATED] = true;
      settle();
      stop(); // the rest is never read: this connection cannot be reused
      return;
    }
    chunks.push(chunk);
    size += chunk.length;
  });
  source.on("end", () => settle());
  if (decoder) {
    decoder.on("error", (error) => settle({ error })); // a body that is not what its Content-Encoding says: fetch's read fails too
    message.pipe(decoder);
  }
  const onClose = () => {
    if (settled || response[CUT_SHORT] || message.complete) return;
    // The connection went away mid-body: the status stands and the body is what arrived. A decoder
    // first gives out what it holds; its "end" settles then.
    response[CUT_SHORT] = true;
    if (decoder) decoder.end();
    else settle();
  };
  message.on("error", onClose);
  message.on("close", onClose);
  return {
    response,
    abort: (reason) => {
      settle({ error: reason });
      stop();
    },
  };
}
