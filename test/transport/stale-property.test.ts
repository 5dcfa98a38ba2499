// Issue 21, "a POST once written is never resent": fast-check draws how a loopback server treats each
// request slot of each connection (close while idle without reading, close after reading the headers,
// close after reading the whole request, or answer) and a sequence of GETs and POSTs (spaced, or
// overlapping) through one Node transport. Whatever the interleaving, no POST reaches the server twice,
// a POST rejected as never sent never reached it, and every answered call was answered once.
import { createServer, type Socket } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { failedBeforeSending } from "../../src/internal/reached-server.js";
import { createNodeTransport, keepAliveAgents } from "../../src/internal/transport/node-http.js";
import { NodeRequest } from "../../src/internal/transport/node-request.js";

const RUNS = 120;

/** What the server does with one request slot of a connection. */
type Act =
  | { kind: "close-idle"; afterMs: number }
  | { kind: "close-after-headers" }
  | { kind: "close-after-request" }
  | { kind: "answer" };

const act: fc.Arbitrary<Act> = fc.oneof(
  fc.record({ kind: fc.constant("close-idle" as const), afterMs: fc.integer({ min: 0, max: 3 }) }),
  fc.constant({ kind: "close-after-headers" as const }),
  fc.constant({ kind: "close-after-request" as const }),
  fc.constant({ kind: "answer" as const }),
);
/** Each connection's script, by order of accept; a slot past the end answers. */
const scripts = fc.array(fc.array(act, { maxLength: 4 }), { maxLength: 6 });
const calls = fc.array(
  fc.record({
    method: fc.constantFrom("GET", "POST"),
    gapMs: fc.integer({ min: 0, max: 3 }),
    overlap: fc.boolean(),
  }),
  { minLength: 1, maxLength: 8 },
);

/** A raw HTTP/1.1 server following `scripts`; `seen` holds "METHOD /path" for every request it read. */
async function scriptedServer(script: Act[][]) {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    const acts = script[accepted++] ?? [];
    let slot = 0;
    let buffer = Buffer.alloc(0);
    const next = () => {
      const current = acts[slot] ?? { kind: "answer" };
      if (current.kind === "close-idle") {
        socket.pause(); // reads nothing more: whatever arrives is never seen
        setTimeout(() => socket.destroy(), current.afterMs);
      }
    };
    const consume = () => {
      const current = acts[slot] ?? { kind: "answer" };
      if (current.kind === "close-idle" || socket.destroyed) return;
      const end = buffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      const head = buffer.subarray(0, end).toString("latin1");
      const [method, path] = head.split(" ");
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      if (current.kind === "close-after-headers") {
        seen.push(`${method} ${path}`);
        return void socket.destroy();
      }
      if (buffer.length < end + 4 + length) return;
      seen.push(`${method} ${path}`);
      buffer = buffer.subarray(end + 4 + length);
      if (current.kind === "close-after-request") return void socket.destroy();
      socket.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
      slot++;
      next();
      consume();
    };
    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      consume();
    });
    next();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("interleavings of socket closes and requests (the Node transport)", () => {
  it(`no POST reaches the server twice; "not sent" is never said of one it read (${RUNS} runs)`, async () => {
    const tally = { runs: 0, posts: 0, postsFailed: 0, notSent: 0, getsResent: 0 };
    await fc.assert(
      fc.asyncProperty(scripts, calls, async (script, plan) => {
        const server = await scriptedServer(script);
        const agents = keepAliveAgents();
        const transport = createNodeTransport({ maxResponseBytes: 1 << 16 }, agents);
        try {
          const settled: Promise<{ status?: number; notSent?: boolean }>[] = [];
          for (const [i, call] of plan.entries()) {
            const init = call.method === "POST" ? { method: "POST", body: `n=${i}` } : { method: "GET" };
            const request = new NodeRequest(`${server.baseUrl}/${call.method}/${i}`, init) as unknown as Request;
            const result = transport.fetch(request).then(
              async (response) => ({ status: response.status, body: await response.text() }),
              (error) => ({ notSent: failedBeforeSending(error) }),
            );
            settled.push(result);
            if (!call.overlap) await result;
            await sleep(call.gapMs);
          }
          const results = await Promise.all(settled);
          for (const [i, call] of plan.entries()) {
            const key = `${call.method} /${call.method}/${i}`;
            const sightings = server.seen.filter((s) => s === key).length;
            const result = results[i]!;
            if (call.method === "POST") {
              tally.posts++;
              expect(sightings, key).toBeLessThanOrEqual(1);
              if (result.status === undefined) tally.postsFailed++;
              if (result.notSent) {
                tally.notSent++;
                expect(sightings, `${key} said not sent`).toBe(0);
              }
            } else if (sightings > 1) tally.getsResent++;
            if (result.status !== undefined) {
              expect(result.status, key).toBe(200);
              expect(sightings, key).toBeGreaterThanOrEqual(1);
            }
          }
          tally.runs++;
        } finally {
          agents.http.destroy();
          await server.close();
        }
      }),
      { numRuns: RUNS },
    );
    expect(tally.runs).toBe(RUNS);
    // The draws reached the cases that matter: POSTs lost to a close, and GETs the transport resent.
    expect(tally.postsFailed).toBeGreaterThan(0);
    expect(tally.getsResent).toBeGreaterThan(0);
  });
});
