// The README's quickstart, exactly as written: the block between its quickstart markers is copied
// into a fresh project that installs the packed tarball, and run with node. It must add its
// participant and end on its own (a server left open would keep node running into the timeout).
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAndPack, ok, root, run, type Packed } from "./pack.js";

let packed: Packed;
let project: string;

beforeAll(async () => {
  packed = await buildAndPack();
  project = join(packed.dir, "quickstart");
  await mkdir(project);
  await writeFile(join(project, "package.json"), JSON.stringify({ name: "quickstart", private: true, type: "module" }));
  const install = ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", packed.tarball];
  ok(await run("npm", install, { cwd: project }), "npm install <tarball>");
}, 240_000);

afterAll(async () => {
  if (packed) await rm(packed.dir, { recursive: true, force: true });
});

/** The README's quickstart block, byte for byte. */
async function quickstart(): Promise<string> {
  const readme = await readFile(join(root, "README.md"), "utf8");
  const block = /<!-- quickstart[^>]*-->\n```js\n([\s\S]*?)```\n<!-- \/quickstart -->/.exec(readme)?.[1];
  if (!block) throw new Error("README.md has no <!-- quickstart --> ```js block <!-- /quickstart -->");
  return block;
}

describe("the README quickstart, as written, from the tarball", () => {
  it("adds its participant and exits by itself", async () => {
    await writeFile(join(project, "quickstart.mjs"), await quickstart());
    // No Twilio credentials around (empty counts as unset): the block must not need any.
    const env = { TWILIO_ACCOUNT_SID: "", TWILIO_AUTH_TOKEN: "", TWILIO_API_KEY: "", TWILIO_API_SECRET: "" };
    const result = await run(process.execPath, ["quickstart.mjs"], { cwd: project, env, timeout: 30_000 });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Added alice as MB[0-9a-f]{32}\n$/);
  }, 60_000);
});
