// Issue 11, "a failure before any byte was sent is called ambiguous": TLS to a plain port, a
// certificate that does not verify, a connect that never completes, a DNS failure. Each is "not
// sent" for both transports (the Node entry's node:http one and global fetch), so the client resends
// it (attempts = maxRetries + 1) and reports `requestSent: false`; the target server never saw a request.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createConversationsClient as createWebClient,
  TwilioConnectionError,
  TwilioTimeoutError,
} from "../../src/index.js";
import { createConversationsClient as createNodeClient } from "../../src/node.js";
import { failedBeforeSending } from "../../src/internal/reached-server.js";
import { createNodeTransport } from "../../src/internal/transport/node-http.js";
import { NodeRequest } from "../../src/internal/transport/node-request.js";
import { startNxdomainDns } from "../helpers/nxdomain-dns.js";
import { startStalledTls, type StalledTls } from "../helpers/stalled-tls.js";
import { json, loopback, PARTICIPANT, refusedPort, selfSignedCertificate, SIDS } from "./support.js";
import { Agent as HttpAgent } from "node:http";

const create = {
  path: { ChatServiceSid: SIDS.service, ConversationSid: SIDS.conversation },
  body: { Identity: "alice" },
};
const TRANSPORTS = [
  ["node:http", createNodeClient],
  ["global fetch", createWebClient],
] as const;
const clientOf = (make: typeof createNodeClient, baseUrl: string, extra = {}) =>
  make({ accountSid: SIDS.account, authToken: "t", baseUrl, maxRetries: 1, ...extra });

const stalled: StalledTls[] = [];
afterEach(async () => {
  while (stalled.length) await stalled.pop()!.close();
});

/** The outcome every case here must have: not sent, resent once, and what the error says. */
function expectNotSent(error: unknown, errno: string | RegExp): void {
  expect(error).toBeInstanceOf(TwilioConnectionError);
  const e = error as TwilioConnectionError;
  expect([e.requestSent, e.attempts]).toEqual([false, 2]);
  expect(e.errno).toMatch(errno);
}

describe.each(TRANSPORTS)("not sent, through %s", (_name, make) => {
  let tls: { key: string; cert: string };
  beforeAll(() => {
    tls = selfSignedCertificate();
  });

  it("TLS spoken to a plain-HTTP port", async () => {
    const plain = await loopback(json(201, PARTICIPANT));
    const error = await clientOf(make, `https://127.0.0.1:${plain.port}`)
      .createServiceConversationParticipant(create)
      .catch((e) => e);
    expectNotSent(error, /^(EPROTO|ERR_SSL_WRONG_VERSION_NUMBER|ECONNRESET)$/);
    expect(plain.requests).toHaveLength(0);
  });

  it("a certificate that does not verify (self-signed, as behind TLS interception)", async () => {
    const server = await loopback(json(201, PARTICIPANT), tls);
    const error = await clientOf(make, server.baseUrl)
      .createServiceConversationParticipant(create)
      .catch((e) => e);
    expectNotSent(error, "DEPTH_ZERO_SELF_SIGNED_CERT");
    expect(server.connections).toBe(0); // never a TLS session, so never a request
    expect(server.requests).toHaveLength(0);
  });
});

describe("a connect that never completes (TLS handshake left hanging)", () => {
  it("node:http: the connect phase's own deadline (connectTimeoutMs) fails it as not sent, inside timeoutMs", async () => {
    const server = await startStalledTls();
    stalled.push(server);
    const client = clientOf(createNodeClient, server.baseUrl, { connectTimeoutMs: 100, timeoutMs: 60_000 });
    const error = await client.createServiceConversationParticipant(create).catch((e) => e);
    expectNotSent(error, "UND_ERR_CONNECT_TIMEOUT");
    expect(server.connections).toBe(2);
    // Only ClientHellos came in (TLS handshake records, 0x16), never a byte of a request.
    expect(server.received.every((chunk) => chunk[0] === 0x16)).toBe(true);
  });

  it("node:http: timeoutMs passing while still connecting is a timeout before sending, and resent", async () => {
    const server = await startStalledTls();
    stalled.push(server);
    const client = clientOf(createNodeClient, server.baseUrl, { connectTimeoutMs: 0, timeoutMs: 150 });
    const error = await client.createServiceConversationParticipant(create).catch((e) => e);
    expect(error).toBeInstanceOf(TwilioTimeoutError);
    expect([error.requestSent, error.attempts]).toEqual([false, 2]);
    expect(error.message).toMatch(/timed out after 150 ms before the request was sent/);
    expect(server.connections).toBe(2);
    expect(server.received.every((chunk) => chunk[0] === 0x16)).toBe(true);
  });

  it("global fetch: undici's own connect timeout (10 s) is not sent too", async () => {
    const server = await startStalledTls();
    stalled.push(server);
    const client = clientOf(createWebClient, server.baseUrl, { maxRetries: 0, timeoutMs: 60_000 });
    const error = await client.createServiceConversationParticipant(create).catch((e) => e);
    expect(error).toBeInstanceOf(TwilioConnectionError);
    expect([error.requestSent, error.attempts, error.errno]).toEqual([false, 1, "UND_ERR_CONNECT_TIMEOUT"]);
  }, 30_000);

  it("node:http: the call's signal aborting while connecting rejects with requestSent: false and the reason as cause", async () => {
    const server = await startStalledTls();
    stalled.push(server);
    const controller = new AbortController();
    const transport = createNodeTransport({ maxResponseBytes: 1 << 20 });
    const pending = transport.fetch(
      new NodeRequest(`${server.baseUrl}/x`, {
        method: "POST",
        body: "a",
        signal: controller.signal,
      }) as unknown as Request,
    );
    while (server.connections === 0) await new Promise((resolve) => setImmediate(resolve));
    const reason = new Error("caller gave up");
    controller.abort(reason);
    const error = await pending.catch((e) => e);
    expect(error).toMatchObject({ requestSent: false, name: "AbortError" });
    expect(error.cause).toBe(reason);
    expect(failedBeforeSending(error)).toBe(true);
    expect(reason).not.toHaveProperty("requestSent"); // the caller's own reason is left as it was
  });
});

describe("DNS failure (a loopback DNS server answering NXDOMAIN)", () => {
  it.each(TRANSPORTS)("through %s: ENOTFOUND, not sent, resent", async (name, make) => {
    const dns = await startNxdomainDns();
    // `localhost`: were the lookup below ignored, the name still resolves to loopback, never off the machine.
    const baseUrl = `http://localhost:${await refusedPort()}`;
    try {
      const extra =
        name === "node:http"
          ? { agent: new HttpAgent({ lookup: dns.lookup }) }
          : { fetch: await fetchWithLookup(dns.lookup) };
      const error = await clientOf(make, baseUrl, extra)
        .createServiceConversationParticipant(create)
        .catch((e) => e);
      expectNotSent(error, "ENOTFOUND");
      expect(dns.queries).toBeGreaterThanOrEqual(2);
    } finally {
      await dns.close();
    }
  });
});

/**
 * Global fetch with its connections' DNS lookup replaced: a dispatcher of the class of Node's own
 * global one (the undici inside Node), so the fetch under test is still Node's.
 */
async function fetchWithLookup(lookup: unknown): Promise<(request: Request) => Promise<Response>> {
  const key = Symbol.for("undici.globalDispatcher.1");
  if (!(globalThis as Record<symbol, unknown>)[key]) {
    const warm = await loopback(json(200, {}));
    await (await fetch(`${warm.baseUrl}/`)).text();
  }
  const Agent = ((globalThis as Record<symbol, unknown>)[key] as object).constructor as new (options: object) => object;
  const dispatcher = new Agent({ connect: { lookup } });
  return (request) => fetch(request, { dispatcher } as RequestInit);
}
