#!/usr/bin/env node
// `npm run build`: src/ → dist/esm (ESM + .d.ts) and dist/cjs (CommonJS + CJS-flavoured .d.ts).
// Both tsc runs go in parallel; each dist half gets a package.json naming its module format, so
// the same `.js`/`.d.ts` extensions mean the right thing to Node and to TypeScript.
import { spawn } from "node:child_process";
import { build } from "esbuild";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const tsc = join(root, "node_modules/typescript/bin/tsc");

function run(project) {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, [tsc, "-p", project], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", fail);
    child.on("close", (code) =>
      code === 0
        ? done(`✔ tsc -p ${project.padEnd(24)} ${(performance.now() - started).toFixed(0).padStart(6)} ms`)
        : fail(new Error(`tsc -p ${project} failed (exit ${code}):\n${output}`)),
    );
  });
}

/**
 * tsc's output is ~20 small modules, and loading each costs an ESM import ~0.7 ms (a serverless
 * cold start pays it). So each ESM entry's JavaScript is replaced by an esbuild bundle of the same
 * source, keeping tsc's declarations beside it; entries share code through chunks, so there is one
 * copy of each error class. The CommonJS half stays tsc's: esbuild, seeing a `"type": "module"`
 * package, would read openapi-fetch's CommonJS `default` export the Node way (as the whole module).
 */
async function bundleEntries() {
  const started = performance.now();
  // The CLI (the package's `bin`) is an entry too; csv-parse, its own dependency, stays external
  // and is imported by no library entry (test/package checks).
  const entryPoints = ["src/index.ts", "src/node.ts", "src/testing/index.ts", "src/cli/main.ts"].map((e) =>
    join(root, e),
  );
  const common = {
    entryPoints,
    bundle: true,
    outbase: join(root, "src"),
    platform: "neutral",
    target: "es2022",
    // Dependencies stay imports (the proxy ones load lazily, only when a proxy is set; csv-parse is the CLI's).
    external: ["openapi-fetch", "https-proxy-agent", "proxy-from-env", "csv-parse", "node:*"],
    logLevel: "error",
    legalComments: "none",
  };
  await build({
    ...common,
    format: "esm",
    splitting: true,
    outdir: join(dist, "esm/src"),
    chunkNames: "chunks/[name]-[hash]",
    allowOverwrite: true,
  });
  // tsc's per-module JavaScript is now unused (the bundles hold it); its declarations stay.
  const keep = new Set(["src/index.js", "src/node.js", "src/testing/index.js", "src/cli/main.js"]);
  for (const file of await readdir(join(dist, "esm"), { recursive: true })) {
    const path = file.split("\\").join("/");
    if (path.endsWith(".js") && !keep.has(path) && !path.startsWith("src/chunks/")) await rm(join(dist, "esm", path));
  }
  return `✔ esbuild ESM entry bundles              ${(performance.now() - started).toFixed(0).padStart(6)} ms`;
}

/**
 * Every `internal/` folder under src/ (the core's src/internal/, a room's such as
 * src/participants/internal/) is private: its declarations do not ship. A public declaration that
 * still imports one (a private type leaking into the API) fails the build, naming both files.
 */
const isPrivate = (path) => /^src\/(.+\/)?internal\//.test(path);

async function dropPrivateDeclarations() {
  const leaks = [];
  for (const half of ["esm", "cjs"]) {
    const files = (await readdir(join(dist, half), { recursive: true })).map((f) => f.split("\\").join("/"));
    for (const file of files.filter((f) => f.endsWith(".d.ts") && !isPrivate(f))) {
      const text = await readFile(join(dist, half, file), "utf8");
      for (const [, specifier] of text.matchAll(/from ["']([^"']+)["']/g)) {
        if (specifier.startsWith(".") && isPrivate(join(dirname(file), specifier).split("\\").join("/")))
          leaks.push(`${half}/${file} → ${specifier}`);
      }
    }
    for (const file of files.filter((f) => isPrivate(f) && f.endsWith(".d.ts"))) await rm(join(dist, half, file));
  }
  if (leaks.length) throw new Error(`public declarations import private ones (internal/):\n  ${leaks.join("\n  ")}`);
  return "✔ private declarations dropped (src/**/internal/)";
}

try {
  await rm(dist, { recursive: true, force: true });
  const lines = await Promise.all([run("tsconfig.build.json"), run("tsconfig.build.cjs.json")]);
  lines.push(await bundleEntries());
  lines.push(await dropPrivateDeclarations());
  // Bundlers read `sideEffects` from the *nearest* package.json, so these repeat the root's
  // `"sideEffects": false` (without it, importing one name keeps every module). dist/esm says
  // "module" explicitly so it stays ESM whatever the root's "type" becomes.
  await writeFile(join(dist, "cjs/package.json"), '{ "type": "commonjs", "sideEffects": false }\n');
  await writeFile(join(dist, "esm/package.json"), '{ "type": "module", "sideEffects": false }\n');
  // stderr: `prepack` runs this inside `npm pack --json`, whose stdout must stay JSON.
  console.error(lines.join("\n"));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
