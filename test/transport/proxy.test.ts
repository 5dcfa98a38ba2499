// Issue 11, "HTTP(S) proxies are ignored": the Node transport honours HTTPS_PROXY / HTTP_PROXY /
// NO_PROXY (either case) through a CONNECT proxy started here on 127.0.0.1, on Node 20 (in process)
// and on Node 20, 22 and 24 (the built package in a child process); a refused tunnel is "not sent";
// a caller's agent replaces both. Targets are `localhost`/127.0.0.1 only: the proxy refuses the rest.
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { Agent as HttpAgent } from "node:http";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect, promisify } from "node:util";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { TwilioConnectionError } from "../../src/index.js";
import { createConversationsClient } from "../../src/node.js";
import { startConnectProxy, type ConnectProxy } from "../helpers/connect-proxy.js";
import { root } from "../helpers/pipeline.js";
import { json, loopback, PARTICIPANT, selfSignedCertificate, SIDS } from "./support.js";

const create = {
  path: { ChatServiceSid: SIDS.service, ConversationSid: SIDS.conversation },
  body: { Identity: "alice" },
};
const PROXY_VARIABLES = [
  "HTTPS_PROXY",
  "https_proxy",
  "HTTP_PROXY",
  "http_proxy",
  "ALL_PROXY",
  "all_proxy",
  "NO_PROXY",
  "no_proxy",
];

const proxies: ConnectProxy[] = [];
afterEach(async () => {
  while (proxies.length) await proxies.pop()!.close();
});

async function proxy(refuse?: 403 | 407): Promise<ConnectProxy> {
  const started = await startConnectProxy(refuse);
  proxies.push(started);
  return started;
}

/** Runs `body` with exactly these proxy variables set (the others unset), then restores them. */
async function withEnv<T>(env: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(PROXY_VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of PROXY_VARIABLES) delete process.env[name];
  Object.assign(process.env, env);
  try {
    return await body();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** A "proxy" that accepts connections and never answers; `allClosed` waits for every one to close. */
async function silentProxy() {
  const open = new Set<Socket>();
  let accepted = 0;
  let closed = () => {};
  const server = createServer((socket) => {
    accepted++;
    open.add(socket);
    socket.on("error", () => {});
    socket.resume(); // reads the CONNECT request, so it sees the client's end
    socket.on("close", () => {
      open.delete(socket);
      if (open.size === 0) closed();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxies.push({
    url: "",
    connects: [],
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get accepted() {
      return accepted;
    },
    allClosed: () =>
      new Promise<void>((resolve, reject) => {
        if (open.size === 0) return resolve();
        const timer = setTimeout(() => reject(new Error(`${open.size} connection(s) to the proxy still open`)), 5_000);
        closed = () => (clearTimeout(timer), resolve());
      }),
  };
}

const clientFor = (baseUrl: string, extra = {}) =>
  createConversationsClient({ accountSid: SIDS.account, authToken: "t", baseUrl, maxRetries: 1, ...extra });

describe("proxies from the environment (Node 20, in process)", () => {
  it.each(["HTTP_PROXY", "http_proxy", "ALL_PROXY"])(
    "%s: every call goes through one CONNECT tunnel, kept alive",
    async (variable) => {
      const target = await loopback(json(201, PARTICIPANT));
      const through = await proxy();
      const baseUrl = `http://localhost:${target.port}`;
      await withEnv({ [variable]: through.url }, async () => {
        const client = clientFor(baseUrl);
        for (let i = 0; i < 3; i++)
          expect(await client.createServiceConversationParticipant(create)).toEqual(PARTICIPANT);
      });
      expect(through.connects).toEqual([`localhost:${target.port}`]);
      expect(target.requests).toHaveLength(3);
      expect(target.requests[0]!.headers.authorization).toMatch(/^Basic /); // the request itself, inside the tunnel
    },
  );

  it.each(["NO_PROXY", "no_proxy"])("%s naming the host: direct, the proxy never asked", async (variable) => {
    const target = await loopback(json(201, PARTICIPANT));
    const through = await proxy();
    await withEnv({ HTTP_PROXY: through.url, [variable]: "example.invalid,localhost" }, async () => {
      await clientFor(`http://localhost:${target.port}`).createServiceConversationParticipant(create);
    });
    expect(through.connects).toEqual([]);
    expect(target.requests).toHaveLength(1);
  });

  it.each([403, 407] as const)(
    "a proxy refusing the tunnel (%i) is not sent: resent, then ERR_PROXY_TUNNEL; the target saw nothing",
    async (status) => {
      const target = await loopback(json(201, PARTICIPANT));
      const refusing = await proxy(status);
      const error = await withEnv({ HTTP_PROXY: refusing.url }, () =>
        clientFor(`http://localhost:${target.port}`)
          .createServiceConversationParticipant(create)
          .catch((e) => e),
      );
      expect(error).toBeInstanceOf(TwilioConnectionError);
      expect([error.requestSent, error.attempts, error.errno]).toEqual([false, 2, "ERR_PROXY_TUNNEL"]);
      expect(error.cause.message).toContain(String(status));
      expect(refusing.connects).toHaveLength(2);
      expect(target.requests).toHaveLength(0);
    },
  );

  it("HTTPS_PROXY to an https origin whose certificate does not verify: tunnelled, then not sent", async () => {
    const target = await loopback(json(201, PARTICIPANT), selfSignedCertificate());
    const through = await proxy();
    const error = await withEnv({ HTTPS_PROXY: through.url }, () =>
      clientFor(`https://localhost:${target.port}`)
        .createServiceConversationParticipant(create)
        .catch((e) => e),
    );
    expect([error.requestSent, error.attempts, error.errno]).toEqual([false, 2, "DEPTH_ZERO_SELF_SIGNED_CERT"]);
    expect(through.connects).toEqual([`localhost:${target.port}`, `localhost:${target.port}`]);
    expect(target.requests).toHaveLength(0);
  });

  it("a proxy that never answers CONNECT: connectTimeoutMs ends each attempt, not sent, and its connections close", async () => {
    const target = await loopback(json(201, PARTICIPANT));
    const silent = await silentProxy();
    const error = await withEnv({ HTTP_PROXY: silent.url }, () =>
      clientFor(`http://localhost:${target.port}`, { connectTimeoutMs: 100, timeoutMs: 5_000, maxRetries: 2 })
        .createServiceConversationParticipant(create)
        .catch((e) => e),
    );
    expect(error).toBeInstanceOf(TwilioConnectionError);
    expect([error.requestSent, error.attempts, error.errno]).toEqual([false, 3, "UND_ERR_CONNECT_TIMEOUT"]);
    expect(silent.accepted).toBe(3);
    await silent.allClosed(); // each attempt's connection to the proxy, closed by the client
    expect(target.requests).toHaveLength(0);
  });

  it("a proxy variable that is not a URL: not sent, and its password is nowhere in the error", async () => {
    const target = await loopback(json(201, PARTICIPANT));
    const error = await withEnv({ HTTP_PROXY: "http://bob:s3cr#etProxyPass@127.0.0.1:3128" }, () =>
      clientFor(`http://localhost:${target.port}`)
        .createServiceConversationParticipant(create)
        .catch((e) => e),
    );
    expect(error).toBeInstanceOf(TwilioConnectionError);
    expect([error.requestSent, error.attempts, error.errno]).toEqual([false, 2, "ERR_INVALID_PROXY_URL"]);
    expect(inspect(error, { depth: 10 })).not.toContain("ProxyPass");
    expect(target.requests).toHaveLength(0);
  });

  it("a caller's agent replaces the environment's proxy", async () => {
    const target = await loopback(json(201, PARTICIPANT));
    const refusing = await proxy(403);
    const agent = new HttpAgent({ keepAlive: true });
    await withEnv({ HTTP_PROXY: refusing.url }, () =>
      clientFor(`http://localhost:${target.port}`, { agent }).createServiceConversationParticipant(create),
    );
    expect(refusing.connects).toEqual([]);
    expect(target.requests).toHaveLength(1);
    agent.destroy();
  });
});

describe("the built package on Node 20, 22 and 24 (child processes)", () => {
  const toolchain = (name: string) => join(root, "test/runtimes/toolchain/node_modules", name, "bin/node");
  const NODES = [
    ["20", process.execPath],
    ["22", toolchain("node22")],
    ["24", toolchain("node24")],
  ] as const;
  const child = join(import.meta.dirname, "proxy-child.mjs");
  const entry = (name: "node" | "index") => join(root, `dist/esm/src/${name}.js`);
  let tls: { key: string; cert: string };
  let caFile: string;
  beforeAll(() => {
    tls = selfSignedCertificate();
    caFile = join(tmpdir(), `tcp-proxy-ca-${process.pid}.pem`);
    writeFileSync(caFile, tls.cert);
  });

  const run = async (node: string, script: string, env: Record<string, string>) => {
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !PROXY_VARIABLES.includes(name) && !name.startsWith("NODE_")),
    );
    const { stdout } = await promisify(execFile)(node, [child, script], {
      env: { ...clean, NODE_EXTRA_CA_CERTS: caFile, ...env },
    });
    return JSON.parse(stdout.trim().split("\n").pop()!);
  };

  it.each(NODES)(
    "Node %s: HTTPS_PROXY tunnels an https call (TLS inside the tunnel); a refusing one is not sent",
    async (_v, node) => {
      const target = await loopback(json(201, PARTICIPANT), tls);
      const through = await proxy();
      const TARGET = `https://localhost:${target.port}`;
      expect(await run(node, entry("node"), { TARGET, HTTPS_PROXY: through.url })).toEqual({ sid: PARTICIPANT.sid });
      expect(through.connects).toEqual([`localhost:${target.port}`]);
      const refusing = await proxy(407);
      expect(await run(node, entry("node"), { TARGET, https_proxy: refusing.url })).toEqual({
        name: "TwilioConnectionError",
        requestSent: false,
        attempts: 2,
        errno: "ERR_PROXY_TUNNEL",
      });
      expect(target.requests).toHaveLength(1);
    },
  );

  it("Node 24's global fetch (the package's main entry) follows the proxy only with NODE_USE_ENV_PROXY=1; a refused tunnel is not sent", async () => {
    const target = await loopback(json(201, PARTICIPANT), tls);
    const through = await proxy();
    const TARGET = `https://localhost:${target.port}`;
    const node24 = toolchain("node24");
    expect(await run(node24, entry("index"), { TARGET, HTTPS_PROXY: through.url })).toEqual({ sid: PARTICIPANT.sid });
    expect(through.connects).toEqual([]); // without NODE_USE_ENV_PROXY, fetch goes direct
    expect(await run(node24, entry("index"), { TARGET, HTTPS_PROXY: through.url, NODE_USE_ENV_PROXY: "1" })).toEqual({
      sid: PARTICIPANT.sid,
    });
    expect(through.connects).toEqual([`localhost:${target.port}`]);
    const refusing = await proxy(403);
    const refused = await run(node24, entry("index"), { TARGET, HTTPS_PROXY: refusing.url, NODE_USE_ENV_PROXY: "1" });
    expect(refused).toMatchObject({ name: "TwilioConnectionError", requestSent: false, attempts: 2 });
    expect(target.requests).toHaveLength(2);
  });
});
