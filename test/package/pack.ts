// Packs the package the way a publish would, once per test run, from a copy of that run's build
// (test/global-setup.ts): other work (another `npm run build`) may rewrite the repo's dist/ at any moment.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { inject } from "vitest";

export const root = resolve(import.meta.dirname, "../..");

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
  /** Absolute path of the .tgz (shared by the whole run: never remove it). */
  tarball: string;
  /** Paths inside the package, sorted. */
  files: string[];
  size: number;
  unpackedSize: number;
  /** A scratch folder of the caller's own: consumers may be created under it, and it may be removed. */
  dir: string;
}

interface PackInfo {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string }[];
}

/**
 * The tarball of this run's build (packed once per run, by the first caller, from the snapshot
 * test/global-setup.ts took right after building) and a fresh scratch folder for the caller.
 */
export async function buildAndPack(): Promise<Packed> {
  const suite = inject("packStage");
  const info = await packOnce(suite);
  return {
    tarball: join(suite, info.filename),
    files: info.files.map((f) => f.path).sort(),
    size: info.size,
    unpackedSize: info.unpackedSize,
    dir: await mkdtemp(join(tmpdir(), "tcp-package-")),
  };
}

/** Test files run in parallel workers: the first to take the lock (an atomic mkdir) packs, the rest wait. */
async function packOnce(suite: string): Promise<PackInfo> {
  const done = join(suite, "packed.json");
  try {
    await mkdir(join(suite, "lock"));
  } catch {
    for (const deadline = Date.now() + 240_000; Date.now() < deadline; await sleep(200)) {
      const text = await readFile(done, "utf8").catch(() => "");
      if (text) return JSON.parse(text) as PackInfo;
    }
    throw new Error(`another test file took the pack lock in ${suite} and wrote no packed.json`);
  }
  // --ignore-scripts: prepack would build again; the snapshot is this run's build.
  const pack = ok(
    await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", suite], {
      cwd: join(suite, "stage"),
    }),
    "npm pack",
  );
  const [info] = JSON.parse(pack.stdout) as PackInfo[];
  if (!info) throw new Error(`npm pack printed no package:\n${pack.stdout}`);
  await writeFile(`${done}.tmp`, JSON.stringify(info));
  await rename(`${done}.tmp`, done);
  return info;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
