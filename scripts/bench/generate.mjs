// Wall time of a full regeneration (lint + types + validators + docs), written into a temp folder:
// `npm run generate` in the repo would rewrite generated/ under anyone working there. And the same
// for Twilio's own 103-operation description (test/fixtures/twilio-oai), whose output is kept for
// the bundle of the client made from it (bundle-size.mjs), then removed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { ROOT } from "./entry.mjs";

const SCRIPT = path.join(ROOT, "scripts/generate.mjs");
export const TWILIO_SPEC = "test/fixtures/twilio-oai/twilio_conversations_v1.json";

/** Runs the generator with `args(tmp)`; `{ seconds, tmp }` or why it did not run. The caller removes `tmp`. */
function timeRun(args) {
  if (process.env.BENCH_SKIP_GENERATE) return { skipped: "BENCH_SKIP_GENERATE is set" };
  if (!fs.existsSync(SCRIPT)) return { skipped: "no scripts/generate.mjs" };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tcp-bench-generate-"));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [SCRIPT, ...args(tmp)], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) {
    fs.rmSync(tmp, { recursive: true, force: true });
    return { seconds, failed: `exit ${r.status}: ${(r.stderr || r.stdout || "").trim().slice(-400)}` };
  }
  if (fs.readdirSync(path.join(tmp, "generated")).length === 0) {
    fs.rmSync(tmp, { recursive: true, force: true });
    return { seconds, failed: "generate exited 0 but wrote no output" };
  }
  return { seconds, tmp };
}

export function timeGenerate() {
  const run = timeRun((tmp) => ["--out", path.join(tmp, "generated"), "--docs", path.join(tmp, "docs.html")]);
  if (!run.tmp) return run;
  const docs = fs.existsSync(path.join(run.tmp, "docs.html"));
  fs.rmSync(run.tmp, { recursive: true, force: true });
  if (!docs) return { seconds: run.seconds, failed: "generate exited 0 but wrote no docs" };
  return { seconds: run.seconds, command: "node scripts/generate.mjs --out <tmp>/generated --docs <tmp>/docs.html" };
}

/**
 * Twilio's description through the generator, without the docs page or the comparison with this
 * package's last release (which is about its own spec):
 * `{ seconds, command, generated, dispose }`; `generated` imports src/types.ts, so it bundles from here.
 */
export function timeGenerateTwilio() {
  if (!fs.existsSync(path.join(ROOT, TWILIO_SPEC))) return { skipped: `no ${TWILIO_SPEC}` };
  const run = timeRun((tmp) => [
    "--spec",
    TWILIO_SPEC,
    "--out",
    path.join(tmp, "generated"),
    "--no-docs",
    "--no-spec-changes",
    "--types",
    path.relative(path.join(tmp, "generated"), path.join(ROOT, "src/types.js")),
  ]);
  if (!run.tmp) return run;
  return {
    seconds: run.seconds,
    command: `node scripts/generate.mjs --spec ${TWILIO_SPEC} --out <tmp>/generated --no-docs --no-spec-changes`,
    generated: path.join(run.tmp, "generated"),
    dispose: () => fs.rmSync(run.tmp, { recursive: true, force: true }),
  };
}
