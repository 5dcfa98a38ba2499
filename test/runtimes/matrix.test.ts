import { describe, expect, it } from "vitest";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { buildAndPack, ok, root, run } from "../package/pack.js";

// The same participant create, from the packed tarball, on every runtime with fetch; and every
// outcome check (outcomes.mjs) in minified Node, workerd and Chromium bundles. Needs
// scripts/install-runtimes.sh (run by `npm test`'s pretest and by .ci/run).
const WORKERD = "workerd \\(Miniflare\\)";
const CHROMIUM = "Chromium \\(Playwright\\)";
const SMOKE = ["Node 20 \\(system\\)", "Node 22", "Node 24", "Bun", "Deno", WORKERD, CHROMIUM];
const MINIFIED = ["Node 20", WORKERD, CHROMIUM].map((r) => `${r}, minified bundle`);

describe("runtime matrix", () => {
  it("creates a participant on every runtime; minified bundles give every outcome", async () => {
    const packed = await buildAndPack();
    await rm(packed.dir, { recursive: true, force: true }); // the matrix makes its own temp project
    const out = join(root, "build/runtime-matrix.md");
    const result = await run(
      process.execPath,
      [join(root, "test/runtimes/run-matrix.mjs"), "--tarball", packed.tarball, "--out", out],
      {
        cwd: root,
        timeout: 600_000,
      },
    );
    ok(result, `run-matrix\n${result.stdout}`);
    expect(result.stdout).toMatch(/matrix: 10 passed, 0 failed/);
    const table = await readFile(out, "utf8");
    const passed = (runtime: string, result: string) =>
      new RegExp(`^\\| ${runtime} \\|[^\\n]*PASS MB[0-9a-f]{32}${result} \\|`, "m");
    for (const runtime of SMOKE) expect(table).toMatch(passed(runtime, ""));
    for (const runtime of MINIFIED) expect(table).toMatch(passed(runtime, " \\+ 6 outcomes"));
  }, 600_000);
});
