// The built docs page as the tests read it: made by scripts/docs.mjs into a temp folder, and the
// spec Redoc renders (with the x-codeSamples the docs step added) read back out of the page.
import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

export const root = resolve(import.meta.dirname, "../..");

export interface CodeSample { lang: string; label: string; source: string }
export interface RenderedOperation {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  samples: CodeSample[];
}

/** Runs `npm run docs`'s script into a temp folder; returns the page's path. */
export async function buildPage(): Promise<{ dir: string; html: string }> {
  const dir = await mkdtemp(join(tmpdir(), "tcp-docs-page-"));
  const html = join(dir, "docs/index.html");
  await promisify(execFile)(process.execPath, [join(root, "scripts/docs.mjs"), "--output", html], { cwd: root });
  return { dir, html };
}

/** The definition Redoc hydrates the page with, as the page holds it. */
export async function renderedSpec(html: string): Promise<Record<string, any>> {
  const text = await readFile(html, "utf8");
  const start = text.indexOf("const __redoc_definition = ");
  if (start < 0) throw new Error("the page holds no __redoc_definition");
  const json = text.slice(start + "const __redoc_definition = ".length, text.indexOf(";\n", start));
  return JSON.parse(json) as Record<string, any>;
}

/** Every operation the page shows, with its request samples. */
export function renderedOperations(spec: Record<string, any>): RenderedOperation[] {
  return Object.entries(spec.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
    Object.entries(item).filter(([m]) => ["get", "put", "post", "delete", "patch", "head"].includes(m))
      .map(([method, op]) => ({
        operationId: op.operationId, method: method.toUpperCase(), path, summary: op.summary,
        samples: (op["x-codeSamples"] ?? []) as CodeSample[],
      })));
}
