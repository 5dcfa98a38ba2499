#!/usr/bin/env node
// `npm run bench:bulk`: 3,000 chat participants over 10 conversations against the fake server in a
// process of its own, with Twilio's 30 creates/s per conversation and 80 ms per request. The
// physical limit is 3,000 / (10 × 30/s) = 10 s. Contenders: addParticipants, the CLI, and what
// users write with twilio-node; then a kill -9 halfway plus a rerun, and the CLI's memory on big
// files. Prints a table and writes bench-results/bulk.{json,md,svg}. Never a test: nothing is asserted.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runChild } from "./children.mjs";
import { ensureDeps } from "./deps.mjs";
import { removeStage, stagePackage } from "./stage.mjs";
import { renderBulk } from "./bulk/report.mjs";
import { startFake } from "./bulk/server.mjs";

const N = 3000,
  CONVERSATIONS = 10,
  PER = N / CONVERSATIONS,
  RATE = 30;
const LATENCY = Number(process.env.BULK_LATENCY ?? 80);
const MEMORY_ROWS = Number(process.env.BULK_MEMORY_ROWS ?? 1_000_000);
const MEMORY_RUN_ROWS = Number(process.env.BULK_MEMORY_RUN_ROWS ?? 200_000);
const LIMIT_S = N / (CONVERSATIONS * RATE);
const log = (s) => process.stdout.write(s + "\n");

ensureDeps();
log("staging the package (npm run build in a private copy)…");
const stage = await stagePackage();
const dist = path.join(stage.packageDir, "dist/esm/src");
const testing = path.join(dist, "testing/index.js");
const cli = path.join(dist, "cli/main.js");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tcp-bulk-"));
const limited = { limits: true, latencyMs: LATENCY, conversations: CONVERSATIONS };
const serverEnv = (s) => ({ BULK_SERVER: JSON.stringify({ ...s.info, perConversation: PER }) });
const results = { contenders: [], crash: undefined, background: undefined, memory: {} };
/** Other traffic using this many of each conversation's 30 actions/s in the shared-budget run. */
const BACKGROUND = 10;

/** Runs the CLI to its end (or until `until()` says kill -9); wall time, exit code, stderr's last lines. */
function runCli(args, s, { until, env = {} } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: tmp,
      stdio: ["ignore", "ignore", "pipe"],
      env: {
        PATH: process.env.PATH,
        TWILIO_ACCOUNT_SID: s.info.accountSid,
        TWILIO_AUTH_TOKEN: s.info.authToken,
        TWILIO_CONVERSATIONS_BASE_URL: s.info.baseUrl,
        ...env,
      },
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-2000)));
    let poll;
    if (until) poll = setInterval(async () => (await until()) && child.kill("SIGKILL"), 50);
    child.on("exit", (code, signal) => {
      clearInterval(poll);
      resolve({
        wallMs: performance.now() - started,
        code,
        signal,
        stderr: stderr.trim().split("\n").slice(-3).join(" | "),
      });
    });
  });
}

function writeRows(file, rows, conversations) {
  const out = fs.openSync(file, "w");
  fs.writeSync(out, "Identity,Attributes,ConversationSid\n");
  const per = rows / conversations.length;
  let chunk = "";
  for (let i = 0; i < rows; i++) {
    chunk += `user-${i % per},"{""n"":${i}}",${conversations[Math.floor(i / per)]}\n`;
    if (chunk.length > 1 << 20) (fs.writeSync(out, chunk), (chunk = ""));
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);
}

const contender = (key, label, run, stats, extra = {}) => {
  const c = {
    key,
    label,
    wallS: run.wallMs / 1000,
    ratio: run.wallMs / 1000 / LIMIT_S,
    limited: stats.limited,
    stored: stats.stored,
    duplicates: stats.stored - stats.distinct,
    creates: stats.creates,
    peak: stats.peak,
    ...extra,
  };
  results.contenders.push(c);
  log(
    `  ${label}: ${c.wallS.toFixed(2)} s (${c.ratio.toFixed(2)}× the limit), ${c.limited} × 429, stored ${c.stored}, failures ${c.failures}`,
  );
};

try {
  log(
    `addParticipants (library): ${N} adds, ${CONVERSATIONS} conversations, ${LATENCY} ms latency, Twilio's limits on…`,
  );
  for (const concurrency of (process.env.BULK_SWEEP ?? "").split(",").filter(Boolean).map(Number)) {
    const s = await startFake(testing, limited);
    const run = await runChild("bulk/library.mjs", [], {
      BULK_ENTRY: stage.nodeEntry,
      ...serverEnv(s),
      BULK_CONCURRENCY: String(concurrency),
    });
    log(`  sweep: concurrency ${concurrency}: ${(run.wallMs / 1000).toFixed(2)} s`);
    await s.close();
  }
  {
    const s = await startFake(testing, limited);
    const run = await runChild("bulk/library.mjs", [], { BULK_ENTRY: stage.nodeEntry, ...serverEnv(s) });
    contender("library", "addParticipants", run, await s.stats(), { failures: run.summary?.failed ?? run.fatal });
    await s.close();
  }
  {
    const s = await startFake(testing, limited);
    const file = path.join(tmp, "people.csv");
    writeRows(file, N, s.info.conversations);
    const run = await runCli(["add", "--service", s.info.service, "--file", file], s);
    const stats = await s.stats();
    contender("cli", "CLI (add --file people.csv)", run, stats, {
      failures: run.code === 0 ? 0 : `exit ${run.code}: ${run.stderr}`,
    });
    await s.close();
  }
  for (const [mode, label] of [
    ["promise-all", "twilio-node Promise.all"],
    ["pool", "twilio-node pool of 32"],
    ["autoretry", "twilio-node pool of 32 + autoRetry"],
  ]) {
    const s = await startFake(testing, limited);
    const run = await runChild("bulk/twilio-node.mjs", [], { BULK_MODE: mode, ...serverEnv(s) });
    const note =
      run.rejectedAtMs === undefined
        ? ""
        : `Promise.all rejected at ${(run.rejectedAtMs / 1000).toFixed(2)} s with ${run.stillRunningAtReject} calls still running`;
    contender(mode, label, run, await s.stats(), { failures: run.failures ?? run.fatal, note });
    await s.close();
  }

  log(
    `shared budget: addParticipants and the CLI while other traffic uses ${BACKGROUND} of each conversation's ${RATE} actions/s…`,
  );
  // The budget left: (30 - 10)/s per conversation, so N / (conversations × 20) s at best.
  const fairS = N / (CONVERSATIONS * (RATE - BACKGROUND));
  results.background = { actionsPerSecond: BACKGROUND, fairS, runs: [] };
  for (const [key, label] of [
    ["library", "addParticipants"],
    ["cli", "CLI (add --file people.csv)"],
  ]) {
    const s = await startFake(testing, { ...limited, background: BACKGROUND });
    let run;
    if (key === "library") {
      const child = await runChild("bulk/library.mjs", [], { BULK_ENTRY: stage.nodeEntry, ...serverEnv(s) });
      run = { ...child, code: child.fatal ? 1 : child.summary.failed ? 1 : 0 };
    } else {
      const file = path.join(tmp, "shared.csv");
      writeRows(file, N, s.info.conversations);
      run = await runCli(["add", "--service", s.info.service, "--file", file], s);
    }
    const stats = await s.stats();
    const b = {
      key,
      label,
      wallS: run.wallMs / 1000,
      ratio: run.wallMs / 1000 / fairS,
      creates: stats.creates,
      limited: stats.limited,
      limitedShare: stats.creates ? stats.limited / stats.creates : 0,
      stored: stats.stored,
      duplicates: stats.stored - stats.distinct,
      exit: run.code,
    };
    results.background.runs.push(b);
    log(
      `  ${label}: ${b.wallS.toFixed(2)} s (${b.ratio.toFixed(2)}× N / ${RATE - BACKGROUND} per s), ${b.limited} × 429 of ${b.creates} creates (${(100 * b.limitedShare).toFixed(1)}%), stored ${b.stored}, duplicates ${b.duplicates}, exit ${b.exit}`,
    );
    await s.close();
  }

  log("crash test: kill -9 the CLI at about half way, rerun with the same journal…");
  {
    const s = await startFake(testing, limited);
    const file = path.join(tmp, "crash.csv");
    const journal = path.join(tmp, "crash.journal");
    writeRows(file, N, s.info.conversations);
    const args = ["add", "--service", s.info.service, "--file", file, "--journal", journal];
    const first = await runCli(args, s, { until: async () => (await s.stats()).stored >= N / 2 });
    const atKill = await s.stats();
    const rerun = await runCli(args, s);
    const end = await s.stats();
    results.crash = {
      killedBy: first.signal,
      storedAtKill: atKill.stored,
      rerunExit: rerun.code,
      rerunWallS: rerun.wallMs / 1000,
      stored: end.stored,
      duplicates: end.stored - end.distinct,
      rerunCreates: end.creates - atKill.creates,
      rerunReads: end.reads - atKill.reads,
      rerunStderr: rerun.stderr,
    };
    log(
      `  killed (${first.signal}) with ${atKill.stored} stored; rerun exit ${rerun.code}: stored ${end.stored}, duplicates ${results.crash.duplicates}, rerun sent ${results.crash.rerunCreates} creates + ${results.crash.rerunReads} reads`,
    );
    await s.close();
  }

  log(`memory: --dry-run over ${MEMORY_ROWS.toLocaleString("en-US")} rows…`);
  const probe = path.join(import.meta.dirname, "bulk/rss-probe.mjs");
  const rssOf = (file) => JSON.parse(fs.readFileSync(file, "utf8"));
  {
    const conversations = Array.from({ length: MEMORY_ROWS / 1000 }, (_, i) => "CH" + String(i + 1).padStart(32, "0"));
    const file = path.join(tmp, "million.csv");
    writeRows(file, MEMORY_ROWS, conversations);
    const rssFile = path.join(tmp, "dry.rss.json");
    const fakeInfo = { info: { accountSid: "", authToken: "", baseUrl: "" } };
    const run = await runCli(["add", "--service", "IS" + "0".repeat(31) + "1", "--file", file, "--dry-run"], fakeInfo, {
      env: { NODE_OPTIONS: `--import=${probe}`, BULK_RSS_FILE: rssFile },
    });
    const rss = rssOf(rssFile);
    results.memory.dryRun = {
      rows: MEMORY_ROWS,
      exit: run.code,
      wallS: run.wallMs / 1000,
      rowsPerSec: MEMORY_ROWS / (run.wallMs / 1000),
      peakRssMiB: rss.maxRssBytes / 2 ** 20,
    };
    log(
      `  ${results.memory.dryRun.rowsPerSec.toFixed(0)} rows/s, peak RSS ${results.memory.dryRun.peakRssMiB.toFixed(0)} MiB (exit ${run.code})`,
    );
    fs.rmSync(file);
  }
  log(`memory: a real run of ${MEMORY_RUN_ROWS.toLocaleString("en-US")} rows against the fake without limits…`);
  {
    const s = await startFake(testing, {
      limits: false,
      latencyMs: 0,
      conversations: MEMORY_RUN_ROWS / 1000,
      record: false,
    });
    const file = path.join(tmp, "big.csv");
    writeRows(file, MEMORY_RUN_ROWS, s.info.conversations);
    const rssFile = path.join(tmp, "run.rss.json");
    const run = await runCli(["add", "--service", s.info.service, "--file", file, "--rate", "1000000"], s, {
      env: { NODE_OPTIONS: `--expose-gc --import=${probe}`, BULK_RSS_FILE: rssFile },
    });
    const rss = rssOf(rssFile);
    const mib = (b) => b / 2 ** 20;
    const at = (xs, f) => mib(xs[Math.min(xs.length - 1, Math.floor(xs.length * f))] ?? NaN);
    const q = (f) => at(rss.samples, f);
    const stats = await s.stats();
    results.memory.realRun = {
      rows: MEMORY_RUN_ROWS,
      exit: run.code,
      wallS: run.wallMs / 1000,
      rowsPerSec: MEMORY_RUN_ROWS / (run.wallMs / 1000),
      stored: stats.stored,
      peakRssMiB: mib(rss.maxRssBytes),
      rssAt25MiB: q(0.25),
      rssAt50MiB: q(0.5),
      rssAt100MiB: q(1),
      heapAt25MiB: at(rss.heap, 0.25),
      heapAt50MiB: at(rss.heap, 0.5),
      heapAt100MiB: at(rss.heap, 0.99),
    };
    log(
      `  ${results.memory.realRun.rowsPerSec.toFixed(0)} rows/s, stored ${stats.stored}, RSS at 25/50/100%: ${q(0.25).toFixed(0)}/${q(0.5).toFixed(0)}/${q(1).toFixed(0)} MiB, peak ${mib(rss.maxRssBytes).toFixed(0)} MiB; live heap after gc at 25/50/~100%: ${at(rss.heap, 0.25).toFixed(1)}/${at(rss.heap, 0.5).toFixed(1)}/${at(rss.heap, 0.99).toFixed(1)} MiB`,
    );
    await s.close();
    fs.rmSync(file);
  }
} finally {
  removeStage(stage);
  fs.rmSync(tmp, { recursive: true, force: true });
}

const cpus = os.cpus();
const env = {
  date: new Date().toISOString(),
  node: process.version,
  cpuModel: cpus[0]?.model?.trim() || "unknown",
  cores: cpus.length,
  platform: `${os.platform()} ${os.arch()} ${os.release()}`,
};
const config = {
  n: N,
  conversations: CONVERSATIONS,
  ratePerConversation: RATE,
  latencyMs: LATENCY,
  limitS: LIMIT_S,
  memoryRows: MEMORY_ROWS,
  memoryRunRows: MEMORY_RUN_ROWS,
};
const out = path.resolve(import.meta.dirname, "../../bench-results");
fs.mkdirSync(out, { recursive: true });
const { markdown, svg } = renderBulk({ env, config, ...results });
fs.writeFileSync(path.join(out, "bulk.json"), JSON.stringify({ env, config, ...results }, null, 2) + "\n");
fs.writeFileSync(path.join(out, "bulk.md"), markdown);
fs.writeFileSync(path.join(out, "bulk.svg"), svg);
log("\n" + markdown);
log("written: bench-results/bulk.json, bulk.md, bulk.svg");
