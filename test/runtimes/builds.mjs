// How run-matrix.mjs builds each bundle (esbuild flags as the users' own tools set them), and the few
// lines of app around a check in each kind of bundle.

/** What a run checks: one participant create, or every outcome (minified bundles). */
export const SMOKE = { file: "smoke.mjs", fn: "runSmoke" };
export const OUTCOMES = { file: "outcomes.mjs", fn: "runOutcomes" };

/** esbuild flags per bundle, after `--bundle --format=esm --target=es2022`. */
export const BUILDS = {
  workerd: ["--platform=browser", "--conditions=workerd,worker,browser"],
  browser: ["--platform=browser"],
  // Minified, so class and function names are mangled: wrangler's platform and conditions with minify
  // on (the package's exports decide, not main fields); a Vite-like production build; a Node server bundle.
  workerdMin: [
    "--platform=neutral",
    "--conditions=workerd,worker,browser",
    "--main-fields=browser,module,main",
    "--minify",
  ],
  browserMin: ["--platform=browser", '--define:process.env.NODE_ENV="production"', "--minify"],
  nodeMin: ["--platform=node", "--minify"],
};

/**
 * The entry module that runs `check` in a `node` script (config in MATRIX_CONFIG), a `worker` (config
 * as a binding: a Worker may do I/O only inside a handler) or a `browser` page (config on globalThis).
 */
export function entrySource(check, kind) {
  const head = `import { ${check.fn} as run } from "./${check.file}";`;
  const body = {
    node: [`console.log(\`OK \${await run(JSON.parse(process.env.MATRIX_CONFIG))}\`);`],
    worker: [
      `export default {`,
      `  async fetch(request, env) {`,
      `    try { return new Response(await run(env.SMOKE_CONFIG)); }`,
      `    catch (err) { return new Response(String(err?.stack ?? err), { status: 500 }); }`,
      `  },`,
      `};`,
    ],
    browser: [
      `run(globalThis.__SMOKE_CONFIG__).then((sid) => { window.__SMOKE_RESULT__ = { ok: true, sid }; },`,
      `  (err) => { window.__SMOKE_RESULT__ = { ok: false, error: String(err?.stack ?? err) }; });`,
    ],
  }[kind];
  return [head, ...body, ""].join("\n");
}
