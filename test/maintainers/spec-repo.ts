// A temporary git repository holding a copy of the spec and a package.json, tagged as a release, so
// `scripts/spec-changes.mjs` can be run on it the way a maintainer runs it in the real repo.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { root, specPath, type RunResult } from "../helpers/pipeline.js";

export interface SpecRepo {
  dir: string;
  spec: string;
  /** Runs a git command in the repository (author set, no global config needed). */
  git(...argv: string[]): Promise<string>;
  /** Rewrites the working tree's spec. */
  edit(change: (spec: string) => string): Promise<void>;
  /** Runs `node scripts/spec-changes.mjs …` in the repository. */
  specChanges(...argv: string[]): Promise<RunResult>;
}

export async function run(file: string, argv: string[], cwd: string): Promise<RunResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(file, argv, {
      cwd,
      env: { ...process.env, REDOCLY_TELEMETRY: "off" },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A repo whose first commit (tagged `tag`) holds the spec as `base` makes it, at package version `version`. */
export async function specRepo(
  options: { base?: (spec: string) => string; version?: string; tag?: string } = {},
): Promise<SpecRepo> {
  const dir = await mkdtemp(join(tmpdir(), "tcp-spec-changes-"));
  const spec = join(dir, "spec/openapi.yaml");
  await mkdir(join(dir, "spec"));
  await writeFile(spec, (options.base ?? ((s) => s))(await readFile(specPath, "utf8")));
  await writeFile(
    join(dir, "package.json"),
    JSON.stringify({ name: "scratch", version: options.version ?? "1.0.0" }, null, 2),
  );
  const git = async (...argv: string[]) => {
    const result = await run(
      "git",
      ["-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", ...argv],
      dir,
    );
    if (result.code !== 0) throw new Error(`git ${argv.join(" ")} failed:\n${result.stderr}`);
    return result.stdout;
  };
  await git("init", "-q", "-b", "main");
  await git("add", ".");
  await git("commit", "-q", "-m", "release");
  if (options.tag !== "") await git("tag", options.tag ?? "v1.0.0");
  return {
    dir,
    spec,
    git,
    edit: async (change) => writeFile(spec, change(await readFile(spec, "utf8"))),
    specChanges: (...argv) => run(process.execPath, [join(root, "scripts/spec-changes.mjs"), ...argv], dir),
  };
}

/** The `level (n)` section headers and the closing bump line of a spec:changes run. */
export function levelsOf(stdout: string): { levels: Record<string, number>; bump: string | undefined } {
  const levels = Object.fromEntries(
    [...stdout.matchAll(/^(breaking|feature|fix) \((\d+)\)$/gm)].map((m) => [m[1], Number(m[2])]),
  );
  return { levels, bump: /^Bump required: (\w+)/m.exec(stdout)?.[1] };
}
