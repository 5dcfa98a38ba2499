// Runs reliability.mjs (the reliability promises — retries, timeouts, refused and reset connections,
// hostile input, no secret leaked — against the built package; global-setup builds dist/) so CI runs it too.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { root } from "../helpers/pipeline.js";

it("the reliability black-box script passes every check", async () => {
  const result = await promisify(execFile)(process.execPath, [join(root, "test/blackbox/reliability.mjs")], {
    cwd: root,
  }).catch((e: { code: number; stdout: string; stderr: string }) => e);
  const out = `${result.stdout}${result.stderr}`;
  expect(out, out).not.toMatch(/^FAIL/m);
  for (const point of [
    /429 with Retry-After: 1/,
    /a 500 is sent once/,
    /maxRetries: 1 on 503s → 2 attempts/,
    /timeoutMs: 300 → TwilioTimeoutError/,
    /refused port → TwilioConnectionError/,
    /a reset .* → one attempt/,
    /nasty ConversationSid values/,
    /non-JSON Attributes/,
    /CR\/LF header/,
    /http:\/\/ to a remote host/,
    /no credential/,
  ]) {
    expect(out).toMatch(new RegExp(`^ok +.*${point.source}`, "m"));
  }
  expect(out).toMatch(/^all \d+ checks passed$/m);
});
