// Builds dist/ once before the suite: black-box tests import the package by name, as users do.
// It also snapshots what `npm pack` ships from that build, so the suite packs the tarball at most once
// (test/package/pack.ts packs the snapshot on first use), however many files install it.
import { execFileSync } from "node:child_process";
import { cp, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { TestProject } from "vitest/node";

const root = resolve(import.meta.dirname, "..");

/** What `npm pack` reads: the `files` of package.json, and what always ships. */
const PACKED = ["package.json", "README.md", "LICENSE", "dist", "spec/openapi.yaml"];

declare module "vitest" {
  export interface ProvidedContext {
    /** A scratch folder holding `stage/` (a copy of the packed files of this run's build). */
    packStage: string;
  }
}

export default async function setup(project: TestProject) {
  execFileSync("npm", ["run", "-s", "build"], { cwd: root, stdio: "inherit" });
  // A copy, because other work (another `npm run build`) may rewrite the repo's dist/ meanwhile.
  const dir = await mkdtemp(join(tmpdir(), "tcp-suite-"));
  await mkdir(join(dir, "stage", "spec"), { recursive: true });
  for (const path of PACKED) await cp(join(root, path), join(dir, "stage", path), { recursive: true });
  project.provide("packStage", dir);
  return () => rm(dir, { recursive: true, force: true });
}
