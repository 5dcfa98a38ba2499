// Cold import time: fresh `node` processes, wall clock around spawnSync,
// interleaved (baselines, then each target, repeated), median of `runs`.
// "Over bare" subtracts `node --input-type=module -e ""` (same ESM loader the
// import uses, so only the package's own load time is left); the plain
// `node -e ""` figure is reported too.
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { median } from "./stats.mjs";

function timeOnce(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"], env: { PATH: process.env.PATH } });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} failed: ${String(r.stderr).slice(0, 400)}`);
  return ms;
}

/** targets: [{ key, file }] -> { runs, bareMs, bareEsmMs, targets: { key: { medianMs, overBareMs, samples } } } */
export function measureColdImports(targets, runs) {
  const cases = [
    { key: "bare", args: ["-e", ""] },
    { key: "bareEsm", args: ["--input-type=module", "-e", ""] },
    ...targets.map((t) => ({
      key: t.key,
      args: ["--input-type=module", "-e", `import ${JSON.stringify(pathToFileURL(t.file).href)};`],
    })),
  ];
  const samples = Object.fromEntries(cases.map((c) => [c.key, []]));
  for (const c of cases) timeOnce(c.args); // discard: warm the page cache
  for (let i = 0; i < runs; i++) for (const c of cases) samples[c.key].push(timeOnce(c.args));
  const bareMs = median(samples.bare);
  const bareEsmMs = median(samples.bareEsm);
  const out = { runs, bareMs, bareEsmMs, targets: {} };
  for (const t of targets) {
    const m = median(samples[t.key]);
    out.targets[t.key] = {
      file: t.file,
      medianMs: m,
      overBareMs: m - bareEsmMs,
      overPlainBareMs: m - bareMs,
      samples: samples[t.key],
    };
  }
  return out;
}
