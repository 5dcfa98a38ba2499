// "This client" as a user on Node gets it: the package is built (`npm run build`) in a private copy,
// placed in a throwaway project's node_modules, and resolved by Node itself through the package's
// own `exports` (conditions node + import). A private copy, because other work may rebuild or
// delete the repo's dist/ mid-run.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { pathToFileURL, fileURLToPath } from "node:url";

export const PACKAGE_NAME = "twilio-conversations-participants";
const ROOT = path.resolve(import.meta.dirname, "../..");

/** What `npm run build` reads (see scripts/build.mjs and tsconfig.build*.json). */
const BUILD_INPUTS = [
  "package.json",
  "tsconfig.json",
  "tsconfig.build.json",
  "tsconfig.build.cjs.json",
  "scripts/build.mjs",
  "src",
  "generated",
];

/**
 * Builds and installs the package under a temp folder.
 * @returns {{ project: string, packageDir: string, nodeEntry: string, buildSeconds: number }}
 *   `project` is the consumer folder (resolve the package from there); `nodeEntry` the file Node's
 *   ESM resolver picks for `import "twilio-conversations-participants"`.
 */
export async function stagePackage() {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), "tcp-bench-"));
  // Built outside node_modules (tsc emits nothing for imported files under a node_modules path),
  // then moved in.
  const buildDir = path.join(project, "build");
  for (const input of BUILD_INPUTS) {
    fs.cpSync(path.join(ROOT, input), path.join(buildDir, input), { recursive: true });
  }
  // tsc, @types/node and openapi-fetch come from the repo's install.
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(buildDir, "node_modules"), "dir");
  const started = performance.now();
  const build = spawnSync("npm", ["run", "--silent", "build"], {
    cwd: buildDir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const buildSeconds = (performance.now() - started) / 1000;
  if (build.status !== 0)
    throw new Error(`npm run build failed in ${buildDir}: ${(build.stderr || build.stdout).trim().slice(-600)}`);
  const packageDir = path.join(project, "node_modules", PACKAGE_NAME);
  fs.mkdirSync(path.dirname(packageDir), { recursive: true });
  fs.renameSync(buildDir, packageDir);

  fs.writeFileSync(
    path.join(project, "package.json"),
    JSON.stringify({ name: "bench-consumer", private: true, type: "module" }),
  );
  const resolver = path.join(project, "resolve.mjs");
  fs.writeFileSync(resolver, `export default import.meta.resolve(${JSON.stringify(PACKAGE_NAME)});\n`);
  const { default: url } = await import(pathToFileURL(resolver).href);
  return { project, packageDir, nodeEntry: fileURLToPath(url), buildSeconds };
}

/** Removes a staged project. */
export function removeStage(stage) {
  if (stage?.project) fs.rmSync(stage.project, { recursive: true, force: true });
}
