// Wall time of a full regeneration (lint + types + validators + docs), written into a temp folder:
// `npm run generate` in the repo would rewrite generated/ under anyone working there.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { ROOT } from "./entry.mjs";

export function timeGenerate() {
  if (process.env.BENCH_SKIP_GENERATE) return { skipped: "BENCH_SKIP_GENERATE is set" };
  const script = path.join(ROOT, "scripts/generate.mjs");
  if (!fs.existsSync(script)) return { skipped: "no scripts/generate.mjs" };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tcp-bench-generate-"));
  const args = [script, "--out", path.join(tmp, "generated"), "--docs", path.join(tmp, "docs.html")];
  try {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    const seconds = (performance.now() - t0) / 1000;
    if (r.status !== 0)
      return { seconds, failed: `exit ${r.status}: ${(r.stderr || r.stdout || "").trim().slice(-400)}` };
    const written = fs.readdirSync(path.join(tmp, "generated")).length;
    if (!fs.existsSync(path.join(tmp, "docs.html")) || written === 0)
      return { seconds, failed: "generate exited 0 but wrote no output" };
    return { seconds, command: "node scripts/generate.mjs --out <tmp>/generated --docs <tmp>/docs.html" };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
