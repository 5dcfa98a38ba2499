import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { startFakeConversations, type FakeConversations } from "../../src/testing/index.js";
import { root } from "../helpers/pipeline.js";

// The README's quickstart, exactly as written, run against the fake server. Only the SIDs and the
// base URL are swapped in, since the README cannot know the fake's.
let fake: FakeConversations;
let script: string;

beforeAll(async () => {
  fake = await startFakeConversations();
  const readme = await readFile(join(root, "README.md"), "utf8");
  const block = /<!-- quickstart[^>]*-->\n```js\n([\s\S]*?)```\n<!-- \/quickstart -->/.exec(readme)?.[1];
  if (!block) throw new Error("README has no quickstart block");
  const code = block
    .replace("IS0123456789abcdef0123456789abcdef", fake.serviceSid)
    .replace("CH0123456789abcdef0123456789abcdef", fake.conversationSid)
    .replace("createConversationsClient()", "createConversationsClient({ baseUrl: process.env.FAKE_BASE_URL })");
  const dir = await mkdtemp(join(tmpdir(), "tcp-readme-"));
  await writeFile(join(dir, "quickstart.mjs"), code);
  script = join(dir, "bundle.mjs");
  await build({
    entryPoints: [join(dir, "quickstart.mjs")], bundle: true, platform: "node", format: "esm", outfile: script, logLevel: "error",
    alias: { "twilio-conversations-participants": join(root, "src/index.ts") },
  });
});
afterAll(() => fake.close());

const run = () =>
  promisify(execFile)(process.execPath, [script], {
    env: { ...process.env, TWILIO_ACCOUNT_SID: fake.accountSid, TWILIO_AUTH_TOKEN: fake.authToken, FAKE_BASE_URL: fake.baseUrl },
  });

describe("the README quickstart", () => {
  it("adds a participant", async () => {
    const { stdout } = await run();
    expect(stdout).toMatch(/^Added alice as MB[0-9a-f]{32}\n$/);
    expect(fake.participants).toHaveLength(1);
  });

  it("reports Twilio's error when run again (same identity: 409)", async () => {
    const { stderr } = await run();
    expect(stderr).toMatch(/Twilio said 409 \/ 50433: Participant already exists/);
    expect(fake.participants).toHaveLength(1);
  });
});
