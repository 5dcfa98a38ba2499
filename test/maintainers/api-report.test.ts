// The public API report (API Extractor, scripts/api-report.mjs): the committed api/*.api.md match the
// source, and a renamed export in a scratch copy fails the check, naming the change.
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { replaceOnce, root } from "../helpers/pipeline.js";
import { run } from "./spec-repo.js";

/** What scripts/api-report.mjs reads. */
const INPUTS = [
  "package.json",
  "tsconfig.json",
  "tsconfig.build.json",
  "src",
  "generated",
  "api",
  "scripts/api-report.mjs",
];

describe("API report", () => {
  it("the committed api/*.api.md match the public API (else: `npm run api:report`, review, commit)", async () => {
    const check = await run(process.execPath, [join(root, "scripts/api-report.mjs"), "--check"], root);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain("api/twilio-conversations-participants.api.md: unchanged (.)");
    expect(check.stdout).toContain("api/twilio-conversations-participants-testing.api.md: unchanged (./testing)");
  });

  it("fails on a scratch copy whose export was renamed, naming the old and the new name", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tcp-api-report-"));
    try {
      await mkdir(join(dir, "scripts"));
      for (const path of INPUTS) await cp(join(root, path), join(dir, path), { recursive: true });
      await symlink(join(root, "node_modules"), join(dir, "node_modules"), "dir");
      const index = join(dir, "src/index.ts");
      await writeFile(
        index,
        replaceOnce(
          await readFile(index, "utf8"),
          "export { TwilioTimeoutError } from",
          "export { TwilioTimeoutError as TwilioDeadlineError } from",
        ),
      );
      const check = await run(process.execPath, [join(dir, "scripts/api-report.mjs"), "--check"], dir);
      expect(check.code).toBe(1);
      expect(check.stderr).toContain("api/twilio-conversations-participants.api.md (.) is stale:");
      expect(check.stderr).toMatch(/^-export class TwilioTimeoutError extends TwilioError \{$/m);
      expect(check.stderr).toMatch(/^\+.*TwilioDeadlineError/m);
      expect(check.stderr).toContain("run `npm run api:report` and commit api/");
      expect(check.stdout).toContain("api/twilio-conversations-participants-testing.api.md: unchanged (./testing)");
      // --check wrote nothing: the committed report is as it was.
      expect(await readFile(join(dir, "api/twilio-conversations-participants.api.md"), "utf8")).toBe(
        await readFile(join(root, "api/twilio-conversations-participants.api.md"), "utf8"),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
