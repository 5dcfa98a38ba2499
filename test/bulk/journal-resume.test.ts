// kill -9 the real CLI at random points of a journaled run, then run it again with the same
// journal: every row ends added exactly once, and the rerun sends no create for a finished row.
import { spawn } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { faults, startFakeConversations } from "../../src/testing/index.js";
import { run } from "../package/pack.js";
import { conv, fakeEnv, packedCli, readsOf, SERVICE } from "./cli-support.js";
import { runs } from "../helpers/depth.js";

const ROWS = 60;
const packed = packedCli();

/** Runs the CLI until the server has received `killAfter` creates, then SIGKILLs it. */
function runAndKill(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  received: () => number,
  killAfter: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [packed.bin, ...args], {
      cwd,
      env: { ...process.env, ...env },
      stdio: "ignore",
    });
    const poll = setInterval(() => received() >= killAfter && child.kill("SIGKILL"), 1);
    child.on("error", reject);
    child.on("exit", () => (clearInterval(poll), resolve()));
  });
}

let n = 0;
describe("Ctrl-C", () => {
  it("stops the run: exit 130, rows read ahead but never sent are not reported as failures, and a rerun adds them", async () => {
    const dir = join(packed.dir, "sigint");
    await mkdir(dir);
    const rows = 200;
    await writeFile(
      join(dir, "people.csv"),
      "Identity\n" + Array.from({ length: rows }, (_, i) => `u${i}`).join("\n") + "\n",
    );
    const fake = await startFakeConversations({ services: { [SERVICE]: [conv(1)] }, latencyMs: 5 });
    try {
      const env = {
        TWILIO_ACCOUNT_SID: fake.accountSid,
        TWILIO_AUTH_TOKEN: fake.authToken,
        TWILIO_CONVERSATIONS_BASE_URL: fake.baseUrl,
      };
      const args = ["add", "--service", SERVICE, "--conversation", conv(1), "--file", "people.csv"];
      const paced = [...args, "--rate", "20", "--journal", "j.jsonl", "--out", "out.csv"];
      const creates = () => fake.requests.filter((r) => r.method === "POST").length;
      const child = spawn(process.execPath, [packed.bin, ...paced], { cwd: dir, env: { ...process.env, ...env } });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const poll = setInterval(() => {
        if (creates() < 10) return;
        clearInterval(poll); // once: a second Ctrl-C quits at once
        child.kill("SIGINT");
      }, 1);
      const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      clearInterval(poll);
      await fake.idle();
      expect(code, stderr).toBe(130);
      // Rows in flight at Ctrl-C are cut short and reported (their outcome is unknown); those read
      // ahead but never sent are only counted.
      const [, created, failed, notStarted] = /created (\d+), existing 0, failed (\d+)[^,]*, (\d+) not started/
        .exec(stderr)!
        .map(Number);
      expect(created! + failed! + notStarted!).toBe(rows);
      expect(notStarted).toBeGreaterThan(0);
      expect(stderr.match(/^row \d+ .*$/gm) ?? []).toEqual(Array(failed).fill(expect.stringMatching(/interrupted$/)));
      const out = (await readFile(join(dir, "out.csv"), "utf8")).trim().split("\n");
      expect(out).toHaveLength(1 + rows); // the header, and a line per input row, never sent or not
      const outcomes = out.slice(1).map((l) => l.split(",")[5]);
      expect(outcomes.filter((o) => o === "not-started")).toHaveLength(notStarted!);

      const rerun = await run(process.execPath, [packed.bin, ...args, "--journal", "j.jsonl"], { cwd: dir, env });
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(rerun.stderr).toContain(`, ${created} already done by an earlier run`);
      expect(fake.participants).toHaveLength(rows);
      expect(new Set(fake.participants.map((p) => p.identity)).size).toBe(rows);
    } finally {
      await fake.close();
    }
  });
});

describe("the journal", () => {
  it("loses and duplicates nothing when the CLI is killed with SIGKILL at any point and run again", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: ROWS }), async (killAfter) => {
        const dir = join(packed.dir, `resume-${++n}`);
        await mkdir(dir);
        const csv =
          "Identity,ConversationSid\n" +
          Array.from({ length: ROWS }, (_, i) => `u${i},${conv(1 + (i % 2))}`).join("\n") +
          "\n";
        await writeFile(join(dir, "people.csv"), csv);
        const fake = await startFakeConversations({
          services: { [SERVICE]: [conv(1), conv(2)] },
          rateLimit: true,
          latencyMs: 5,
        });
        try {
          const env = {
            TWILIO_ACCOUNT_SID: fake.accountSid,
            TWILIO_AUTH_TOKEN: fake.authToken,
            TWILIO_CONVERSATIONS_BASE_URL: fake.baseUrl,
          };
          const args = ["add", "--service", SERVICE, "--file", "people.csv", "--journal", "j.jsonl"];
          const creates = () => fake.requests.filter((r) => r.method === "POST");
          await runAndKill(args, env, dir, () => creates().length, killAfter);
          await fake.idle();
          const journal = await readFile(join(dir, "j.jsonl"), "utf8").catch(() => "");
          const finished = new Set(
            journal.split("\n").flatMap((l) => {
              try {
                const e = JSON.parse(l) as { key: string; outcome: string };
                return e.outcome === "created" || e.outcome === "existing" ? [e.key.split("|")[1]] : [];
              } catch {
                return []; // a line torn by the kill
              }
            }),
          );
          const sentBefore = creates().length;

          const rerun = await run(process.execPath, [packed.bin, ...args], { cwd: dir, env });
          expect(rerun.code, rerun.stderr).toBe(0);
          const identities = fake.participants.map((p) => p.identity);
          expect(identities).toHaveLength(ROWS);
          expect(new Set(identities).size).toBe(ROWS);
          const resent = creates()
            .slice(sentBefore)
            .map((r) => r.form?.Identity);
          expect(resent.filter((id) => finished.has(id!))).toEqual([]);
          // Rows, not requests: a create refused with 429 (the killed run's last second still counts) is sent again.
          expect(new Set(resent).size).toBeLessThanOrEqual(ROWS - finished.size);
        } finally {
          await fake.close();
        }
      }),
      { numRuns: runs(3, 8) }, // TEST_DEPTH=deep: 8 kill points
    );
  }, 240_000);
});

describe("resume", () => {
  it("after kill -9, settles the rows that were in flight from the preflight's listing and sends no create for those Twilio has", async () => {
    const dir = join(packed.dir, "in-flight");
    await mkdir(dir);
    const rows = 20;
    await writeFile(
      join(dir, "people.csv"),
      "Identity\n" + Array.from({ length: rows }, (_, i) => `u${i}`).join("\n") + "\n",
    );
    const fake = await startFakeConversations({ services: { [SERVICE]: [conv(1)] }, rateLimit: true });
    try {
      // The first creates are stored, but their answers are lost: the CLI waits to look them up.
      const lost = 5;
      fake.inject(...Array.from({ length: lost }, () => faults.reset(true)));
      const env = fakeEnv(fake);
      const args = ["add", "--service", SERVICE, "--conversation", conv(1), "--file", "people.csv"];
      const journaled = [...args, "--journal", "j.jsonl", "--rate", "10"];
      await runAndKill(journaled, env, dir, () => fake.participants.length, lost);
      await fake.idle();
      const storedAtKill = new Set(fake.participants.map((p) => p.identity));
      expect(storedAtKill.size).toBeGreaterThanOrEqual(lost);
      const sentBefore = fake.requests.length;

      const rerun = await run(process.execPath, [packed.bin, ...journaled, "--out", "out.csv"], { cwd: dir, env });
      expect(rerun.code, rerun.stderr).toBe(0);
      const after = fake.requests.slice(sentBefore);
      const posted = after.filter((r) => r.method === "POST").map((r) => r.form?.Identity);
      expect(posted.filter((id) => storedAtKill.has(id!))).toEqual([]);
      // The preflight's one listing settles the rows in flight: no fetch of a participant, no second listing.
      expect(readsOf(after)).toEqual(new Map([[conv(1), { fetches: 0, listings: 1, pages: 1 }]]));
      expect(rerun.stderr).toMatch(/found by lookup/);
      expect(fake.participants).toHaveLength(rows);
      expect(new Set(fake.participants.map((p) => p.identity)).size).toBe(rows);
      const out = (await readFile(join(dir, "out.csv"), "utf8")).trim().split("\n");
      expect(out).toHaveLength(1 + rows);
    } finally {
      await fake.close();
    }
  });
});
