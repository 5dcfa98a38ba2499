// Which file is "this client"? BENCH_CLIENT_ENTRY (a stand-in, e.g. in /tmp) wins; otherwise the
// package is built (`npm run build`) and installed in a throwaway project (stage.mjs), and the
// entry is the file Node itself resolves from the package's `exports` for
// `import "twilio-conversations-participants"` (conditions node + import), as a user on Node gets it.
import fs from "node:fs";
import path from "node:path";
import { removeStage, stagePackage } from "./stage.mjs";

export const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * @returns {Promise<{ file: string | null, standIn: boolean, exists: boolean, packageDir?: string,
 *   project?: string, buildSeconds?: number, error?: string, dispose(): void }>}
 *   `project` (the staged consumer folder) resolves the package by name, e.g. for the browser bundle.
 */
export async function resolveClientEntry() {
  if (process.env.BENCH_CLIENT_ENTRY) {
    const file = path.resolve(process.env.BENCH_CLIENT_ENTRY);
    return { file, standIn: true, exists: fs.existsSync(file), dispose() {} };
  }
  try {
    const stage = await stagePackage();
    return {
      file: stage.nodeEntry,
      standIn: false,
      exists: true,
      packageDir: stage.packageDir,
      project: stage.project,
      buildSeconds: stage.buildSeconds,
      dispose: () => removeStage(stage),
    };
  } catch (error) {
    return {
      file: null,
      standIn: false,
      exists: false,
      error: String(error.message || error).slice(0, 600),
      dispose() {},
    };
  }
}

/** The entry as the report shows it: inside the package when it was staged. */
export function describeEntry(entry) {
  if (!entry.file) return `not built (${entry.error})`;
  if (!entry.packageDir) return entry.file;
  return `twilio-conversations-participants/${path.relative(entry.packageDir, entry.file)} (built, resolved by Node from the package's exports)`;
}
