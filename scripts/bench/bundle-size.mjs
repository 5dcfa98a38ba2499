// Browser bundle size: esbuild (bundle, minify, platform browser, esm), then
// gzip level 9 via node:zlib. Dependencies are bundled in, so "this client"
// includes openapi-fetch; "openapi-fetch alone" is its whole public module.
import { readFile } from "node:fs/promises";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";
import { ROOT } from "./entry.mjs";
import { PACKAGE_NAME as PACKAGE } from "./stage.mjs";

const require = createRequire(path.join(ROOT, "package.json"));

function bundle(buildOpts) {
  return require("esbuild").build({
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    write: false,
    logLevel: "silent",
    ...buildOpts,
  });
}

/** The generic client over the operation table in `generated` (its errors come along: the core throws them). */
const coreEntry = (generated) =>
  [
    `export { createOperationsClient } from ${JSON.stringify(path.join(ROOT, "src/client.ts"))};`,
    `export { operationTable } from ${JSON.stringify(path.join(generated, "operations.ts"))};`,
  ].join("\n");

const gzip = (code) => zlib.gzipSync(code, { level: 9 }).length;

async function measure(buildOpts) {
  const code = (await bundle(buildOpts)).outputFiles[0].contents;
  return { minBytes: code.length, gzipBytes: gzip(code) };
}

/**
 * This client's bundle, split as a user's bundler splits it (Vite, webpack, esbuild --splitting):
 * `gzipBytes` is what a page loads before its first call, the entry's file and the chunks it imports
 * statically, each gzipped on its own as a server sends them; `lazyGzipBytes` what loads on first use
 * (an `import()`: the bulk engine on a first addParticipants run); `singleFileGzipBytes` the whole as
 * one file (a bundler that inlines dynamic imports). Also the Node built-ins in it, and its size
 * without literals.
 */
async function measureClient(buildOpts) {
  const r = await bundle({ ...buildOpts, metafile: true, splitting: true, outdir: "/split", chunkNames: "[name]" });
  const files = new Map(r.outputFiles.map((f) => [path.relative("/split", f.path), f.contents]));
  const outputs = Object.fromEntries(
    Object.entries(r.metafile.outputs).map(([k, v]) => [path.relative("/split", k), v]),
  );
  const entry = Object.keys(outputs).find((k) => outputs[k].entryPoint !== undefined || k.startsWith("stdin"));
  const atStart = new Set();
  const visit = (file) => {
    if (atStart.has(file)) return;
    atStart.add(file);
    for (const i of outputs[file].imports) {
      const chunk = path.relative("/split", i.path);
      if (i.kind === "import-statement" && files.has(chunk)) visit(chunk);
    }
  };
  visit(entry);
  const sum = (names, size) => names.reduce((total, name) => total + size(files.get(name)), 0);
  const lazy = [...files.keys()].filter((name) => name.endsWith(".js") && !atStart.has(name));
  const single = await bundle({ ...buildOpts, metafile: true });
  const { contents, text } = single.outputFiles[0];
  return {
    minBytes: sum([...atStart], (c) => c.length),
    gzipBytes: sum([...atStart], gzip),
    files: atStart.size,
    lazyMinBytes: sum(lazy, (c) => c.length),
    lazyGzipBytes: sum(lazy, gzip),
    singleFileMinBytes: contents.length,
    singleFileGzipBytes: gzip(contents),
    // No Node built-in may reach a browser bundle.
    nodeBuiltins: Object.keys(single.metafile.inputs).filter((i) => i.startsWith("node:")),
    // Every string literal emptied (messages, field names, patterns; openapi-fetch's too): the
    // size no rewording can go below. Found by a regex over minified code: close, not exact.
    gzipBytesWithoutLiterals: gzip(text.replace(/"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, '""')),
  };
}

/** Minified bytes per source file of `entry` (openapi-fetch as one), largest first. */
async function bySource(entry) {
  const { metafile } = await bundle({ entryPoints: [entry], metafile: true });
  return Object.entries(Object.values(metafile.outputs)[0].inputs)
    .map(([file, { bytesInOutput }]) => [
      /node_modules\/openapi-fetch\//.test(file) ? "openapi-fetch" : file,
      bytesInOutput,
    ])
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1]);
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
    out.thisClient = { file: label, ...(await measureClient(input)) };
    // The package's dist/ is itself a bundle (chunks), so the split by file comes from src/,
    // which is the same code.
    out.bySource = await bySource(path.join(ROOT, "src/index.ts"));
    // What the generated operations alone cost, without addParticipant and addParticipants (from
    // src/, as bySource): the part of the main entry every client has.
    out.core = await measure({
      stdin: { contents: coreEntry(path.join(ROOT, "generated")), resolveDir: ROOT, loader: "ts" },
    });
  } catch (e) {
    out.thisClient = {
      file: label,
      error: String(e.message || e)
        .split("\n")
        .slice(0, 4)
        .join(" | "),
    };
  }
  out.openapiFetch = await measure({
    stdin: {
      contents: 'export * from "openapi-fetch"; export { default } from "openapi-fetch";',
      resolveDir: ROOT,
      loader: "js",
    },
  });
  return out;
}

/**
 * The browser bundle of a client generated from another description (Twilio's, 103 operations):
 * `createOperationsClient` and that table, as `core` measures this spec's. Per operation: the total
 * over the count, and what each operation adds beyond this spec's own core.
 */
export async function measureGeneratedClient(generated, ownCore) {
  const sizes = await measure({ stdin: { contents: coreEntry(generated), resolveDir: ROOT, loader: "ts" } });
  const count = await operationCount(generated);
  const ownCount = await operationCount(path.join(ROOT, "generated"));
  return {
    ...sizes,
    operations: count,
    gzipBytesPerOperation: sizes.gzipBytes / count,
    // What one more operation costs: the growth over this spec's own core, per added operation.
    gzipBytesPerAddedOperation: ownCore ? (sizes.gzipBytes - ownCore.gzipBytes) / (count - ownCount) : null,
  };
}

/** How many operations a generated table holds (its entries' `operationId`s). */
async function operationCount(generated) {
  const text = await readFile(path.join(generated, "operations.ts"), "utf8");
  return (text.match(/^ {4}operationId: /gm) ?? []).length;
}
