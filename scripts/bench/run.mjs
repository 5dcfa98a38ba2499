// `npm run bench` entry. Orchestrates; every measurement lives in a module beside it:
//   server.mjs (loopback Twilio, own process) · worker.mjs (one contender run,
//   own process) · memory.mjs · cold-import.mjs · bundle-size.mjs ·
//   generate.mjs · report.mjs (Markdown) · svg.mjs (chart)
//   stage.mjs builds the package and installs it in a temp project first.
// Env: BENCH_N (default 20000), BENCH_ROUNDS (3), BENCH_WARMUP (2000),
//   BENCH_CONCURRENCY (32), BENCH_MEM_N (100000), BENCH_IMPORT_RUNS (15),
//   BENCH_CLIENT_ENTRY (stand-in client file), BENCH_SKIP_GENERATE=1,
//   BENCH_CONTENDERS (comma list of this,undici,fetch,twilio; default all).
// Only 127.0.0.1 is contacted. No timing here is a test: it never fails on a target.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { runChild, startServer } from "./children.mjs";
import { ensureDeps } from "./deps.mjs";
import { describeEntry, ROOT, resolveClientEntry } from "./entry.mjs";
import { CANONICAL_PAIRS, formPairs } from "./fixtures.mjs";
import { median } from "./stats.mjs";
import { measureColdImports } from "./cold-import.mjs";
import { measureBundles, measureGeneratedClient } from "./bundle-size.mjs";
import { timeGenerate, timeGenerateTwilio } from "./generate.mjs";
import { renderMarkdown } from "./report.mjs";
import { renderSvg } from "./svg.mjs";

const OUT_DIR = path.join(ROOT, "bench-results");
const require = createRequire(import.meta.url);
const int = (v, d) => (v && Number.isFinite(Number(v)) && Number(v) > 0 ? Math.floor(Number(v)) : d);

const wallStart = performance.now();
const log = (s) => process.stdout.write(s + "\n");
ensureDeps();
const config = {
  n: int(process.env.BENCH_N, 20_000),
  rounds: Math.max(2, int(process.env.BENCH_ROUNDS, 3)),
  warmup: int(process.env.BENCH_WARMUP, 2_000),
  concurrency: int(process.env.BENCH_CONCURRENCY, 32),
  memN: int(process.env.BENCH_MEM_N, 100_000),
  importRuns: Math.max(10, int(process.env.BENCH_IMPORT_RUNS, 15)),
};
log("building the package (npm run build, in a private copy)…");
const clientEntry = await resolveClientEntry();
const versions = {
  twilio: require("twilio/package.json").version,
  undici: require("undici/package.json").version,
};
const CONTENDERS = [
  { key: "this", module: "this-client", label: clientEntry.standIn ? "this client (STAND-IN)" : "this client" },
  { key: "undici", module: "undici", label: "undici request (hand-written)" },
  { key: "fetch", module: "fetch", label: "global fetch (hand-written)" },
  { key: "twilio", module: "twilio", label: `twilio-node ${versions.twilio}` },
];
const warnings = [];

const sameBody = (body) => body !== null && JSON.stringify(formPairs(body)) === JSON.stringify(CANONICAL_PAIRS);

// ---------------------------------------------------------------- throughput
log(
  `twilio-conversations-participants bench — N=${config.n} ×${config.rounds} rounds, ${config.concurrency} in flight, warm-up ${config.warmup}`,
);
if (clientEntry.standIn) log(`NOTE: "this client" is a STAND-IN: ${clientEntry.file}`);
const only = process.env.BENCH_CONTENDERS
  ? new Set(process.env.BENCH_CONTENDERS.split(",").map((s) => s.trim()))
  : null;
const contenders = CONTENDERS.map((c) => ({
  ...c,
  runs: [],
  ...(only && !only.has(c.key) ? { skipped: "not selected (BENCH_CONTENDERS)" } : {}),
}));
const thisC = contenders[0];
if (!clientEntry.exists && !thisC.skipped) {
  thisC.skipped = clientEntry.standIn
    ? `BENCH_CLIENT_ENTRY ${clientEntry.file} not found`
    : `not built (${clientEntry.error})`;
  log(`this client: skipped — ${thisC.skipped}`);
}

const server = await startServer();
const workerEnv = {
  BENCH_URL: server.url,
  BENCH_N: String(config.n),
  BENCH_WARMUP: String(config.warmup),
  BENCH_CONCURRENCY: String(config.concurrency),
  BENCH_ENTRY: clientEntry.file ?? "",
};
// Warm the server's JIT once (discarded run) so round 1's first contender isn't charged for it.
{
  const w = await runChild("worker.mjs", ["undici"], { ...workerEnv, BENCH_N: String(Math.min(config.n, 5000)) });
  if (w.fatal) warnings.push(`server warm-up run failed: ${w.fatal.slice(0, 300)}`);
}
for (let round = 1; round <= config.rounds; round++) {
  for (const c of contenders) {
    if (c.skipped || c.failed) continue;
    await server.reset();
    const r = await runChild("worker.mjs", [c.module], workerEnv);
    const s = await server.stats();
    if (r.fatal) {
      c.failed = r.fatal.split("\n")[0];
      if (!c.runs.length) c.skipped = `failed: ${c.failed}`;
      warnings.push(`${c.label}: run failed — ${r.fatal.slice(0, 500)}`);
      log(`  round ${round} ${c.label}: FAILED ${r.fatal.split("\n")[0]}`);
      continue;
    }
    const run = {
      round,
      ...r,
      serverRequests: s.requests,
      serverOk: s.ok,
      serverErrors: s.errors,
      serverConnections: s.connections,
      serverCpuUsPerReq: s.cpuMicros / Math.max(1, s.requests),
      // Every body the server read decoded to the canonical fields (not just a sample).
      bodyMatches: s.ok > 0 && s.badBodies === 0 && sameBody(s.firstBody),
      distinctBodies: s.distinctBodies,
    };
    c.runs.push(run);
    if (r.errors) warnings.push(`${c.label} round ${round}: ${r.errors} client-side errors; first: ${r.firstError}`);
    if (s.errors)
      warnings.push(`${c.label} round ${round}: server rejected ${s.errors} requests; first: ${s.firstError}`);
    if (s.ok !== config.n + config.warmup)
      warnings.push(`${c.label} round ${round}: server answered ${s.ok} OK, expected ${config.n + config.warmup}`);
    if (!run.bodyMatches)
      warnings.push(
        `${c.label} round ${round}: ${s.badBodies} request bodies differ from the canonical one, e.g. ${JSON.stringify(s.firstBadBody ?? s.firstBody)}`,
      );
    // undici's pool settles at up to 2× the in-flight count (a socket is briefly
    // still "busy" when the next request is dispatched); more than that means churn.
    if (s.connections > 2 * config.concurrency)
      warnings.push(
        `${c.label} round ${round}: opened ${s.connections} connections for ${config.concurrency} in flight (keep-alive churn?)`,
      );
    log(
      `  round ${round} ${c.label.padEnd(32)} ${r.reqPerSec.toFixed(0).padStart(7)} req/s  ${r.cpuUsPerReq.toFixed(1).padStart(6)} µs CPU/req  conns=${s.connections}  server ${run.serverCpuUsPerReq.toFixed(1)} µs/req`,
    );
  }
}
for (const c of contenders) {
  if (!c.runs.length) continue;
  c.reqPerSec = median(c.runs.map((r) => r.reqPerSec));
  c.cpuUsPerReq = median(c.runs.map((r) => r.cpuUsPerReq));
  const tp = c.runs.map((r) => r.reqPerSec);
  const spread = (Math.max(...tp) - Math.min(...tp)) / c.reqPerSec;
  if (spread > 0.15)
    warnings.push(
      `${c.label}: throughput spread across runs is ${(spread * 100).toFixed(0)}% of the median (noisy machine?)`,
    );
  // On 2 cores the server shares the machine: if it burns ~a full core, the transport figure is server-bound.
  const srvCoreShare = median(c.runs.map((r) => (r.serverCpuUsPerReq * r.reqPerSec) / 1e6));
  c.serverCoreShare = srvCoreShare;
  if (srvCoreShare > 0.85)
    warnings.push(
      `${c.label}: loopback server used ${(srvCoreShare * 100).toFixed(0)}% of a core — this figure is bounded by the server, not only by the client`,
    );
}

// ---------------------------------------------------------------- memory
let memory;
if (thisC.skipped) memory = { skipped: `this client ${thisC.skipped}` };
else {
  log(`memory: ${config.memN} requests with this client (--expose-gc)…`);
  await server.reset();
  const m = await runChild("memory.mjs", ["this-client"], { ...workerEnv, BENCH_MEM_N: String(config.memN) }, [
    "--expose-gc",
  ]);
  const s = await server.stats();
  if (m.fatal) memory = { error: m.fatal.slice(0, 500) };
  else {
    memory = m;
    if (m.errors) warnings.push(`memory run: ${m.errors} client errors; first: ${m.firstError}`);
    if (s.ok !== config.memN + config.warmup)
      warnings.push(`memory run: server answered ${s.ok} OK, expected ${config.memN + config.warmup}`);
  }
}
await server.close();

// ---------------------------------------------------------------- cold import
log(`cold import: ${config.importRuns} fresh processes each…`);
let coldImport;
try {
  const targets = [{ key: "twilio", file: require.resolve("twilio") }];
  if (clientEntry.exists) targets.unshift({ key: "this", file: clientEntry.file });
  coldImport = measureColdImports(targets, config.importRuns);
  if (!clientEntry.exists) coldImport.targets = { this: { skipped: "not built" }, ...coldImport.targets };
} catch (e) {
  coldImport = { error: String(e.message || e).slice(0, 500), targets: {} };
}

// ---------------------------------------------------------------- bundle
log("bundle size…");
let bundle;
try {
  // The browser bundle is what a bundler resolves from the package (browser conditions), not the Node entry.
  bundle = await measureBundles(
    !clientEntry.exists
      ? null
      : clientEntry.project
        ? { packageFrom: clientEntry.project }
        : { file: clientEntry.file },
  );
  if (!clientEntry.exists) bundle.thisClient = { skipped: "not built" };
} catch (e) {
  bundle = {
    error: String(e.message || e),
    thisClient: { error: String(e.message || e).slice(0, 300) },
    openapiFetch: {},
  };
}

// ---------------------------------------------------------------- generate
if (!process.env.BENCH_SKIP_GENERATE) log("npm run generate…");
const generate = timeGenerate();
if (!process.env.BENCH_SKIP_GENERATE) log("generate from Twilio's description (103 operations)…");
const twilioRun = timeGenerateTwilio();
const { generated: twilioGenerated, dispose: disposeTwilio, ...generateTwilio } = twilioRun;
if (twilioGenerated) {
  try {
    generateTwilio.bundle = await measureGeneratedClient(twilioGenerated, bundle.core);
  } catch (e) {
    generateTwilio.bundle = { error: String(e.message || e).slice(0, 300) };
  } finally {
    disposeTwilio();
  }
}

// ---------------------------------------------------------------- targets
const by = Object.fromEntries(contenders.map((c) => [c.key, c]));
const div = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b ? a / b : NaN);
const ratios = {
  thisOverUndici: div(by.this.reqPerSec, by.undici.reqPerSec),
  thisOverTwilio: div(by.this.reqPerSec, by.twilio.reqPerSec),
  thisOverFetch: div(by.this.reqPerSec, by.fetch.reqPerSec),
  cpuThisOverUndici: div(by.this.cpuUsPerReq, by.undici.cpuUsPerReq),
  cpuThisOverTwilio: div(by.this.cpuUsPerReq, by.twilio.cpuUsPerReq),
};
const KB = 1024;
const MB = 1024 * 1024;
function target(name, value, ok, measured, skipReason) {
  const status = skipReason
    ? `skipped (${skipReason})`
    : !Number.isFinite(value)
      ? "skipped (no figure)"
      : ok(value)
        ? "met"
        : "NOT MET";
  return {
    name,
    value: Number.isFinite(value) ? value : null,
    measured: Number.isFinite(value) ? measured(value) : "n/a",
    status,
  };
}
const thisSkip = !thisC.skipped ? null : clientEntry.exists ? thisC.skipped : "not built";
const ci = coldImport.targets?.this;
const twilioImport = coldImport.targets?.twilio;
const targets = [
  target(
    "throughput ≥ 2.5× twilio-node (guard, issue 23)",
    ratios.thisOverTwilio,
    (v) => v >= 2.5,
    (v) => `${v.toFixed(2)}×`,
    thisSkip,
  ),
  target(
    "import cost ≤ 0.3× twilio-node's (guard, issue 23)",
    div(ci?.overBareMs, twilioImport?.overBareMs),
    (v) => v <= 0.3,
    (v) => `${v.toFixed(2)}× (${ci.overBareMs.toFixed(1)} ms against ${twilioImport.overBareMs.toFixed(1)} ms)`,
    ci?.skipped ?? twilioImport?.skipped ?? null,
  ),
  target(
    "main entry ≤ 20 KB min+gzip (guard, issue 23)",
    bundle.thisClient?.gzipBytes,
    (v) => v <= 20 * KB,
    (v) => `${(v / KB).toFixed(2)} KB`,
    bundle.thisClient?.skipped ?? (bundle.thisClient?.error ? "bundle failed" : null),
  ),
  target(
    "throughput ≥ 50% of undici",
    ratios.thisOverUndici,
    (v) => v >= 0.5,
    (v) => `${(v * 100).toFixed(0)}%`,
    thisSkip,
  ),
  target(
    "CPU/request ≤ 2× undici",
    ratios.cpuThisOverUndici,
    (v) => v <= 2,
    (v) => `${v.toFixed(2)}×`,
    thisSkip,
  ),
  target(
    "npm run generate ≤ 5 s",
    generate.failed ? NaN : generate.seconds,
    (v) => v <= 5,
    (v) => `${v.toFixed(2)} s`,
    generate.skipped ? generate.skipped : generate.failed ? "generate failed" : null,
  ),
  target(
    "generate from Twilio's 103-operation description ≤ 10 s",
    generateTwilio.failed ? NaN : generateTwilio.seconds,
    (v) => v <= 10,
    (v) => `${v.toFixed(2)} s`,
    generateTwilio.skipped ?? (generateTwilio.failed ? "generate failed" : null),
  ),
  target(
    `memory growth ≤ 10 MB over ${config.memN.toLocaleString("en-US")} requests (heapUsed)`,
    memory.heapGrowth,
    (v) => v <= 10 * MB,
    (v) => `${(v / MB).toFixed(2)} MB`,
    thisSkip ?? memory.skipped ?? (memory.error ? "memory run failed" : null),
  ),
];

// ---------------------------------------------------------------- output
const cpus = os.cpus();
const results = {
  title: "twilio-conversations-participants — benchmark",
  env: {
    date: new Date().toISOString(),
    node: process.version,
    cpuModel: cpus[0]?.model?.trim() || "unknown",
    cores: cpus.length,
    platform: `${os.platform()} ${os.arch()} ${os.release()}`,
  },
  config,
  versions,
  clientEntry: { ...clientEntry, description: describeEntry(clientEntry) },
  contenders: contenders.map(({ module, ...c }) => c),
  ratios,
  coldImport,
  bundle,
  generate,
  generateTwilio,
  memory,
  targets,
  warnings,
  wallSeconds: (performance.now() - wallStart) / 1000,
};
const md = renderMarkdown(results);
fs.mkdirSync(OUT_DIR, { recursive: true });
fs.writeFileSync(path.join(OUT_DIR, "latest.md"), md);
fs.writeFileSync(path.join(OUT_DIR, "latest.json"), JSON.stringify(results, null, 2) + "\n");
fs.writeFileSync(path.join(OUT_DIR, "throughput.svg"), renderSvg(results));
log("\n" + md);
log(`wrote ${path.relative(process.cwd(), OUT_DIR) || "."}/latest.md, latest.json, throughput.svg`);
clientEntry.dispose();
