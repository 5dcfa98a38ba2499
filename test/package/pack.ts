// Builds and packs the package the way a publish would, in a private copy of the repo: other work
// (another `npm run build`, a runtime-matrix run) may rewrite the repo's dist/ at any moment.
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

export const root = resolve(import.meta.dirname, "../..");

/** What `npm run build` reads, plus what `files` ships (package.json, README and LICENSE always ship). */
const BUILD_INPUTS = [
  "package.json",
  "README.md",
  "LICENSE",
  "tsconfig.json",
  "tsconfig.build.json",
  "tsconfig.build.cjs.json",
  "scripts/build.mjs",
  "src",
  "generated",
  "spec/openapi.yaml",
];

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command; never throws on a non-zero exit, so tests can assert on the output. */
export async function run(
  file: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeout?: number },
): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(file, args, {
      cwd: options.cwd,
      env: { ...process.env, NO_UPDATE_NOTIFIER: "1", npm_config_update_notifier: "false", ...options.env },
      timeout: options.timeout ?? 120_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string; message: string };
    return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? e.message };
  }
}

/** Throws with the command's output when it failed. */
export function ok(result: Run, what: string): Run {
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  return result;
}

export interface Packed {
  /** Absolute path of the .tgz. */
  tarball: string;
  /** Paths inside the package, sorted. */
  files: string[];
  size: number;
  unpackedSize: number;
  /** A scratch folder that holds the tarball: consumers may be created under it. */
  dir: string;
  buildOutput: string;
}

/** Copies the build inputs, runs `npm run build`'s script and `npm pack`, and returns the tarball. */
export async function buildAndPack(): Promise<Packed> {
  const dir = await mkdtemp(join(tmpdir(), "tcp-package-"));
  const stage = join(dir, "stage");
  await mkdir(stage);
  for (const path of BUILD_INPUTS) await cp(join(root, path), join(stage, path), { recursive: true });
  // The build needs tsc and openapi-fetch's types; `files` keeps node_modules out of the tarball.
  await symlink(join(root, "node_modules"), join(stage, "node_modules"), "dir");

  const npm = "npm";
  const build = ok(await run(npm, ["run", "--silent", "build"], { cwd: stage }), "npm run build");
  // --ignore-scripts: prepack would build a second time (and print into the JSON).
  const pack = ok(
    await run(npm, ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], { cwd: stage }),
    "npm pack",
  );
  const [info] = JSON.parse(pack.stdout) as {
    filename: string;
    size: number;
    unpackedSize: number;
    files: { path: string }[];
  }[];
  if (!info) throw new Error(`npm pack printed no package:\n${pack.stdout}`);
  return {
    tarball: join(dir, info.filename),
    files: info.files.map((f) => f.path).sort(),
    size: info.size,
    unpackedSize: info.unpackedSize,
    dir,
    buildOutput: build.stdout + build.stderr,
  };
}
