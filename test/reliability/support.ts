// Shared set-up for the reliability tests: the fake server with a client pointed at it, loopback
// servers that misbehave in ways the fake cannot, and a logger that keeps every event.
import { afterEach } from "vitest";
import * as web from "../../src/index.js";
import type { AttemptEvent, ClientOptions, ConversationsClient } from "../../src/index.js";
import * as node from "../../src/node.js";
import {
  startFakeConversations,
  type FakeConversations,
  type FakeConversationsOptions,
} from "../../src/testing/index.js";
import {
  startRecordingServer,
  type Recorded,
  type RecordingServer,
  type Respond,
} from "../helpers/recording-server.js";

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

/** A request as a loopback server read it. */
export type RawRequest = Recorded;
export type RawServer = RecordingServer;

/**
 * The recording loopback server (test/helpers) whose every answer is written by `respond` (which may
 * never answer). Closed, with every connection destroyed, after the test.
 */
export async function rawServer(respond: Respond): Promise<RawServer> {
  const server = await startRecordingServer(respond);
  onCleanup(() => server.close());
  return server;
}

/** Valid SIDs for clients pointed at a raw server (which checks nothing). */
export { SIDS } from "../helpers/sids.js";
