// Stale pooled sockets (issue 11) under issue 21's rule: "may it have reached the server?" decides
// every resend. A server drops a reused keep-alive socket after reading the request: a GET is resent
// by the transport and answered, a POST is not (one on the wire, rejected `requestSent: true`, and
// addParticipant's lookup finds what it created). A POST handed a socket the server had already
// closed is provably unwritten, so it is resent. Servers that close idle sockets just as calls come
// in (at their idle timeout, or 1–3 ms after every answer) cost no wrong outcome and no duplicate.
import type { Agent as HttpAgent, ServerResponse } from "node:http";
import { createServer as createNetServer, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { TwilioConnectionError } from "../../src/index.js";
import { createConversationsClient } from "../../src/node.js";
import { failedBeforeSending } from "../../src/internal/reached-server.js";
import { createNodeTransport, keepAliveAgents, type Agents } from "../../src/internal/transport/node-http.js";
import { NodeRequest } from "../../src/internal/transport/node-request.js";
import { faults, startFakeConversations, type FakeConversations } from "../../src/testing/index.js";
import { startIdleClosingServer, type IdleClosingServer } from "../helpers/idle-closing-server.js";
import { rejection, setup, TRANSPORTS } from "../reliability/support.js";
import { json, loopback, PARTICIPANT, SIDS } from "./support.js";

const request = (url: string, method: string) =>
  new NodeRequest(url, { method, ...(method === "POST" ? { body: "Identity=a" } : {}) }) as unknown as Request;
const create = {
  path: { ChatServiceSid: SIDS.service, ConversationSid: SIDS.conversation },
  body: { Identity: "alice" },
};

const agentsInUse: Agents[] = [];
let server: IdleClosingServer | undefined;
let fake: FakeConversations | undefined;
afterEach(async () => {
  for (const agents of agentsInUse.splice(0)) agents.http.destroy();
  await server?.close();
  await fake?.close();
  server = fake = undefined;
});

/** A Node transport with its own pool, so a test knows which sockets are in it. */
function transportWithPool() {
  const agents = keepAliveAgents();
  agentsInUse.push(agents);
  return { agents, transport: createNodeTransport({ maxResponseBytes: 1 << 20 }, agents) };
}

/** The first idle socket in `agent`'s pool, once the last answer has freed it. */
async function pooledSocket(agent: HttpAgent): Promise<Socket> {
  for (;;) {
    const socket = Object.values(agent.freeSockets).flat()[0];
    if (socket) return socket as Socket;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** POSTs of `identity` that reached the fake. */
const postsOf = (fake: FakeConversations, identity: string) =>
  fake.requests.filter((r) => r.method === "POST" && r.form?.Identity === identity).length;

describe("a reused socket the server drops after reading the request (the Node transport alone)", () => {
  it("a POST is on the wire once: rejected as maybe sent, never resent", async () => {
    const loop = await loopback((req, res, socket) =>
      req.url === "/drop" ? socket.destroy() : json(201, PARTICIPANT)(req, res, socket),
    );
    const { transport } = transportWithPool();
    expect((await transport.fetch(request(`${loop.baseUrl}/warm`, "POST"))).status).toBe(201);
    const error = await transport.fetch(request(`${loop.baseUrl}/drop`, "POST")).catch((e) => e);
    expect(error.code).toBe("ECONNRESET");
    expect(failedBeforeSending(error)).toBe(false);
    expect(loop.requests.map((r) => r.url)).toEqual(["/warm", "/drop"]);
    expect(loop.connections).toBe(1); // the POST went out on the reused socket
  });

  it.each(["GET", "DELETE"])("a %s is resent on a fresh connection, and answered", async (method) => {
    let dropped = 0;
    const loop = await loopback((req, res, socket) =>
      req.url === "/drop" && dropped++ === 0 ? socket.destroy() : json(200, PARTICIPANT)(req, res, socket),
    );
    const { transport } = transportWithPool();
    expect((await transport.fetch(request(`${loop.baseUrl}/warm`, method))).status).toBe(200);
    const answered = await transport.fetch(request(`${loop.baseUrl}/drop`, method));
    expect([answered.status, await answered.json()]).toEqual([200, PARTICIPANT]);
    expect(loop.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `${method} /warm`,
      `${method} /drop`,
      `${method} /drop`,
    ]);
    expect(loop.connections).toBe(2);
  });

  it("a GET resent after a drop, to a server gone by then: ECONNREFUSED, but requestSent true (the first one arrived)", async () => {
    const arrived: string[] = [];
    const raw = createNetServer((socket) => {
      socket.on("data", (chunk: Buffer) => {
        const path = chunk.toString("latin1").split(" ")[1]!;
        arrived.push(path);
        if (path === "/warm") return void socket.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        raw.close(); // stops listening: the resend is refused
        socket.destroy();
      });
    });
    await new Promise<void>((resolve) => raw.listen(0, "127.0.0.1", resolve));
    const baseUrl = `http://127.0.0.1:${(raw.address() as { port: number }).port}`;
    const { transport } = transportWithPool();
    expect((await transport.fetch(request(`${baseUrl}/warm`, "GET"))).status).toBe(200);
    const error = await transport.fetch(request(`${baseUrl}/drop`, "GET")).catch((e) => e);
    expect(error.code).toBe("ECONNREFUSED");
    expect(error.requestSent).toBe(true);
    expect(failedBeforeSending(error)).toBe(false);
    expect(arrived).toEqual(["/warm", "/drop"]);
  });

  it("a POST handed a socket the server had already closed is provably unwritten: resent, and on the wire once", async () => {
    let serverSide: Socket | undefined;
    const loop = await loopback((req, res, socket) => {
      serverSide = socket;
      json(201, PARTICIPANT)(req, res, socket);
    });
    const { agents, transport } = transportWithPool();
    expect((await transport.fetch(request(`${loop.baseUrl}/first`, "POST"))).status).toBe(201);
    const pooled = await pooledSocket(agents.http);
    // The POST is made as the client learns that the server closed the connection (its FIN read),
    // before the socket is gone from the pool, so the agent hands it that socket.
    const second = new Promise<{ response: Promise<Response>; handedOver: boolean }>((resolve) =>
      pooled.once("end", () => {
        const response = transport.fetch(request(`${loop.baseUrl}/second`, "POST"));
        const handedOver = !Object.values(agents.http.freeSockets).flat().includes(pooled);
        resolve({ response, handedOver });
      }),
    );
    serverSide!.end();
    const { response, handedOver } = await second;
    expect(handedOver).toBe(true);
    expect((await response).status).toBe(201);
    expect(loop.requests.map((r) => r.url)).toEqual(["/first", "/second"]);
    expect(loop.connections).toBe(2);
  });
});

describe.each(TRANSPORTS)("a reused socket dropped after the create was stored, through %s", (_name, make) => {
  it("a plain create: one POST on the wire, rejected requestSent: true, and the participant is there", async () => {
    const { fake, clientWith, path } = await setup(make);
    const client = clientWith({ maxRetries: 3 });
    await client.createServiceConversationParticipant({ path, body: { Identity: "warm" } });
    fake.inject(faults.reset(true)); // stores it, then drops the connection without a byte of answer
    const error = await rejection(client.createServiceConversationParticipant({ path, body: { Identity: "alice" } }));
    expect(error).toBeInstanceOf(TwilioConnectionError);
    expect([error.requestSent, error.attempts]).toEqual([true, 1]);
    expect(postsOf(fake, "alice")).toBe(1);
    expect(fake.participants.map((p) => p.identity)).toEqual(["warm", "alice"]);
  });

  it("addParticipant: one participant after exactly one POST; its lookup finds it", async () => {
    const { fake, client, path } = await setup(make);
    await client.addParticipant({ path, body: { Identity: "warm" } });
    fake.inject(faults.reset(true));
    const added = await client.addParticipant({ path, body: { Identity: "alice" } }, { settleMs: 0 });
    expect(added.outcome).toBe("existing");
    expect(added.participant.identity).toBe("alice");
    expect(postsOf(fake, "alice")).toBe(1);
    expect(fake.requests.map((r) => r.method)).toEqual(["POST", "POST", "GET"]);
    expect(fake.participants.map((p) => p.identity)).toEqual(["warm", "alice"]);
  });
});

describe("a reused socket dropped after reading a GET, through node:http", () => {
  it("the transport resends it (maxRetries 0) and it is answered", async () => {
    const { fake, clientWith, path } = await setup(createConversationsClient);
    const client = clientWith({ maxRetries: 0 });
    await client.createServiceConversationParticipant({ path, body: { Identity: "alice" } });
    fake.inject(faults.on("fetch", faults.reset()));
    const found = await client.fetchServiceConversationParticipant({ path: { ...path, Sid: "alice" } });
    expect(found.identity).toBe("alice");
    expect(fake.requests.map((r) => r.method)).toEqual(["POST", "GET", "GET"]);
  });
});

describe("servers closing idle sockets as calls come in (the Node transport)", () => {
  const IDLE_MS = 40;
  const CALLS = 40;
  const spaced = async (call: () => Promise<unknown>) => {
    const failures: unknown[] = [];
    for (let i = 0; i < CALLS; i++) {
      await call().catch((e) => failures.push(e));
      await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    }
    return failures;
  };
  const answerWith = (status: number) => (res: ServerResponse) => {
    res.writeHead(status, { "Content-Type": "application/json" });
    res.end(JSON.stringify(PARTICIPANT));
  };
  // maxRetries 0: the client's own retry policy must not be what hides a failure.
  const clientFor = (baseUrl: string) =>
    createConversationsClient({ accountSid: SIDS.account, authToken: "t", baseUrl, maxRetries: 0 });

  it(`${CALLS} GETs spaced at the server's idle timeout: none fails`, async () => {
    server = await startIdleClosingServer(IDLE_MS, answerWith(200));
    const client = clientFor(server.baseUrl);
    const path = { ...create.path, Sid: "alice" };
    expect(await spaced(() => client.fetchServiceConversationParticipant({ path }))).toEqual([]);
    expect(server.requests).toBeGreaterThanOrEqual(CALLS);
    // The race was there to be lost: the server closed connections under the client many times.
    expect(server.connections).toBeGreaterThan(1);
  });

  it(`${CALLS} POSTs spaced at the server's idle timeout: none received twice, a failure only ever "maybe sent"`, async () => {
    server = await startIdleClosingServer(IDLE_MS, answerWith(201));
    const client = clientFor(server.baseUrl);
    const failures = await spaced(() => client.createServiceConversationParticipant(create));
    for (const failure of failures) expect(failure).toMatchObject({ requestSent: true, attempts: 1 });
    // This server reads every request it gets and answers it: what it received is what succeeded.
    expect(server.requests).toBe(CALLS - failures.length);
    expect(server.connections).toBeGreaterThan(1);
  });

  it("addParticipant against a server closing idle sockets 1–3 ms after every answer: 0 wrong outcomes, 0 duplicates", async () => {
    const IDENTITIES = 30;
    fake = await startFakeConversations();
    const upstream = fake;
    // The fake behind a front that closes idle connections 1–3 ms after each answer.
    server = await startIdleClosingServer(
      () => 1 + Math.random() * 2,
      (res, req, body) =>
        void fetch(upstream.baseUrl + req.url, {
          method: req.method,
          headers: {
            authorization: req.headers.authorization ?? "",
            "content-type": req.headers["content-type"] ?? "text/plain",
          },
          ...(req.method === "POST" ? { body } : {}),
        }).then(async (answer) => {
          res.writeHead(answer.status, { "Content-Type": answer.headers.get("content-type") ?? "" });
          res.end(await answer.text());
        }),
    );
    const client = createConversationsClient({
      accountSid: fake.accountSid,
      authToken: fake.authToken,
      baseUrl: server.baseUrl,
    });
    const path = { ChatServiceSid: fake.serviceSid, ConversationSid: fake.conversationSid };
    const outcomes: string[] = [];
    for (let i = 0; i < IDENTITIES * 2; i++) {
      const identity = `user-${i % IDENTITIES}`;
      const added = await client.addParticipant({ path, body: { Identity: identity } }, { settleMs: 0 }).then(
        (r) => `${r.outcome} ${r.participant.identity}`,
        (e) => `failed ${(e as Error).name}: ${(e as Error).message}`,
      );
      outcomes.push(added);

      await new Promise((resolve) => setTimeout(resolve, Math.random() * 4)); // land on the close, sometimes
    }
    for (let i = 0; i < IDENTITIES * 2; i++) {
      const identity = `user-${i % IDENTITIES}`;
      // A first call creates it (or finds what its own ambiguous create made); a second finds it.
      expect(outcomes[i]).toMatch(
        i < IDENTITIES ? new RegExp(`^(created|existing) ${identity}$`) : `existing ${identity}`,
      );
    }
    const identities = fake.participants.map((p) => p.identity).sort();
    expect(identities).toEqual([...new Set(identities)]);
    expect(identities).toHaveLength(IDENTITIES);
    expect(server.connections).toBeGreaterThan(1);
  });
});
