import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { root } from "../helpers/pipeline.js";

// The black-box scripts use only the built package, by name; each prints one line per check.
describe("black-box contract of the built package", () => {
  it("matches twilio-node's request, returns the 201 body, and types its errors", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, "test/blackbox/client-contract.mjs")], {
      cwd: root,
    });
    expect(stdout).not.toMatch(/^FAIL/m);
    expect(stdout).toMatch(/all checks passed/);
  });

  it("npm run demo prints a participant SID, and answers existing for the same identity again", async () => {
    const env = { ...process.env };
    for (const name of ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_API_KEY", "TWILIO_API_SECRET"])
      delete env[name];
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, "scripts/demo.mjs")], {
      cwd: root,
      env,
    });
    expect(stdout).toMatch(/^Participant SID: MB[0-9a-f]{32}$/m);
    // addParticipant, then the same identity again: found by the lookup, the same participant.
    const sid = /^Participant SID: (MB[0-9a-f]{32})$/m.exec(stdout)![1];
    expect(stdout).toMatch(/^← outcome: created$/m);
    expect(stdout).toContain(`← outcome: existing, participant ${sid}`);
    expect(stdout).toMatch(/authorization: Basic \[redacted\]/);
  });
});
