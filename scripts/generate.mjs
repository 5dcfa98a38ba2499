#!/usr/bin/env node
// `npm run generate`: spec/openapi.yaml → lint → types, validators, operation table (generated/)
// → offline docs (build/docs/index.html). `--check` regenerates into a temp folder and fails,
// naming the files, when generated/ differs. `--types` is how generated files import the client's
// type plumbing (src/types.ts): relative to the output folder. Nothing here reaches the network.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadSpec } from "./lib/load-spec.mjs";
import { annotationFormats } from "./lib/input-schema.mjs";
import { emitTypes } from "./lib/emit-types.mjs";
import { emitInputValidators, emitValidators } from "./lib/emit-validators.mjs";
import { emitOperations } from "./lib/emit-operations.mjs";
import { emitNames } from "./lib/emit-names.mjs";
import { exportedNames } from "./lib/runtime-exports.mjs";
import { generatedReadme } from "./lib/generated-readme.mjs";
import { specChanges, summarize } from "./lib/spec-diff.mjs";
import { specAtBase } from "./lib/spec-base.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({
  options: {
    spec: { type: "string", default: join(root, "spec/openapi.yaml") },
    out: { type: "string", default: join(root, "generated") },
    docs: { type: "string", default: join(root, "build/docs/index.html") },
    types: { type: "string", default: "../src/types.js" },
    check: { type: "boolean", default: false },
    "no-docs": { type: "boolean", default: false },
    // The one line comparing the spec with the last release is about this package's contract; a
    // description generated for another purpose (Twilio's, in a test or the bench) can skip it.
    "no-spec-changes": { type: "boolean", default: false },
  },
});
const specPath = resolve(args.spec);
const outDir = resolve(args.out);
// Headers name the spec relative to the folder that holds generated/, e.g. `spec/openapi.yaml`.
const specName = relative(dirname(outDir), specPath).split("\\").join("/");
const env = { ...process.env, REDOCLY_TELEMETRY: "off", NO_UPDATE_NOTIFIER: "1" };
const redocly = join(root, "node_modules/.bin/redocly");

class StepFailed extends Error {}

async function step(name, run) {
  const started = performance.now();
  try {
    const result = await run();
    console.log(`✔ ${name.padEnd(34)} ${(performance.now() - started).toFixed(0).padStart(6)} ms`);
    return result;
  } catch (error) {
    console.error(`✘ ${name} failed`);
    throw error instanceof StepFailed ? error : new StepFailed(error?.stack ?? String(error));
  }
}

function runTool(argv) {
  const result = spawnSync(redocly, argv, { cwd: root, env, encoding: "utf8" });
  if (result.status !== 0) {
    throw new StepFailed(`${result.stdout}\n${result.stderr}`.replace(/^.*[║╔╚].*\n?/gm, "").trim());
  }
}

async function emitAll() {
  const { doc, resolve: resolveRef } = await loadSpec(specPath);
  const files = {
    "openapi.ts": await step("types (openapi-typescript)", () => emitTypes(specPath, specName)),
    ...(await step("validators (Ajv standalone)", () => ({
      "validators.ts": emitInputValidators(doc, resolveRef, specName, args.types),
      "schema-validators.ts": emitValidators(doc, resolveRef, specName),
    }))),
    "operations.ts": await step("operation table", () => emitOperations(doc, resolveRef, specName, args.types)),
    "names.ts": await step("public names", async () =>
      emitNames(doc, resolveRef, specName, args.types, await exportedNames(join(root, "src/index.ts"))),
    ),
    "README.md": generatedReadme(specName),
  };
  await mkdir(dirname(outDir), { recursive: true }); // `--out` may name a folder in one not made yet
  const tmp = await mkdtemp(join(dirname(outDir), `.${basename(outDir)}.tmp-`));
  await chmod(tmp, 0o755); // mkdtemp makes it private; generated/ is an ordinary folder
  for (const [name, text] of Object.entries(files)) await writeFile(join(tmp, name), text);
  return tmp;
}

async function staleFiles(freshDir) {
  const fresh = await readdir(freshDir);
  const current = await readdir(outDir).catch(() => []);
  const stale = [];
  for (const name of new Set([...fresh, ...current])) {
    const [a, b] = await Promise.all([
      readFile(join(freshDir, name), "utf8").catch(() => null),
      readFile(join(outDir, name), "utf8").catch(() => null),
    ]);
    if (a !== b)
      stale.push(
        `${relative(root, join(outDir, name))} (${a === null ? "should not exist" : b === null ? "missing" : "differs"})`,
      );
  }
  return stale.sort();
}

/** Swaps the fresh folder in with two renames, so generated/ is never half-written. */
async function replaceOutDir(freshDir) {
  const old = `${outDir}.old-${process.pid}`;
  await rename(outDir, old).catch((e) => {
    if (e.code !== "ENOENT") throw e;
  });
  await rename(freshDir, outDir);
  await rm(old, { recursive: true, force: true });
}

/** One line: what changed in the spec since the last release, so no one regenerates blind. Never fails the run. */
async function changesSince() {
  try {
    const base = await specAtBase(specPath);
    const { text } = summarize(await specChanges(base.text, specPath));
    return `spec changes since ${base.ref}: ${text} (\`npm run spec:changes\` lists them)`;
  } catch (error) {
    return `spec changes: not compared (${String(error?.message ?? error).split("\n")[0]})`;
  }
}

/**
 * The Redocly config the spec is linted with: the nearest `redocly.yaml` from the spec's folder up to
 * this project's root (outside it, the spec's own folder only), else this project's
 * (recommended-strict). A description imported as published (Twilio's) brings one that relaxes what
 * it cannot meet.
 */
function lintConfig() {
  const inside = (dir) => !relative(root, dir).startsWith("..");
  for (let dir = dirname(specPath); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "redocly.yaml"))) return join(dir, "redocly.yaml");
    if (!inside(dir) || dir === root || dirname(dir) === dir) return join(root, "redocly.yaml");
  }
}

let freshDir;
try {
  const config = lintConfig();
  await step(`lint (redocly, ${relative(root, config).split("\\").join("/")})`, () =>
    runTool(["lint", specPath, "--config", config, "--format", "stylish"]),
  );
  if (!args.check && !args["no-spec-changes"]) console.log(await changesSince());
  const annotations = annotationFormats((await loadSpec(specPath)).doc);
  if (annotations.length) console.log(`formats not checked (annotations only): ${annotations.join(", ")}`);
  freshDir = await emitAll();
  if (args.check) {
    const stale = await staleFiles(freshDir);
    if (stale.length) {
      console.error(`generated/ is stale; run \`npm run generate\` and commit:\n  ${stale.join("\n  ")}`);
      process.exitCode = 1;
    } else {
      console.log("generated/ matches the spec");
    }
  } else {
    await step("write generated/", () => replaceOutDir(freshDir));
    freshDir = undefined;
    if (!args["no-docs"]) {
      // scripts/docs.mjs (`npm run docs`) also makes the page strictly offline; see its header.
      await step("docs (redocly build-docs, offline)", () => {
        const docs = spawnSync(
          process.execPath,
          [join(root, "scripts/docs.mjs"), "--spec", specPath, "--output", resolve(args.docs)],
          { cwd: root, env, encoding: "utf8" },
        );
        if (docs.status !== 0) throw new StepFailed(`${docs.stdout}\n${docs.stderr}`.trim());
      });
    }
  }
} catch (error) {
  console.error(error instanceof StepFailed ? error.message : error);
  process.exitCode = 1;
} finally {
  if (freshDir) await rm(freshDir, { recursive: true, force: true });
}
