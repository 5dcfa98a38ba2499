// `npm run demo` ends with the three lines of code that made its call. They must be those lines:
// run on their own (with the base URL pointed at a fake holding the SIDs they name), they add the
// same participant. With credentials exported and no SIDs, it says exactly which flags to pass.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { startFakeConversations } from "../../src/testing/index.js";
import { root } from "../helpers/pipeline.js";

const run = (file: string, env: NodeJS.ProcessEnv) =>
  promisify(execFile)(process.execPath, [file], { cwd: root, env, timeout: 30_000 });
const noTwilio = { PATH: process.env.PATH, HOME: process.env.HOME };

describe("npm run demo", () => {
  it("ends with the three lines that did it, and they work on their own", async () => {
    const { stdout } = await run(join(root, "scripts/demo.mjs"), noTwilio);
    const lines = stdout.trimEnd().split("\n").slice(-3);
    expect(lines[0]).toBe('import { createConversationsClient } from "twilio-conversations-participants";');
    expect(lines[1]).toMatch(/^const client = createConversationsClient\(\);/);
    const sids = /ChatServiceSid: "(IS[0-9a-f]{32})", ConversationSid: "(CH[0-9a-f]{32})"/.exec(lines[2]!);
    expect(sids, lines[2]).not.toBeNull();

    const fake = await startFakeConversations({ services: { [sids![1]!]: [sids![2]!] } });
    // Inside the package, so its own name resolves to the built package (as for scripts/demo.mjs).
    await mkdir(join(root, "build"), { recursive: true });
    const dir = await mkdtemp(join(root, "build/demo-lines-"));
    try {
      const pointed = "createConversationsClient({ baseUrl: process.env.FAKE_BASE_URL })";
      await writeFile(join(dir, "lines.mjs"), lines.join("\n").replace("createConversationsClient()", pointed));
      const credentials = { TWILIO_ACCOUNT_SID: fake.accountSid, TWILIO_AUTH_TOKEN: fake.authToken };
      await run(join(dir, "lines.mjs"), { ...noTwilio, ...credentials, FAKE_BASE_URL: fake.baseUrl });
      const added = fake.participants.map((p) => [p.identity, p.attributes]);
      expect(added).toEqual([["demo-user", '{"source":"npm run demo"}']]);
    } finally {
      await fake.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("with Twilio credentials exported but no SIDs, names the missing flags and prints a command to copy", async () => {
    const failed = (args: string[], env: NodeJS.ProcessEnv) =>
      promisify(execFile)(process.execPath, [join(root, "scripts/demo.mjs"), ...args], { cwd: root, env }).then(
        () => expect.fail("the demo should exit 2"),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
    const real = { ...noTwilio, TWILIO_ACCOUNT_SID: "AC0123456789abcdef0123456789abcdef", TWILIO_AUTH_TOKEN: "x" };
    const none = await failed([], real);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe(""); // nothing was sent: no request was printed
    expect(none.stderr).toContain("TWILIO_ACCOUNT_SID is set, so the demo calls the real Twilio API");
    expect(none.stderr).toContain("needs --service and --conversation:");
    for (const flag of ["--service IS…", "--conversation CH…", "--identity NAME"]) {
      expect(none.stderr).toMatch(new RegExp(`^  ${flag} +\\S`, "m"));
    }
    // The example is a whole command, with SIDs of the right shape (npm's `--` hands the flags on).
    const example = /^  (npm run demo -- .*)$/m.exec(none.stderr)?.[1];
    expect(example).toMatch(/^npm run demo -- --service IS[0-9a-f]{32} --conversation CH[0-9a-f]{32} --identity \w+$/);
    expect(none.stderr).toContain("env -u TWILIO_ACCOUNT_SID -u TWILIO_API_KEY npm run demo");

    // An API key counts as credentials too; a flag already given is kept in the example.
    const service = "IS00000000000000000000000000000001";
    const half = await failed(["--service", service], { ...noTwilio, TWILIO_API_KEY: "SKx", TWILIO_API_SECRET: "y" });
    expect(half.code).toBe(2);
    expect(half.stderr).toContain("TWILIO_API_KEY is set");
    expect(half.stderr).toContain("needs --conversation:");
    expect(half.stderr).toContain(`npm run demo -- --service ${service} --conversation CH`);
  });
});
