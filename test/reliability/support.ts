// Shared set-up for the reliability tests: the fake server with a client pointed at it, loopback
// servers that misbehave in ways the fake cannot, and a logger that keeps every event.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach } from "vitest";
import * as web from "../../src/index.js";
import type { AttemptEvent, ClientOptions, ConversationsClient } from "../../src/index.js";
import * as node from "../../src/node.js";
import {
  startFakeConversations,
  type FakeConversations,
  type FakeConversationsOptions,
} from "../../src/testing/index.js";

/** Creates a client: one per transport, so every promise is proved for both. */
export type Create = (options?: ClientOptions) => ConversationsClient;

/** The web entry (global fetch, every runtime) and the Node entry (its node:http transport). */
export const TRANSPORTS: [string, Create][] = [
  ["global fetch", web.createConversationsClient],
  ["node:http", node.createConversationsClient],
];

const cleanups: (() => Promise<void> | void)[] = [];

/** Runs after the current test, whatever its outcome. */
export function onCleanup(fn: () => Promise<void> | void): void {
  cleanups.push(fn);
}

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** Every logger call: the printed line and the structured event. */
export interface Recorder {
  logger: { debug(message: string, event: AttemptEvent): void };
  lines: string[];
  events: AttemptEvent[];
}

export function recorder(onEvent?: (event: AttemptEvent) => void): Recorder {
  const lines: string[] = [];
  const events: AttemptEvent[] = [];
  return {
    lines,
    events,
    logger: {
      debug(message, event) {
        lines.push(message);
        events.push(event);
        onEvent?.(event);
      },
    },
  };
}

export interface Setup {
  fake: FakeConversations;
  client: ConversationsClient;
  log: Recorder;
  /** A client with other options, still pointed at the fake with its credentials. */
  clientWith(options: ClientOptions): ConversationsClient;
  /** The path of the fake's conversation. */
  path: { ChatServiceSid: string; ConversationSid: string };
}

/** A fake server (closed after the test) and a client for it (made by `create`) that logs into `log`. */
export async function setup(
  create: Create,
  options: ClientOptions = {},
  fakeOptions: FakeConversationsOptions = {},
): Promise<Setup> {
  const fake = await startFakeConversations(fakeOptions);
  onCleanup(async () => {
    await fake.idle();
    await fake.close();
  });
  const log = recorder();
  const clientWith = (extra: ClientOptions) =>
    create({
      accountSid: fake.accountSid,
      authToken: fake.authToken,
      baseUrl: fake.baseUrl,
      logger: log.logger,
      ...extra,
    });
  return {
    fake,
    log,
    clientWith,
    client: clientWith(options),
    path: { ChatServiceSid: fake.serviceSid, ConversationSid: fake.conversationSid },
  };
}

/** Settles a promise into its value or its rejection, so a test can assert on either. */
export async function outcome<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: any }> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Rejects unless the promise rejects; returns the rejection. */
export async function rejection(promise: Promise<unknown>): Promise<any> {
  const result = await outcome(promise);
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.value)}`);
  return result.error;
}

export { refusedPort } from "../helpers/refused-port.js";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A request as a raw loopback server saw it. */
export interface RawRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface RawServer {
  baseUrl: string;
  port: number;
  requests: RawRequest[];
  /** Resolves when the n-th request (1-based) has been read in full. */
  received(n: number): Promise<void>;
}

/**
 * A loopback HTTP server whose every answer is written by `respond` (which may never answer).
 * Closed, with every connection destroyed, after the test.
 */
export async function rawServer(respond: (req: RawRequest, res: ServerResponse) => void): Promise<RawServer> {
  const requests: RawRequest[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const recorded = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(recorded);
      for (const w of waiters.filter((w) => w.n <= requests.length)) w.resolve();
      respond(recorded, res);
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  onCleanup(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  );
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    requests,
    received: (n) =>
      requests.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve })),
  };
}

/** Valid SIDs for clients pointed at a raw server (which checks nothing). */
export const SIDS = {
  account: "AC0123456789abcdef0123456789abcdef",
  service: "IS0123456789abcdef0123456789abcdef",
  conversation: "CH0123456789abcdef0123456789abcdef",
  role: "RL0123456789abcdef0123456789abcdef",
};
