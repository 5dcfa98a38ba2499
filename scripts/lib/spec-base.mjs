// The spec (and package.json's version) as they were at a git revision: by default the newest `v*`
// tag reachable from HEAD, i.e. the last release on this line, else HEAD.
import { spawnSync } from "node:child_process";
import { realpathSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";

function git(cwd, ...argv) {
  const result = spawnSync("git", argv, { cwd, encoding: "utf8" });
  return result.status === 0 ? { ok: true, out: result.stdout } : { ok: false, out: result.stderr };
}

/**
 * @param {string} specPath the spec in the working tree
 * @param {string} [ref] a git revision; default the newest reachable `v*` tag, else HEAD
 */
export async function specAtBase(specPath, ref) {
  const cwd = dirname(resolve(specPath));
  const top = git(cwd, "rev-parse", "--show-toplevel");
  if (!top.ok) throw new Error(`${specPath} is not in a git repository, so there is no base to compare with`);
  const root = top.out.trim();
  const tag = git(cwd, "describe", "--tags", "--abbrev=0", "--match", "v*", "HEAD");
  const chosen = ref ?? (tag.ok ? tag.out.trim() : "HEAD");
  if (!git(cwd, "rev-parse", "--verify", "--quiet", `${chosen}^{commit}`).ok)
    throw new Error(`no git revision ${chosen}`);
  // realpath: git prints the resolved top level (a symlinked temp folder would not match it).
  const path = relative(root, realpathSync(specPath)).split("\\").join("/");
  const spec = git(root, "show", `${chosen}:${path}`);
  if (!spec.ok) throw new Error(`${path} does not exist at ${chosen}`);
  const manifest = git(root, "show", `${chosen}:package.json`);
  const current = await readFile(join(root, "package.json"), "utf8").catch(() => null);
  return {
    ref: chosen,
    path,
    root,
    text: spec.out,
    baseVersion: manifest.ok ? JSON.parse(manifest.out).version : undefined,
    currentVersion: current ? JSON.parse(current).version : undefined,
  };
}
