// Connections, for both transports (global fetch and node:http): a failure before any byte was sent
// (refused) is resent with backoff, and counted; one after the request was written (a reset) is
// ambiguous, so it is final after one attempt. Then the Node transport's own connections: failures
// keep the codes the retry policy reads (never sent vs maybe sent), keep-alive sockets are reused and
// given up when they must be, and https is TLS.
import { Agent as HttpsAgent } from "node:https";
import { Agent as HttpAgent } from "node:http";
import { createServer as createNetServer, type Socket } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { TwilioConnectionError } from "../../src/index.js";
import { createConversationsClient } from "../../src/node.js";
import { failedBeforeSending } from "../../src/internal/reached-server.js";
import { createNodeTransport, keepAliveAgents } from "../../src/internal/transport/node-http.js";
import { NodeRequest } from "../../src/internal/transport/node-request.js";
import { faults, startFakeConversations } from "../../src/testing/index.js";
import { onCleanup, recorder, rejection, setup, TRANSPORTS } from "../reliability/support.js";
import { json, loopback, PARTICIPANT, refusedPort, selfSignedCertificate, SIDS } from "./support.js";

const path = { ChatServiceSid: SIDS.service, ConversationSid: SIDS.conversation };

describe.each(TRANSPORTS)("%s", (_transport, create) => {
  describe("refused connections are resent", () => {
    it("a refused port → TwilioConnectionError after 1 + maxRetries attempts, requestSent false", async () => {
      const log = recorder();
      const client = create({
        accountSid: SIDS.account,
        authToken: "t",
        baseUrl: `http://127.0.0.1:${await refusedPort()}`,
        logger: log.logger,
      });
      const error = await rejection(client.createServiceConversationParticipant({ path }));

      expect(error).toBeInstanceOf(TwilioConnectionError);
      expect(error.attempts).toBe(3);
      expect(error.requestSent).toBe(false);
      expect(error.errno).toBe("ECONNREFUSED");
      expect(error.message).toContain("after 3 attempts");
      expect(log.events.map((e) => [e.attempt, e.outcome])).toEqual([
        [1, "connection-error"],
        [2, "connection-error"],
        [3, "connection-error"],
      ]);
      expect(log.events.map((e) => e.retryInMs === undefined)).toEqual([false, false, true]);
    });

    it("maxRetries per call bounds it: 0 → one attempt", async () => {
      const client = create({
        accountSid: SIDS.account,
        authToken: "t",
        baseUrl: `http://127.0.0.1:${await refusedPort()}`,
      });
      const error = await rejection(client.createServiceConversationParticipant({ path, maxRetries: 0 }));
      expect(error).toBeInstanceOf(TwilioConnectionError);
      expect([error.attempts, error.requestSent]).toEqual([1, false]);
    });

    it("succeeds when the server comes up during the backoff, creating exactly one participant", async () => {
      const port = await refusedPort();
      let fake: Awaited<ReturnType<typeof startFakeConversations>> | undefined;
      // Start the server when attempt 1 is refused; the resend follows a backoff of at least 250 ms,
      // far longer than a loopback listen takes.
      const log = recorder((event) => {
        if (event.attempt !== 1) return;
        void startFakeConversations({ port, accountSid: SIDS.account, authToken: "t" }).then((f) => {
          f.addConversation(f.addService(SIDS.service), { sid: SIDS.conversation });
          fake = f;
          onCleanup(() => f.close());
        });
      });
      const client = create({
        accountSid: SIDS.account,
        authToken: "t",
        baseUrl: `http://127.0.0.1:${port}`,
        logger: log.logger,
      });
      const participant = await client.createServiceConversationParticipant({ path, body: { Identity: "late" } });
      expect(participant.identity).toBe("late");
      expect(log.events.map((e) => [e.attempt, e.outcome])).toEqual([
        [1, "connection-error"],
        [2, "ok"],
      ]);
      expect(fake!.requests).toHaveLength(1);
      expect(fake!.participants).toHaveLength(1);
    });
  });

  describe("a reset after the request was written is never resent", () => {
    it("reset after the request was read → one attempt, requestSent true", async () => {
      const { fake, clientWith, path: fakePath } = await setup(create);
      fake.inject(faults.reset());
      const error = await rejection(
        clientWith({ maxRetries: 5 }).createServiceConversationParticipant({ path: fakePath, body: { Identity: "r" } }),
      );
      expect(error).toBeInstanceOf(TwilioConnectionError);
      expect(error.attempts).toBe(1);
      expect(error.requestSent).toBe(true);
      expect(error.message).toContain("after 1 attempt");
      expect(error.message).toContain("not resent");
      expect(fake.requests).toHaveLength(1);
      expect(fake.participants).toHaveLength(0);
    });

    it("reset after Twilio created the participant → still one attempt, and exactly one participant", async () => {
      const { fake, clientWith, path: fakePath } = await setup(create);
      fake.inject(faults.reset(true));
      const error = await rejection(
        clientWith({ maxRetries: 5 }).createServiceConversationParticipant({ path: fakePath, body: { Identity: "r" } }),
      );
      expect(error).toBeInstanceOf(TwilioConnectionError);
      expect([error.attempts, error.requestSent]).toEqual([1, true]);
      expect(fake.requests).toHaveLength(1);
      expect(fake.participants.map((p) => p.identity)).toEqual(["r"]);
    });

    it("a connection dropped once the request bytes arrived is not resent", async () => {
      let connections = 0;
      const sockets = new Set<Socket>();
      const server = createNetServer((socket) => {
        connections++;
        sockets.add(socket);
        socket.once("data", () => socket.destroy()); // the request reached us; no answer
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      onCleanup(
        () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            for (const s of sockets) s.destroy();
          }),
      );
      const port = (server.address() as { port: number }).port;
      const client = create({
        accountSid: SIDS.account,
        authToken: "t",
        baseUrl: `http://127.0.0.1:${port}`,
        maxRetries: 5,
      });
      const error = await rejection(client.createServiceConversationParticipant({ path }));
      expect(error).toBeInstanceOf(TwilioConnectionError);
      expect([error.attempts, error.requestSent]).toEqual([1, true]);
      expect(connections).toBe(1);
    });
  });
});

const post = (url: string) => new NodeRequest(url, { method: "POST", body: "Identity=a" }) as unknown as Request;
const input = {
  path: { ChatServiceSid: SIDS.service, ConversationSid: SIDS.conversation },
  body: { Identity: "alice" },
};
const clientFor = (baseUrl: string, extra = {}) =>
  createConversationsClient({ accountSid: SIDS.account, authToken: "t", baseUrl, ...extra });

describe("node:http: failures the retry policy can classify", () => {
  it("a refused connection was never sent: ECONNREFUSED, resent by the client", async () => {
    const url = `http://127.0.0.1:${await refusedPort()}`;
    const error = await createNodeTransport({ maxResponseBytes: 1 << 20 })
      .fetch(post(`${url}/x`))
      .catch((e) => e);
    expect(error.code).toBe("ECONNREFUSED");
    expect(failedBeforeSending(error)).toBe(true);
    const viaClient = await clientFor(url, { maxRetries: 1 })
      .createServiceConversationParticipant(input)
      .catch((e) => e);
    expect(viaClient).toBeInstanceOf(TwilioConnectionError);
    expect([viaClient.requestSent, viaClient.errno, viaClient.attempts]).toEqual([false, "ECONNREFUSED", 2]);
  });

  it("a reset after the request was written may have been acted on: ECONNRESET, never resent", async () => {
    const server = await loopback((_req, _res, socket) => socket.destroy());
    const error = await createNodeTransport({ maxResponseBytes: 1 << 20 })
      .fetch(post(`${server.baseUrl}/x`))
      .catch((e) => e);
    expect(error.code).toBe("ECONNRESET");
    expect(failedBeforeSending(error)).toBe(false);
    const viaClient = await clientFor(server.baseUrl, { maxRetries: 3 })
      .createServiceConversationParticipant(input)
      .catch((e) => e);
    expect(viaClient).toBeInstanceOf(TwilioConnectionError);
    expect([viaClient.requestSent, viaClient.errno, viaClient.attempts]).toEqual([true, "ECONNRESET", 1]);
    expect(server.requests).toHaveLength(2); // one from the transport alone, one from the client
  });
});

describe("keep-alive", () => {
  it("sequential calls reuse one connection, also across clients (one pool per process, as fetch has)", async () => {
    const server = await loopback(json(201, PARTICIPANT));
    for (let i = 0; i < 10; i++) await clientFor(server.baseUrl).createServiceConversationParticipant(input);
    const client = clientFor(server.baseUrl);
    for (let i = 0; i < 10; i++) await client.createServiceConversationParticipant(input);
    expect(server.requests).toHaveLength(20);
    expect(server.connections).toBe(1);
  });

  it("concurrent calls open one connection each, and the next wave reuses them", async () => {
    const server = await loopback(json(201, PARTICIPANT));
    const client = clientFor(server.baseUrl);
    const wave = () => Promise.all(Array.from({ length: 8 }, () => client.createServiceConversationParticipant(input)));
    await wave();
    const opened = server.connections;
    expect(opened).toBeGreaterThan(0);
    expect(opened).toBeLessThanOrEqual(8);
    await wave();
    await wave();
    expect(server.connections).toBe(opened);
    expect(server.requests).toHaveLength(24);
  });

  it("a server that says its connections are about to close (Keep-Alive: timeout=1) gets a new one per request", async () => {
    const server = await loopback((_req, res) => {
      res.writeHead(201, { "Content-Type": "application/json", "Keep-Alive": "timeout=1" });
      res.end(JSON.stringify(PARTICIPANT));
    });
    const client = clientFor(server.baseUrl);
    for (let i = 0; i < 3; i++) await client.createServiceConversationParticipant(input);
    expect(server.connections).toBe(3);
  });
});

describe("idle sockets (the agents' timeout)", () => {
  it("a pooled socket closes after idleMs without traffic; one in use stays open however long the answer takes", async () => {
    const idleMs = 150;
    const server = await loopback((req, res) => {
      // The second request is answered after four idle periods: its socket must not be closed meanwhile.
      setTimeout(() => json(201, PARTICIPANT)(req, res, res.socket!), req.url === "/slow" ? idleMs * 4 : 0);
    });
    const agents = keepAliveAgents(idleMs);
    const transport = createNodeTransport({ maxResponseBytes: 1 << 20 }, agents);
    expect(await (await transport.fetch(post(`${server.baseUrl}/x`))).json()).toEqual(PARTICIPANT);
    const slow = await transport.fetch(post(`${server.baseUrl}/slow`));
    expect(await slow.json()).toEqual(PARTICIPANT);
    expect(server.connections).toBe(1); // the slow call reused the first socket and kept it
    await server.allClosed(); // then, idle in the pool, it is closed by the client
    expect(server.requests.map((r) => r.url)).toEqual(["/x", "/slow"]);
    agents.http.destroy();
  });
});

describe("a server's Keep-Alive: timeout= hint (idle sockets retired before it)", () => {
  it("timeout=2 closes the pooled socket a little before the server would (N − 1 s), however long the agent's idleMs", async () => {
    // The server keeps connections for 60 s and says 2: only the hint can make the client close it.
    const server = await loopback((_req, res) => {
      res.writeHead(201, { "Content-Type": "application/json", "Keep-Alive": "timeout=2" });
      res.end(JSON.stringify(PARTICIPANT));
    });
    const agents = keepAliveAgents(60_000);
    const transport = createNodeTransport({ maxResponseBytes: 1 << 20 }, agents);
    await (await transport.fetch(post(`${server.baseUrl}/x`))).json();
    await server.allClosed(); // closed by the client, 1 s after the answer (else not for 60 s)
    expect(server.connections).toBe(1);
    agents.http.destroy();
  });
});

describe("https (node:https)", () => {
  let tls: { key: string; cert: string };
  beforeAll(() => {
    tls = selfSignedCertificate();
  });

  it("speaks TLS to an https origin, reusing the connection", async () => {
    const server = await loopback(json(201, PARTICIPANT), tls);
    const agents = {
      http: new HttpAgent({ keepAlive: true }),
      https: new HttpsAgent({ keepAlive: true, ca: tls.cert }),
    };
    const transport = createNodeTransport({ maxResponseBytes: 1 << 20 }, agents);
    for (let i = 0; i < 3; i++) {
      const response = await transport.fetch(post(`${server.baseUrl}/x`));
      expect(await response.json()).toEqual(PARTICIPANT);
    }
    expect(server.connections).toBe(1);
    agents.https.destroy();
  });

  it("verifies the server's certificate: an untrusted one fails before any request is sent", async () => {
    const server = await loopback(json(201, PARTICIPANT), tls);
    const error = await clientFor(server.baseUrl, { maxRetries: 0 })
      .createServiceConversationParticipant(input)
      .catch((e) => e);
    expect(error).toBeInstanceOf(TwilioConnectionError);
    expect(error.errno).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
    expect(server.requests).toHaveLength(0);
  });
});
