// Runs the real generator (real Redocly CLI, real openapi-typescript, real Ajv) on a spec copy in a
// temp folder, so pipeline tests never touch the committed generated/.
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { isScalar, parseDocument, type YAMLMap } from "yaml";

export const root = resolve(import.meta.dirname, "../..");
export const specPath = join(root, "spec/openapi.yaml");

export interface Workspace {
  dir: string;
  spec: string;
  out: string;
  docs: string;
}

/** A temp folder holding a copy of the spec (edited by `edit`) and of the committed generated/. */
export async function workspace(edit: (spec: string) => string = (s) => s): Promise<Workspace> {
  const dir = await mkdtemp(join(tmpdir(), "tcp-pipeline-"));
  const spec = join(dir, "spec/openapi.yaml"); // same layout as the repo, so headers match
  await mkdir(join(dir, "spec"));
  const original = await readFile(specPath, "utf8");
  const edited = edit(original);
  await writeFile(spec, edited);
  await cp(join(root, "generated"), join(dir, "generated"), { recursive: true });
  return { dir, spec, out: join(dir, "generated"), docs: join(dir, "docs/index.html") };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function generate(ws: Workspace, ...extra: string[]): Promise<RunResult> {
  const argv = [join(root, "scripts/generate.mjs"), "--spec", ws.spec, "--out", ws.out, "--docs", ws.docs, ...extra];
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, argv, { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Every file of a folder with its content, for byte-for-byte comparisons. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort();
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n), "utf8")])));
}

type Path = readonly (string | number)[];

/** Spec edits at paths of names (a schema's field, a parameter), each refusing a path that is not there. */
export interface SpecEditor {
  set(path: Path, value: unknown): void;
  remove(path: Path): void;
  /** Adds `key: value` to the map at `path`, just before its key `before`. */
  insertBefore(path: Path, before: string, key: string, value: unknown): void;
}

/**
 * A spec edit made on the YAML's structure rather than its text, so the operations a maintainer adds
 * in the same style (and the same wording) never make it ambiguous. Comments and layout stay.
 */
export function editSpec(edit: (spec: SpecEditor) => void): (text: string) => string {
  return (text) => {
    const doc = parseDocument(text);
    const must = (path: Path) => {
      if (!doc.hasIn(path)) throw new Error(`the spec has nothing at ${path.join(" › ")}`);
    };
    edit({
      set: (path, value) => (must(path.slice(0, -1)), doc.setIn(path, value)),
      remove: (path) => (must(path), doc.deleteIn(path)),
      insertBefore: (path, before, key, value) => {
        must([...path, before]);
        const map = doc.getIn(path) as YAMLMap;
        const at = map.items.findIndex((pair) => isScalar(pair.key) && pair.key.value === before);
        map.items.splice(at, 0, doc.createPair(key, value));
      },
    });
    return doc.toString({ lineWidth: 0 });
  };
}

/** Replaces exactly one occurrence of `from`, so a test's spec edit cannot silently miss. */
export function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`expected exactly one ${JSON.stringify(from)}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}
