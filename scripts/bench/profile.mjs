// `node scripts/bench/profile.mjs`: where this client's CPU goes. Runs one worker (warm-up, then
// BENCH_N creates, 32 in flight) under `node --cpu-prof` against the loopback server, then prints
// self time by area and the hottest functions. Not part of `npm run bench`; nothing is asserted.
// Env: BENCH_N (30000), BENCH_WARMUP (2000), BENCH_CONCURRENCY (32), BENCH_CLIENT_ENTRY (a built
// entry file instead of staging the package), BENCH_PROFILE_DIR (where the .cpuprofile goes),
// BENCH_PROFILE_CONTENDER (this-client; or undici, fetch, twilio for comparison).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runChild, startServer } from "./children.mjs";
import { removeStage, stagePackage } from "./stage.mjs";

const n = Number(process.env.BENCH_N) || 30_000;
const outDir = process.env.BENCH_PROFILE_DIR || fs.mkdtempSync(path.join(os.tmpdir(), "tcp-profile-"));
const contender = process.env.BENCH_PROFILE_CONTENDER || "this-client";
const stage = process.env.BENCH_CLIENT_ENTRY || contender !== "this-client" ? null : await stagePackage();
const entry = stage ? stage.nodeEntry : path.resolve(process.env.BENCH_CLIENT_ENTRY || ".");

const server = await startServer();
try {
  const r = await runChild(
    "worker.mjs",
    [contender],
    {
      BENCH_URL: server.url,
      BENCH_N: String(n),
      BENCH_WARMUP: process.env.BENCH_WARMUP || "2000",
      BENCH_CONCURRENCY: process.env.BENCH_CONCURRENCY || "32",
      BENCH_ENTRY: entry,
    },
    ["--cpu-prof", "--cpu-prof-dir", outDir],
  );
  if (r.fatal) throw new Error(r.fatal);
  console.log(
    `${contender === "this-client" ? `entry ${entry}` : contender}\n${n} creates: ${r.reqPerSec.toFixed(0)} req/s, ${r.cpuUsPerReq.toFixed(1)} µs CPU/req (profiler on: slower than the bench)`,
  );
} finally {
  await server.close();
  removeStage(stage);
}

const file = fs
  .readdirSync(outDir)
  .filter((f) => f.endsWith(".cpuprofile"))
  .map((f) => path.join(outDir, f))
  .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
console.log(`profile ${file}\n`);
summarize(JSON.parse(fs.readFileSync(file, "utf8")));

/** Self time per node, grouped by area and by function. Whole run, warm-up included. */
function summarize(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0)));
  const areas = new Map();
  const fns = new Map();
  let total = 0;
  for (const [id, us] of self) {
    const { callFrame: f } = byId.get(id);
    if (f.functionName === "(idle)") continue;
    total += us;
    const area = areaOf(f);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const key = `${f.functionName || "(anonymous)"} ${shortUrl(f.url)}:${f.lineNumber + 1}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
  }
  const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
  console.log("self time by area (idle excluded)");
  for (const [k, us] of [...areas].sort((a, b) => b[1] - a[1])) console.log(`  ${pct(us)}  ${k}`);
  console.log("\nhottest functions (self)");
  for (const [k, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${pct(us)}  ${k}`);
}

function areaOf(f) {
  const u = f.url;
  if (!u) return f.functionName.startsWith("(") ? f.functionName : "native / builtins";
  if (u.includes("/generated/")) return "generated validators / table";
  if (u.includes("openapi-fetch")) return "openapi-fetch";
  if (/\/dist\/(esm|cjs)\/src\/transport\//.test(u)) return "this client: Node transport";
  if (/\/dist\/(esm|cjs)\/src\//.test(u)) return "this client: src";
  if (u.includes("internal/deps/undici")) return "node: undici (global fetch)";
  if (u.includes("webstreams")) return "node: web streams";
  if (/node:internal\/(http|_http|net|stream|streams)|node:_http|node:net|node:stream/.test(u))
    return "node: http / net / streams";
  if (u.includes("scripts/bench")) return "bench driver";
  if (u.startsWith("node:")) return "node: other";
  return "other";
}

function shortUrl(u) {
  return u
    .replace(/^file:\/\/.*\/node_modules\/twilio-conversations-participants\//, "")
    .replace(/^file:\/\/.*\/node_modules\//, "")
    .replace(/^file:\/\/\/work\/main\//, "");
}
