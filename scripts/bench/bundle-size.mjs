// Browser bundle size: esbuild (bundle, minify, platform browser, esm), then
// gzip level 9 via node:zlib. Dependencies are bundled in, so "this client"
// includes openapi-fetch; "openapi-fetch alone" is its whole public module.
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";
import { ROOT } from "./entry.mjs";
import { PACKAGE_NAME as PACKAGE } from "./stage.mjs";

const require = createRequire(path.join(ROOT, "package.json"));

async function measure(buildOpts) {
  const esbuild = require("esbuild");
  const r = await esbuild.build({
    bundle: true, minify: true, platform: "browser", format: "esm",
    write: false, logLevel: "silent", ...buildOpts,
  });
  const code = r.outputFiles[0].contents;
  // No Node built-in may reach a browser bundle.
  const nodeBuiltins = r.metafile ? Object.keys(r.metafile.inputs).filter((i) => i.startsWith("node:")) : [];
  return { minBytes: code.length, gzipBytes: zlib.gzipSync(code, { level: 9 }).length, ...(r.metafile ? { nodeBuiltins } : {}) };
}

/**
 * `target`: `{ packageFrom }`, a folder whose node_modules holds the built package (esbuild then
 * resolves its main entry with the browser conditions, as a user's bundler would), or `{ file }`.
 */
export async function measureBundles(target) {
  const out = {};
  const label = target?.packageFrom ? `${PACKAGE} (browser conditions)` : target?.file;
  try {
    const input = target?.packageFrom
      ? { stdin: { contents: `export * from "${PACKAGE}";`, resolveDir: target.packageFrom, loader: "js" } }
      : { entryPoints: [target.file] };
    const result = await measure({ ...input, metafile: true });
    out.thisClient = { file: label, ...result };
  } catch (e) {
    out.thisClient = { file: label, error: String(e.message || e).split("\n").slice(0, 4).join(" | ") };
  }
  out.openapiFetch = await measure({
    stdin: { contents: 'export * from "openapi-fetch"; export { default } from "openapi-fetch";', resolveDir: ROOT, loader: "js" },
  });
  return out;
}
