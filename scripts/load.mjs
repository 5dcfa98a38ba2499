#!/usr/bin/env node
// `npm run load` (after `npm run build`): 100,000 participant creates, 64 in flight, through the
// built package against its fake server (running in a child process, so the heap measured here
// is the client's alone). Passes when nothing failed, the server stored exactly 100,000
// participants, and the client's heap after the run (after gc) is within 10 MB of its heap after
// the warm-up. Prints the figures; exits 1 otherwise.
import { fork, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

// gc() is needed for honest heap figures: re-run this script with --expose-gc if it is missing.
if (typeof globalThis.gc !== "function") {
  const child = spawnSync(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  process.exit(child.status ?? 1);
}

const { createConversationsClient } = await import("twilio-conversations-participants");

const TOTAL = 100_000;
const WARMUP = 5_000; // the first creates of the 100,000; the heap baseline is taken after them
const IN_FLIGHT = 64;
const CONVERSATIONS = 100; // 1,000 participants each: Twilio's per-conversation cap
const HEAP_BUDGET = 10 * 1024 * 1024;

const server = fork(fileURLToPath(new URL("./load-server.mjs", import.meta.url)), [String(CONVERSATIONS)], {
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});
const fromServer = (key) =>
  new Promise((resolve, reject) => {
    const onMessage = (m) => {
      if (m && key in m) {
        server.off("message", onMessage);
        resolve(m[key]);
      }
    };
    server.on("message", onMessage);
    server.once("exit", (code) => reject(new Error(`the fake server exited (${code})`)));
  });
const ask = (question, key) => {
  const answer = fromServer(key);
  server.send(question);
  return answer;
};

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

async function settledHeap() {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    globalThis.gc();
  }
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsed, rss };
}

const failures = { count: 0, first: undefined };
const latencies = new Float64Array(TOTAL); // allocated up front, so it is not counted as growth

/** Creates participants `from`…`to - 1`, IN_FLIGHT at a time, each with its own identity. */
async function run(client, target, from, to) {
  let next = from;
  async function worker() {
    while (next < to) {
      const i = next++;
      const started = performance.now();
      try {
        await client.createServiceConversationParticipant({
          path: { ChatServiceSid: target.serviceSid, ConversationSid: target.conversations[i % CONVERSATIONS] },
          body: { Identity: `load-${i}`, Attributes: `{"n":${i}}` },
        });
      } catch (error) {
        failures.count++;
        failures.first ??= error;
      }
      latencies[i] = performance.now() - started;
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

try {
  const target = await fromServer("ready");
  const client = createConversationsClient({
    accountSid: target.accountSid,
    authToken: target.authToken,
    baseUrl: target.baseUrl,
  });

  const t0 = performance.now();
  await run(client, target, 0, WARMUP);
  const afterWarmup = await settledHeap();
  const t1 = performance.now();
  await run(client, target, WARMUP, TOTAL);
  const t2 = performance.now();
  const afterRun = await settledHeap();
  const { participants: count, requests } = await ask("count", "count");

  const sorted = Array.from(latencies.subarray(WARMUP)).sort((a, b) => a - b);
  const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(2);
  const growth = afterRun.heapUsed - afterWarmup.heapUsed;
  const checks = [
    [
      "failures",
      failures.count === 0,
      `${failures.count}${failures.first ? ` (first: ${failures.first.name}: ${failures.first.message})` : ""}`,
    ],
    ["participants stored", count === TOTAL, `${count} of ${TOTAL} (server saw ${requests} requests)`],
    [
      "client heap growth after gc",
      growth <= HEAP_BUDGET,
      `${mb(growth)} (after warm-up ${mb(afterWarmup.heapUsed)}, after run ${mb(afterRun.heapUsed)}; budget ${mb(HEAP_BUDGET)})`,
    ],
  ];

  console.log(
    `load: ${TOTAL} creates, ${IN_FLIGHT} in flight, ${CONVERSATIONS} conversations, Node ${process.version}`,
  );
  console.log(`  warm-up      ${WARMUP} creates in ${((t1 - t0) / 1000).toFixed(2)} s`);
  console.log(
    `  measured     ${TOTAL - WARMUP} creates in ${((t2 - t1) / 1000).toFixed(2)} s = ${Math.round((TOTAL - WARMUP) / ((t2 - t1) / 1000))} creates/s`,
  );
  console.log(`  latency      p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${sorted.at(-1).toFixed(2)} ms`);
  console.log(`  client rss   after warm-up ${mb(afterWarmup.rss)}, after run ${mb(afterRun.rss)}`);
  for (const [name, ok, detail] of checks) console.log(`  ${ok ? "ok  " : "FAIL"} ${name}: ${detail}`);
  process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
} catch (error) {
  console.error(`load: ${error?.stack ?? error}`);
  process.exitCode = 1;
} finally {
  server.send("close");
}
