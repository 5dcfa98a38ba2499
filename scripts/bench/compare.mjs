// `node scripts/bench/compare.mjs REF REF…`: the whole client's CPU per request at each git revision
// (a commit, a branch, or `.` for the working tree), to weigh one change, such as a performance
// trick against its plain version. Each revision's src/ and generated/ are bundled with esbuild as
// layers.mjs bundles them (dependencies from this checkout), then run by contenders/this-client.mjs
// in fresh processes against one loopback server, rounds interleaved, each round starting one
// revision later than the last; medians, with the spread (min–max). Naming a revision twice (an A/A
// pair) shows the noise. Env: BENCH_N (20000), BENCH_ROUNDS (5), BENCH_WARMUP (2000),
// BENCH_CONCURRENCY (32). Nothing is asserted.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { runChild, startServer } from "./children.mjs";
import { ROOT } from "./entry.mjs";
import { median } from "./stats.mjs";

const refs = process.argv.slice(2);
if (refs.length < 2) throw new Error("usage: node scripts/bench/compare.mjs REF REF… (`.` = the working tree)");
const int = (v, d) => (Number(v) > 0 ? Math.floor(Number(v)) : d);
const n = int(process.env.BENCH_N, 20_000);
const rounds = int(process.env.BENCH_ROUNDS, 5);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tcp-compare-"));
const esbuild = createRequire(path.join(ROOT, "package.json"))("esbuild");

/** The revision's src/ and generated/ in a folder of their own (the working tree's as they are). */
function checkout(ref, i) {
  if (ref === ".") return ROOT;
  const tree = path.join(dir, `tree-${i}`);
  fs.mkdirSync(tree);
  const archive = execFileSync("git", ["archive", ref, "src", "generated"], { cwd: ROOT, maxBuffer: 1 << 28 });
  execFileSync("tar", ["-x", "-C", tree], { input: archive });
  return tree;
}

const server = await startServer();
try {
  const entries = [];
  for (const [i, ref] of refs.entries()) {
    const tree = checkout(ref, i);
    const outfile = path.join(dir, `client-${i}.mjs`);
    await esbuild.build({
      stdin: { contents: 'export { createConversationsClient } from "./src/node.ts";', resolveDir: tree, loader: "ts" },
      nodePaths: [path.join(ROOT, "node_modules")],
      bundle: true,
      platform: "node",
      format: "esm",
      outfile,
      logLevel: "warning",
    });
    entries.push(outfile);
  }
  const runs = refs.map(() => []);
  const env = {
    BENCH_URL: server.url,
    BENCH_N: String(n),
    BENCH_WARMUP: process.env.BENCH_WARMUP || "2000",
    BENCH_CONCURRENCY: process.env.BENCH_CONCURRENCY || "32",
  };
  for (let round = 1; round <= rounds; round++) {
    // Each round starts one revision later, so no revision always runs first (or right after another).
    for (let k = 0; k < refs.length; k++) {
      const i = (k + round - 1) % refs.length;
      const ref = refs[i];
      const r = await runChild("worker.mjs", ["this-client"], { ...env, BENCH_ENTRY: entries[i] });
      if (r.fatal || r.errors) throw new Error(`${ref}: ${r.fatal ?? r.firstError}`);
      runs[i].push(r);
      console.log(
        `round ${round}  ${ref.padEnd(24)} ${r.reqPerSec.toFixed(0).padStart(6)} req/s  ${r.cpuUsPerReq.toFixed(1).padStart(6)} µs CPU/req`,
      );
    }
  }
  const cpu = runs.map((rs) => rs.map((r) => r.cpuUsPerReq));
  const base = median(cpu[0]);
  console.log(
    `\n| revision | req/s (median) | CPU µs/req (median) | spread (min–max) | vs ${refs[0]} |\n| --- | --- | --- | --- | --- |`,
  );
  for (const [i, ref] of refs.entries()) {
    const m = median(cpu[i]);
    const delta =
      i === 0
        ? "—"
        : `${m - base >= 0 ? "+" : ""}${(m - base).toFixed(1)} µs (${(((m - base) / base) * 100).toFixed(1)}%)`;
    console.log(
      `| ${ref} | ${median(runs[i].map((r) => r.reqPerSec)).toFixed(0)} | ${m.toFixed(1)} | ${Math.min(...cpu[i]).toFixed(1)}–${Math.max(...cpu[i]).toFixed(1)} | ${delta} |`,
    );
  }
} finally {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
