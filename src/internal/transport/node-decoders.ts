// Content codings for the Node transport, undone as fetch undoes them: gzip, deflate (zlib-wrapped
// or raw) and br, a list of them in reverse order, lenient at the end of a body cut short.
import { Transform, type TransformCallback } from "node:stream";
import zlib from "node:zlib";

/** At most this many codings are undone, as undici allows: a longer list passes through undecoded. */
const MAX_CODINGS = 5;

/**
 * @internal The decoders for a `Content-Encoding` list, in the order the body goes through them (the
 * last coding applied is undone first), as fetch decodes them: lenient at the end, so a body cut
 * short yields what arrived. A list with a coding fetch does not know passes through as it is.
 */
export function decodersFor(header: string | undefined): Transform[] {
  if (!header) return [];
  const codings = header
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter(Boolean);
  const decoders: Transform[] = [];
  if (codings.length > MAX_CODINGS) return decoders;
  for (const coding of codings.reverse()) {
    const decoder = decoderFor(coding);
    if (!decoder) return [];
    decoders.push(decoder);
  }
  return decoders;
}

const SYNC = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };

function decoderFor(coding: string): Transform | undefined {
  if (coding === "gzip" || coding === "x-gzip") return zlib.createGunzip(SYNC);
  if (coding === "deflate") return new DeflateEither();
  if (coding === "br") {
    const flush = zlib.constants.BROTLI_OPERATION_FLUSH;
    return zlib.createBrotliDecompress({ flush, finishFlush: flush });
  }
  return undefined;
}

/**
 * "deflate" as fetch reads it: zlib-wrapped, as RFC 9110 says, or raw deflate, which some servers
 * send instead. The first byte tells them apart (a zlib header's low nibble is 8, deflate's method).
 */
class DeflateEither extends Transform {
  #inner: Transform | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.#inner ??= this.#start((chunk[0]! & 0x0f) === 0x08 ? zlib.createInflate(SYNC) : zlib.createInflateRaw(SYNC));
    this.#inner.write(chunk, () => done());
  }

  override _flush(done: TransformCallback): void {
    if (!this.#inner) return done();
    this.#inner.once("end", () => done()).end();
  }

  override _destroy(error: Error | null, done: (error: Error | null) => void): void {
    this.#inner?.destroy();
    done(error);
  }

  #start(inner: Transform): Transform {
    inner.on("data", (data: Buffer) => this.push(data));
    inner.on("error", (error: Error) => this.destroy(error));
    return inner;
  }
}
