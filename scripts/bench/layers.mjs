// `node scripts/bench/layers.mjs`: what each layer of this client costs per request on Node. Runs
// four clients against the loopback server, each in fresh processes, rounds interleaved, medians:
//   0 node:http, hand-written · 1 + this package's Node transport · 2 + openapi-fetch on it
//   · 3 + the rest of the client (validation, encoding, retry loop, typed errors).
// All of 1–3 come from one esbuild bundle of src/ (so they run the same code); 3 is the bench's own
// contenders/this-client.mjs, given that bundle. Not part of
// `npm run bench`; nothing is asserted. Env: BENCH_N (20000), BENCH_ROUNDS (3), BENCH_WARMUP (2000),
// BENCH_CONCURRENCY (32). A calibration run (layer 1 plus 8 µs of busy work) shows what a
// microsecond of client work costs in these figures.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { runChild, startServer } from "./children.mjs";
import { ROOT } from "./entry.mjs";
import { BUSY_NS } from "./layers/busy-work.mjs";
import { median } from "./stats.mjs";

const int = (v, d) => (Number(v) > 0 ? Math.floor(Number(v)) : d);
const n = int(process.env.BENCH_N, 20_000);
const rounds = int(process.env.BENCH_ROUNDS, 3);
const LAYERS = [
  ["layers/node-http", "0 node:http, hand-written"],
  ["layers/transport", "1 + this Node transport"],
  ["layers/openapi-fetch", "2 + openapi-fetch"],
  ["this-client", "3 + validation, encoding, retries, errors (the client)"],
];
/** Run with the layers, reported apart: layer 1 plus a fixed amount of busy work per request. */
const busyUs = Number(BUSY_NS) / 1000;
const CALIBRATION = ["layers/busy-work", `1 + ${busyUs} µs of busy work per request`];
const RUNS = [...LAYERS, CALIBRATION];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tcp-layers-"));
const entry = path.join(dir, "layers-entry.mjs");
const esbuild = createRequire(path.join(ROOT, "package.json"))("esbuild");
await esbuild.build({
  stdin: {
    contents: [
      'export { createNodeTransport } from "./src/internal/transport/node-http.ts";',
      'export { default as createClient, createQuerySerializer } from "openapi-fetch";',
      'export { serializePath } from "./src/internal/wire.ts";',
      'export { createConversationsClient } from "./src/node.ts";',
    ].join("\n"),
    resolveDir: ROOT,
    loader: "ts",
  },
  bundle: true,
  platform: "node",
  format: "esm",
  outfile: entry,
  logLevel: "warning",
});

const server = await startServer();
const results = new Map(RUNS.map(([key]) => [key, []]));
try {
  const env = {
    BENCH_URL: server.url,
    BENCH_N: String(n),
    BENCH_WARMUP: process.env.BENCH_WARMUP || "2000",
    BENCH_CONCURRENCY: process.env.BENCH_CONCURRENCY || "32",
    BENCH_ENTRY: entry,
  };
  for (let round = 1; round <= rounds; round++) {
    for (const [key, label] of RUNS) {
      const r = await runChild("worker.mjs", [key], env);
      if (r.fatal || r.errors) throw new Error(`${label}: ${r.fatal ?? r.firstError}`);
      results.get(key).push(r);
      console.log(
        `round ${round}  ${label.padEnd(56)} ${r.reqPerSec.toFixed(0).padStart(6)} req/s  ${r.cpuUsPerReq.toFixed(1).padStart(6)} µs CPU/req`,
      );
    }
  }
} finally {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

console.log(`\n| layer | req/s (median) | CPU µs/req (median) | CPU added by the layer |\n| --- | --- | --- | --- |`);
let previous;
for (const [key, label] of LAYERS) {
  const runs = results.get(key);
  const rps = median(runs.map((r) => r.reqPerSec));
  const cpu = median(runs.map((r) => r.cpuUsPerReq));
  console.log(
    `| ${label} | ${rps.toFixed(0)} | ${cpu.toFixed(1)} | ${previous === undefined ? "—" : `${(cpu - previous).toFixed(1)} µs`} |`,
  );
  previous = cpu;
}

const medianCpu = (key) => median(results.get(key).map((r) => r.cpuUsPerReq));
const added = medianCpu(CALIBRATION[0]) - medianCpu(LAYERS[1][0]);
console.log(
  `\nCalibration: ${CALIBRATION[1]} measured ${medianCpu(CALIBRATION[0]).toFixed(1)} µs CPU/req, ${added.toFixed(1)} µs over layer 1:` +
    ` each µs of work in the client shows as about ${(added / busyUs).toFixed(1)} µs here.`,
);
