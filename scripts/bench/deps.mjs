// The baseline contenders (twilio-node, undici) are this folder's own
// dependencies, pinned by scripts/bench/package-lock.json, so the product's
// package.json stays free of them. Install them on first use (fresh machines
// keep nothing installed by hand): `npm ci` here, from the npm registry.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

export function ensureDeps() {
  const here = import.meta.dirname;
  const missing = ["twilio", "undici"].filter(
    (p) => !fs.existsSync(path.join(here, "node_modules", p, "package.json")),
  );
  if (!missing.length) return;
  process.stdout.write(`bench deps missing (${missing.join(", ")}): running npm ci in scripts/bench…\n`);
  const r = spawnSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: here, stdio: "inherit" });
  if (r.status !== 0) {
    process.stderr.write("npm ci failed in scripts/bench; run it by hand: (cd scripts/bench && npm ci)\n");
    process.exit(1);
  }
}
