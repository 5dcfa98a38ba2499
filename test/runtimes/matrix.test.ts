import { describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { buildAndPack, ok, root, run } from "../package/pack.js";

// The same participant create, from the packed tarball, on every runtime with fetch. Needs
// scripts/install-runtimes.sh (run by `npm test`'s pretest and by .ci/run).
describe("runtime matrix", () => {
  it("creates a participant on Node 20/22/24, Bun, Deno, workerd and Chromium", async () => {
    const packed = await buildAndPack();
    const out = join(root, "build/runtime-matrix.md");
    const result = await run(process.execPath, [join(root, "test/runtimes/run-matrix.mjs"), "--tarball", packed.tarball, "--out", out], {
      cwd: root,
      timeout: 600_000,
    });
    ok(result, `run-matrix\n${result.stdout}`);
    expect(result.stdout).toMatch(/matrix: 7 passed, 0 failed/);
    const table = await readFile(out, "utf8");
    for (const runtime of ["Node 20", "Node 22", "Node 24", "Bun", "Deno", "workerd", "Chromium"]) {
      expect(table).toMatch(new RegExp(`${runtime}[^\\n]*PASS MB[0-9a-f]{32}`));
    }
  }, 600_000);
});
