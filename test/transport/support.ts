// Shared set-up for the Node transport's tests: loopback servers that record what arrived and count
// connections, answers written by the test, and a self-signed certificate for TLS.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { SIDS } from "../helpers/recording-server.js";

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A request as the server parsed it (header names lower-case). */
export interface Arrived {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

export interface Loopback {
  baseUrl: string;
  port: number;
  requests: Arrived[];
  /** TCP connections accepted so far. */
  connections: number;
  /** Resolves when `n` requests (1-based) have been read in full. */
  received(n: number): Promise<void>;
  /** Resolves when every accepted connection has closed. */
  allClosed(): Promise<void>;
}

export type Respond = (req: Arrived, res: ServerResponse, socket: Socket) => void;

/** Answers every request with a fixed JSON body. */
export const json =
  (status: number, body: unknown): Respond =>
  (_req, res) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
    res.end(text);
  };

/** A loopback server (closed after the test, with every connection destroyed). */
export async function loopback(respond: Respond, tls?: { key: string; cert: string }): Promise<Loopback> {
  const requests: Arrived[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const sockets = new Set<Socket>();
  const closeWaiters: (() => void)[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const arrived = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(arrived);
      for (const w of waiters.filter((w) => w.n <= requests.length)) w.resolve();
      respond(arrived, res, req.socket);
    });
  };
  const server: Server = tls
    ? createHttpsServer(tls, handler)
    : createHttpServer({ keepAliveTimeout: 60_000 }, handler);
  let connections = 0;
  server.on(tls ? "secureConnection" : "connection", (s: Socket) => {
    connections++;
    sockets.add(s);
    s.on("close", () => {
      sockets.delete(s);
      if (sockets.size === 0) closeWaiters.splice(0).forEach((w) => w());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  );
  return {
    baseUrl: `${tls ? "https" : "http"}://127.0.0.1:${port}`,
    port,
    requests,
    get connections() {
      return connections;
    },
    received: (n) =>
      requests.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve })),
    allClosed: () => (sockets.size === 0 ? Promise.resolve() : new Promise((resolve) => closeWaiters.push(resolve))),
  };
}

export { refusedPort } from "../helpers/refused-port.js";

/** A throwaway self-signed certificate for 127.0.0.1 and localhost (openssl, once per file). */
export function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), "tcp-tls-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1,DNS:localhost",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    return { key: readFileSync(join(dir, "key.pem"), "utf8"), cert: readFileSync(join(dir, "cert.pem"), "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Valid SIDs for requests to servers that check nothing (shared with the client tests). */
export { SIDS };

/** A 201 body with a participant SID, all the client needs to return it. */
export const PARTICIPANT = { sid: SIDS.participant, identity: "alice", account_sid: SIDS.account };
