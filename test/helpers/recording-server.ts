// The one loopback recording server: a real HTTP (or HTTPS) server on 127.0.0.1 that records every
// request as it arrived, counts connections, and answers with what the test says (which may be no
// answer, a reset, or a slow one). Observe the wire, mock nothing.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { participantBody } from "./sids.js";

export { participantBody, SIDS } from "./sids.js";

/** A request as the server read it in full (header names lower-case). */
export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  rawHeaders: string[];
  /** The body as UTF-8 text. */
  body: string;
  /** The body byte for byte. */
  bytes: Buffer;
}

/** Writes the answer to one request; the socket is there for tests that cut the connection. */
export type Respond = (req: Recorded, res: ServerResponse, socket: Socket) => void;

export interface RecordingServer {
  /** `http://127.0.0.1:<port>` (or https). */
  baseUrl: string;
  port: number;
  requests: Recorded[];
  /** TCP (or TLS) connections accepted so far. */
  readonly connections: number;
  /** Answers the next requests with `respond`. */
  handle(respond: Respond): void;
  /** Resolves when `n` requests (1-based) have been read in full. */
  received(n: number): Promise<void>;
  /** Resolves when every accepted connection has closed. */
  allClosed(): Promise<void>;
  /** Closes the server, destroying every connection. */
  close(): Promise<void>;
}

export interface RecordingServerOptions {
  /** Serve HTTPS with this key and certificate. */
  tls?: { key: string; cert: string };
}

/** Answers every request with a fixed JSON body. */
export const json =
  (status: number, body: unknown): Respond =>
  (_req, res) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
    res.end(text);
  };

/** Twilio's 201 with a participant and a request id. */
export const created: Respond = (_req, res) => {
  res.writeHead(201, { "Content-Type": "application/json", "Twilio-Request-Id": "RQ0123456789abcdef0123456789abcdef" });
  res.end(JSON.stringify(participantBody));
};

export async function startRecordingServer(
  respond: Respond = created,
  options: RecordingServerOptions = {},
): Promise<RecordingServer> {
  const requests: Recorded[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const closeWaiters: (() => void)[] = [];
  const sockets = new Set<Socket>();
  let current = respond;
  let connections = 0;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const bytes = Buffer.concat(chunks);
      const recorded = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body: bytes.toString("utf8"),
        bytes,
      };
      requests.push(recorded);
      for (const w of waiters.filter((w) => w.n <= requests.length)) w.resolve();
      current(recorded, res, req.socket);
    });
  };
  // A long keep-alive: only the tests that are about closing idle connections close them.
  const server: Server = options.tls
    ? createHttpsServer(options.tls, handler)
    : createHttpServer({ keepAliveTimeout: 60_000 }, handler);
  server.on(options.tls ? "secureConnection" : "connection", (s: Socket) => {
    connections++;
    sockets.add(s);
    s.on("close", () => {
      sockets.delete(s);
      if (sockets.size === 0) closeWaiters.splice(0).forEach((w) => w());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `${options.tls ? "https" : "http"}://127.0.0.1:${port}`,
    port,
    requests,
    get connections() {
      return connections;
    },
    handle: (r) => void (current = r),
    received: (n) =>
      requests.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve })),
    allClosed: () => (sockets.size === 0 ? Promise.resolve() : new Promise((resolve) => closeWaiters.push(resolve))),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

/** Parses a form body strictly (no `+` as space: the client encodes spaces as %20). */
export function formFields(body: string): [string, string][] {
  return body === ""
    ? []
    : body.split("&").map((pair) => {
        const [k, v = ""] = pair.split("=");
        return [decodeURIComponent(k!), decodeURIComponent(v)];
      });
}
