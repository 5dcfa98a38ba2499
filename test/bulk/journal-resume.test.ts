// kill -9 the real CLI at random points of a journaled run, then run it again with the same
// journal: every row ends added exactly once, and the rerun sends no create for a finished row.
import { spawn } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { startFakeConversations } from "../../src/testing/index.js";
import { run } from "../package/pack.js";
import { conv, packedCli, SERVICE } from "./cli-support.js";

const ROWS = 60;
const packed = packedCli();

/** Runs the CLI until the server has received `killAfter` creates, then SIGKILLs it. */
function runAndKill(args: string[], env: NodeJS.ProcessEnv, cwd: string, received: () => number, killAfter: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [packed.bin, ...args], { cwd, env: { ...process.env, ...env }, stdio: "ignore" });
    const poll = setInterval(() => received() >= killAfter && child.kill("SIGKILL"), 1);
    child.on("error", reject);
    child.on("exit", () => (clearInterval(poll), resolve()));
  });
}

let n = 0;
describe("the journal", () => {
  it("loses and duplicates nothing when the CLI is killed with SIGKILL at any point and run again", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: ROWS }), async (killAfter) => {
        const dir = join(packed.dir, `resume-${++n}`);
        await mkdir(dir);
        const csv = "Identity,ConversationSid\n" + Array.from({ length: ROWS }, (_, i) => `u${i},${conv(1 + (i % 2))}`).join("\n") + "\n";
        await writeFile(join(dir, "people.csv"), csv);
        const fake = await startFakeConversations({ services: { [SERVICE]: [conv(1), conv(2)] }, rateLimit: true, latencyMs: 5 });
        try {
          const env = { TWILIO_ACCOUNT_SID: fake.accountSid, TWILIO_AUTH_TOKEN: fake.authToken, TWILIO_CONVERSATIONS_BASE_URL: fake.baseUrl };
          const args = ["add", "--service", SERVICE, "--file", "people.csv", "--journal", "j.jsonl"];
          const creates = () => fake.requests.filter((r) => r.method === "POST");
          await runAndKill(args, env, dir, () => creates().length, killAfter);
          await fake.idle();
          const journal = await readFile(join(dir, "j.jsonl"), "utf8").catch(() => "");
          const finished = new Set(journal.split("\n").flatMap((l) => {
            try {
              const e = JSON.parse(l) as { key: string; outcome: string };
              return e.outcome === "failed" ? [] : [e.key.split("|")[1]];
            } catch {
              return []; // a line torn by the kill
            }
          }));
          const sentBefore = creates().length;

          const rerun = await run(process.execPath, [packed.bin, ...args], { cwd: dir, env });
          expect(rerun.code, rerun.stderr).toBe(0);
          const identities = fake.participants.map((p) => p.identity);
          expect(identities).toHaveLength(ROWS);
          expect(new Set(identities).size).toBe(ROWS);
          const resent = creates().slice(sentBefore).map((r) => r.form?.Identity);
          expect(resent.filter((id) => finished.has(id!))).toEqual([]);
          // Rows, not requests: a create refused with 429 (the killed run's last second still counts) is sent again.
          expect(new Set(resent).size).toBeLessThanOrEqual(ROWS - finished.size);
        } finally {
          await fake.close();
        }
      }),
      { numRuns: 8 },
    );
  }, 240_000);
});
