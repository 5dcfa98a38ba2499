// The Node transport's Response: the part of the Fetch API's Response that openapi-fetch, this
// client and a `raw` caller use, over a node:http IncomingMessage. The body is read from the
// start, at most maxResponseBytes of it (decoded, as fetch's body is), so the socket goes back to
// the pool without waiting for a reader and a huge body never sits in memory. Not a web Response:
// that costs the client about half again its CPU per request (scripts/bench/README.md).
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { Readable, Transform } from "node:stream";
import { BODY_STATE, BODY_TEXT, type BodyState } from "../transport.js";
import { decodersFor } from "./node-decoders.js";

/** Statuses whose response has no body, as fetch's `response.body === null`. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** Read-only `Headers` over Node's parsed headers (lower-case names, repeated values joined). */
export class NodeHeaders {
  readonly #raw: IncomingHttpHeaders;

  constructor(raw: IncomingHttpHeaders) {
    this.#raw = raw;
  }

  get(name: string): string | null {
    const key = name.toLowerCase();
    // Node's header object has Object.prototype: `get("constructor")` must not find it.
    if (!Object.hasOwn(this.#raw, key)) return null;
    const value = this.#raw[key];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  }

  has(name: string): boolean {
    return this.get(name) !== null;
  }

  getSetCookie(): string[] {
    const value = this.#raw["set-cookie"];
    return value === undefined ? [] : [...value];
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.#raw).sort()) {
      const value = this.get(name);
      if (value !== null) yield [name, value];
    }
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  forEach(callback: (value: string, name: string, headers: NodeHeaders) => void, thisArg?: unknown): void {
    for (const [name, value] of this.entries()) callback.call(thisArg, value, name, this);
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

/** Where the shared listeners below find the response of a message (or of its decoder). */
const OWNER = Symbol("NodeResponse");

type Owned = Readable & { [OWNER]: NodeResponse };

/** @internal */
export class NodeResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: NodeHeaders;
  readonly url: string;
  readonly redirected = false;
  readonly type = "basic";
  [BODY_STATE]?: BodyState;
  [BODY_TEXT]?: string;

  readonly #message: IncomingMessage;
  /** Decode the body when it came compressed, in the order it goes through them. */
  readonly #decoders: Transform[];
  readonly #maxBytes: number;
  readonly #onSettled: () => void;
  #chunks: Buffer[] = [];
  #size = 0;
  #settled = false;
  #failure: { error: unknown } | undefined;
  #used = false;
  #waiter: { resolve(bytes: Buffer): void; reject(error: unknown): void } | undefined;
  #stream: ReadableStream<Uint8Array> | undefined;

  /** Starts reading `message`; `onSettled` runs once, when the body has ended, failed or been cut. */
  constructor(
    message: IncomingMessage,
    request: { url: string; method: string },
    maxBytes: number,
    onSettled: () => void,
  ) {
    this.status = message.statusCode ?? 0;
    this.statusText = message.statusMessage ?? "";
    this.ok = this.status >= 200 && this.status <= 299;
    this.headers = new NodeHeaders(message.headers);
    this.url = request.url;
    this.#message = message;
    this.#maxBytes = maxBytes;
    this.#onSettled = onSettled;
    const bodyless = request.method === "HEAD" || NULL_BODY.has(this.status);
    this.#decoders = bodyless ? [] : decodersFor(message.headers["content-encoding"]);
    // Shared listeners, not new closures per response.
    let source = message as unknown as Owned;
    source[OWNER] = this;
    for (const decoder of this.#decoders) {
      (decoder as unknown as Owned)[OWNER] = this;
      decoder.on("error", NodeResponse.#onDecodeError);
      source = source.pipe(decoder) as unknown as Owned;
    }
    source.on("data", NodeResponse.#onData);
    source.on("end", NodeResponse.#onEnd);
    message.on("error", NodeResponse.#onClose);
    message.on("close", NodeResponse.#onClose);
  }

  static #onData(this: Owned, chunk: Buffer): void {
    const response = this[OWNER];
    if (response.#settled) return;
    const room = response.#maxBytes - response.#size;
    // Only a byte past the cap truncates: a body of exactly maxBytes is whole.
    if (chunk.length > room) {
      if (room > 0) response.#chunks.push(chunk.subarray(0, room));
      response.#size += room;
      response[BODY_STATE] = "truncated";
      response.#settle(undefined);
      response.#stopReading(); // the rest is never read: this connection cannot be reused
      return;
    }
    response.#chunks.push(chunk);
    response.#size += chunk.length;
  }

  static #onEnd(this: Owned): void {
    this[OWNER].#settle(undefined);
  }

  /**
   * A body that is not what its Content-Encoding says (fetch's read fails): the status stands, as
   * for a body cut short, and the text is what was decoded before (see isUndecodable).
   */
  static #onDecodeError(this: Owned): void {
    const response = this[OWNER];
    if (response.#settled) return;
    response[BODY_STATE] ??= "undecodable"; // a body cut short first stays cut short
    response.#settle(undefined);
    response.#stopReading();
  }

  static #onClose(this: IncomingMessage): void {
    const response = (this as unknown as Owned)[OWNER];
    if (response.#settled || response[BODY_STATE] === "cut-short" || this.complete) return;
    // The connection went away mid-body: the status stands and the body is what arrived (see
    // isCutShort). A decoder first gives out what it holds; its "end" settles then.
    response[BODY_STATE] = "cut-short";
    if (response.#decoders.length) response.#decoders[0]!.end();
    else response.#settle(undefined);
  }

  /** @internal Stops reading: the caller aborted (`reason`) after the headers came. */
  abort(reason: unknown): void {
    this.#settle({ error: reason });
    this.#stopReading();
  }

  #stopReading(): void {
    this.#message.destroy();
    for (const decoder of this.#decoders) decoder.destroy();
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (NULL_BODY.has(this.status)) return null;
    this.#stream ??= new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        const bytes = await this.#consume();
        if (bytes.length) controller.enqueue(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
        controller.close();
      },
    });
    return this.#stream;
  }

  text(): Promise<string> {
    // Usually the body has ended by the time it is asked for: no second promise then.
    if (this.#settled && !this.#used && !this.#failure) {
      this.#used = true;
      return Promise.resolve(this.#read(this.#take()));
    }
    return this.#consume().then((bytes) => this.#read(bytes));
  }

  #read(bytes: Buffer): string {
    return (this[BODY_TEXT] = decode(bytes));
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await this.arrayBuffer());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.#consume();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
  }

  async blob(): Promise<Blob> {
    return new Blob([await this.bytes()], { type: this.headers.get("content-type") ?? "" });
  }

  /** The whole (capped) body, once; a second read is a TypeError, as with fetch. */
  #consume(): Promise<Buffer> {
    if (this.#used) return Promise.reject(new TypeError("Body is unusable: the body has already been read"));
    this.#used = true;
    if (!this.#settled) return new Promise((resolve, reject) => (this.#waiter = { resolve, reject }));
    return this.#failure ? Promise.reject(this.#failure.error) : Promise.resolve(this.#take());
  }

  #settle(failure: { error: unknown } | undefined): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#failure = failure;
    this.#onSettled();
    const waiter = this.#waiter;
    if (!waiter) return;
    this.#waiter = undefined;
    if (failure) waiter.reject(failure.error);
    else waiter.resolve(this.#take());
  }

  #take(): Buffer {
    const chunks = this.#chunks;
    this.#chunks = [];
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.#size);
  }
}

/** UTF-8, as fetch's `text()` decodes it: invalid bytes become U+FFFD and a leading BOM is dropped. */
function decode(bytes: Buffer): string {
  const text = bytes.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
