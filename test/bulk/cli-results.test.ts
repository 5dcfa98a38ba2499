// The real CLI, from the packed tarball, as an operator meets it: a result for every input row
// across resumes (--out, --json and its summary), clear errors and exit codes (unreadable input,
// stdin, an option or journal that is wrong, a closed stdout), and progress off a terminal.
import { spawn } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeConversations, type FakeConversations } from "../../src/testing/index.js";
import { root, run, type Run } from "../package/pack.js";
import { addArgs, conv, fakeEnv, packedCli, readsOf, SERVICE } from "./cli-support.js";

const OTHER_SERVICE = "IS00000000000000000000000000000002";
const packed = packedCli();
let dir: string;
let fake: FakeConversations;

let n = 0;
beforeEach(async () => {
  dir = join(packed.dir, `results-${++n}`);
  await mkdir(dir);
  fake = await startFakeConversations({
    services: { [SERVICE]: [conv(1), conv(2)], [OTHER_SERVICE]: [conv(1)] },
    rateLimit: true,
  });
});
afterEach(() => fake.close());

const env = () => fakeEnv(fake);
const cli = (args: string[]) => run(process.execPath, [packed.bin, ...args], { cwd: dir, env: env() });
const add = addArgs;
const file = async (name: string, text: string) => (await writeFile(join(dir, name), text), name);
const creates = () => fake.requests.filter((r) => r.method === "POST");
const csvOf = (text: string) => text.trim().split("\n");
/** A participant bound to `address` through `proxy` in `conversation`, created straight on the fake. */
async function seedBinding(conversation: string, address: string, proxy: string): Promise<void> {
  const url = `${fake.baseUrl}/v1/Services/${SERVICE}/Conversations/${conversation}/Participants`;
  const response = await fetch(url, {
    method: "POST",
    headers: {
      Authorization: `Basic ${btoa(`${fake.accountSid}:${fake.authToken}`)}`,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ "MessagingBinding.Address": address, "MessagingBinding.ProxyAddress": proxy }),
  });
  expect(response.status).toBe(201);
}
const people = (count: number) => "Identity\n" + Array.from({ length: count }, (_, i) => `u${i}`).join("\n") + "\n";

/** Spawns the CLI with pipes; `onStdout` sees stdout as it comes. */
function spawnCli(
  args: string[],
  options: {
    stdin?: string;
    onStdout?: (chunk: string, child: ReturnType<typeof spawn>) => void;
    onStart?: (child: ReturnType<typeof spawn>) => void;
  } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [packed.bin, ...args], { cwd: dir, env: { ...process.env, ...env() } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      options.onStdout?.(chunk.toString(), child);
    });
    child.stdout.on("error", () => {}); // destroyed on purpose by a test
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end(options.stdin ?? "");
    options.onStart?.(child);
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe("a result for every row", () => {
  it("--out and --json have exactly one line per input row across an interrupted run and its rerun", async () => {
    const valid = 12;
    // The last row fails at Twilio: its address + proxy pair is in use in another conversation (50416).
    await seedBinding(conv(2), "+15550009", "+15559999");
    const csv =
      "Identity,RoleSid,MessagingBinding.Address,MessagingBinding.ProxyAddress\n" +
      Array.from({ length: valid }, (_, i) => `u${i},,,`).join("\n") +
      `\nbad,RLnope,,\n,,+15550009,+15559999\n`;
    const rows = valid + 2;
    const name = await file("people.csv", csv);
    const args = add(name, "--skip-invalid", "--journal", "j.jsonl", "--rate", "2");

    // First run: Ctrl-C after a few creates; every row still gets its line.
    const first = await spawnCli([...args, "--out", "first.csv"], {
      onStart: (child) => {
        const poll = setInterval(() => creates().length >= 3 && (clearInterval(poll), child.kill("SIGINT")), 1);
        child.on("exit", () => clearInterval(poll));
      },
    });
    expect(first.code, first.stderr).toBe(130);
    const firstOut = csvOf(await readFile(join(dir, "first.csv"), "utf8"));
    expect(
      firstOut
        .slice(1)
        .map((l) => Number(l.split(",")[0]))
        .sort((a, b) => a - b),
    ).toEqual(Array.from({ length: rows }, (_, i) => i + 1));
    expect(firstOut.filter((l) => l.split(",")[5] === "not-started").length).toBeGreaterThan(0);
    await fake.idle();
    const createdFirst = fake.participants.length;

    // The rerun: rows the first run finished come from the journal, with their SIDs.
    const second = await spawnCli([...args, "--out", "second.csv", "--json"]);
    expect(second.code, second.stderr).toBe(1); // one invalid, one failed
    const sidOf = new Map(fake.participants.map((p) => [p.identity, p.sid]));
    const out = csvOf(await readFile(join(dir, "second.csv"), "utf8"));
    expect(out[0]).toBe(
      "row,line,conversation_sid,identity,address,outcome,participant_sid,error_code,error_message,earlier_run",
    );
    const byRow = new Map(out.slice(1).map((l) => [Number(l.split(",")[0]), l.split(",")]));
    expect([...byRow.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: rows }, (_, i) => i + 1));
    expect(out).toHaveLength(1 + rows);
    for (let row = 1; row <= valid; row++) {
      const [, line, conversation, identity, , outcome, sid] = byRow.get(row)!;
      expect([line, conversation, identity, sid]).toEqual([
        String(row + 1),
        conv(1),
        `u${row - 1}`,
        sidOf.get(`u${row - 1}`),
      ]);
      expect(["created", "existing"]).toContain(outcome);
    }
    expect(byRow.get(valid + 1)!.slice(3, 8)).toEqual(["bad", "", "invalid", "", "invalid"]);
    expect(byRow.get(valid + 2)!.slice(2, 8)).toEqual([conv(1), "", "+15550009", "failed", "", "50416"]);
    const earlier = out.slice(1).filter((l) => l.endsWith(",true"));
    expect(earlier.length).toBeGreaterThan(0);
    expect(earlier.length).toBeLessThanOrEqual(createdFirst);

    const json = second.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(json.slice(0, -1).map((l) => l.type)).toEqual(Array(rows).fill("row"));
    expect(new Set(json.slice(0, -1).map((l) => l.row)).size).toBe(rows);
    const summary = json.at(-1);
    expect(summary).toMatchObject({ type: "summary", rows, failed: 1, invalid: 1, notStarted: 0, exitCode: 1 });
    expect(summary.created + summary.existing).toBe(valid);
    expect(summary.earlierRun).toBe(earlier.length);
    expect(summary.reason).toMatch(/^exit 1: 1 row failed, 1 invalid row skipped/);
    expect(fake.participants).toHaveLength(valid + 1); // and the seeded one
  });
});

describe("resume", () => {
  it("settles rows journaled as started but unfinished (by identity or binding) from the preflight's listing, with no read of its own and no create", async () => {
    const csv =
      "Identity,MessagingBinding.Address,MessagingBinding.ProxyAddress\n" +
      "alice,,\n,+15550001,+15559999\n,+15550002,+15559999\n";
    const name = await file("people.csv", csv);
    expect((await cli(add(name, "--journal", "j.jsonl"))).code).toBe(0);
    // As if killed after the creates went out, before their answers were journaled.
    const journal = (await readFile(join(dir, "j.jsonl"), "utf8")).split("\n").filter((l) => l.includes('"started"'));
    expect(journal).toHaveLength(3);
    await writeFile(join(dir, "j.jsonl"), journal.join("\n") + "\n");
    const before = fake.requests.length;
    const rerun = await cli(add(name, "--journal", "j.jsonl", "--out", "out.csv"));
    expect(rerun.code, rerun.stderr).toBe(0);
    const sent = fake.requests.slice(before).map((r) => `${r.method} ${r.url.split("?")[0]!.split("/").at(-1)}`);
    // The preflight reads the conversation and lists its participants; that listing settles all three.
    expect(sent.sort()).toEqual([`GET ${conv(1)}`, "GET Participants"]);
    expect(rerun.stderr).toContain("3 found by lookup");
    const sids = fake.participants.map((p) => p.sid);
    const out = csvOf(await readFile(join(dir, "out.csv"), "utf8"))
      .slice(1)
      .map((l) => l.split(","));
    expect(out.map((l) => [l[5], l[6]]).sort()).toEqual(sids.map((sid) => ["existing", sid]).sort());
    expect(fake.participants).toHaveLength(3);
  });

  it("a row in doubt bound through another proxy address than the one Twilio has is not found, and is created", async () => {
    const csv = "Identity,MessagingBinding.Address,MessagingBinding.ProxyAddress\n,+15550001,+15559999\n";
    expect((await cli(add(await file("first.csv", csv), "--journal", "j.jsonl"))).code).toBe(0);
    const name = await file("people.csv", csv + ",+15550001,+15558888\ncarol,,\n");
    const journal = (await readFile(join(dir, "j.jsonl"), "utf8")).split("\n").filter((l) => l.includes('"started"'));
    const started = (row: number, who: string) =>
      JSON.stringify({ row, line: row + 1, service: SERVICE, key: `${conv(1)}|${who}`, outcome: "started" });
    await writeFile(join(dir, "j.jsonl"), [...journal, started(2, "+15550001"), started(3, "carol")].join("\n") + "\n");
    const before = fake.requests.length;
    const rerun = await cli(add(name, "--journal", "j.jsonl", "--out", "out.csv"));
    expect(rerun.code, rerun.stderr).toBe(0);
    const sent = fake.requests.slice(before);
    expect(readsOf(sent)).toEqual(new Map([[conv(1), { fetches: 0, listings: 1, pages: 1 }]]));
    const posted = sent.filter((r) => r.method === "POST").map((r) => r.form);
    expect(posted).toEqual([
      { "MessagingBinding.Address": "+15550001", "MessagingBinding.ProxyAddress": "+15558888" },
      { Identity: "carol" },
    ]);
    const out = csvOf(await readFile(join(dir, "out.csv"), "utf8"))
      .slice(1)
      .map((l) => l.split(","))
      .sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(out.map((l) => l[5])).toEqual(["existing", "created", "created"]);
    expect(fake.participants).toHaveLength(3);
  });

  it("240 rows in doubt over 2 conversations of 2 pages each: one listing per conversation, no fetch; found rows existing, the others created once", async () => {
    // Row i: conversation 1 or 2 by turns; every 11th by binding, the others by identity.
    const rows = 240;
    const line = (i: number) => (i % 11 === 10 ? `,+1555${String(i).padStart(7, "0")},+15559999` : `u${i},,`);
    const header = "Identity,MessagingBinding.Address,MessagingBinding.ProxyAddress,ConversationSid\n";
    const csv = (n: number) =>
      header + Array.from({ length: n }, (_, i) => `${line(i)},${conv(1 + (i % 2))}`).join("\n") + "\n";
    // An earlier run added the first 220 (110 per conversation: 2 pages of 100) ...
    const stored = 220;
    expect(
      (await cli(["add", "--service", SERVICE, "--file", await file("first.csv", csv(stored)), "--journal", "j.jsonl"]))
        .code,
    ).toBe(0);
    const name = await file("people.csv", csv(rows));
    const journal = (await readFile(join(dir, "j.jsonl"), "utf8")).split("\n").filter((l) => l.includes('"started"'));
    expect(journal).toHaveLength(stored);
    // ... and journaled all 240 as started, without an outcome: the last 20 never reached Twilio.
    for (let i = stored; i < rows; i++) {
      const key = `${conv(1 + (i % 2))}|${i % 11 === 10 ? `+1555${String(i).padStart(7, "0")}` : `u${i}`}`;
      journal.push(JSON.stringify({ row: i + 1, line: i + 2, service: SERVICE, key, outcome: "started" }));
    }
    await writeFile(join(dir, "j.jsonl"), journal.join("\n") + "\n");
    const sidsBefore = new Map(fake.participants.map((p) => [p.identity ?? p.messaging_binding!.address, p.sid]));

    const before = fake.requests.length;
    const rerun = await cli(["add", "--service", SERVICE, "--file", name, "--journal", "j.jsonl", "--out", "out.csv"]);
    expect(rerun.code, rerun.stderr).toBe(0);
    const sent = fake.requests.slice(before);
    const reads = readsOf(sent);
    expect([...reads.keys()].sort()).toEqual([conv(1), conv(2)]);
    for (const c of [conv(1), conv(2)]) expect(reads.get(c), c).toEqual({ fetches: 0, listings: 1, pages: 2 });
    const posted = sent.filter((r) => r.method === "POST");
    const who = (i: number) => (i % 11 === 10 ? `+1555${String(i).padStart(7, "0")}` : `u${i}`);
    const missing = Array.from({ length: rows - stored }, (_, k) => who(stored + k)).sort();
    expect(posted.map((r) => r.form?.Identity ?? r.form?.["MessagingBinding.Address"]).sort()).toEqual(missing);
    expect(rerun.stderr).toContain(`${stored} found by lookup`);

    const out = csvOf(await readFile(join(dir, "out.csv"), "utf8"))
      .slice(1)
      .map((l) => l.split(","));
    expect(out).toHaveLength(rows);
    for (const l of out) {
      const i = Number(l[0]) - 1;
      if (i < stored) expect([l[5], l[6]], `row ${l[0]}`).toEqual(["existing", sidsBefore.get(who(i))]);
      else expect(l[5], `row ${l[0]}`).toBe("created");
    }
    expect(new Set(fake.participants.map((p) => p.identity ?? p.messaging_binding!.address)).size).toBe(rows);
    expect(fake.participants).toHaveLength(rows);
  }, 60_000);
});

describe("clear errors, right exit codes", () => {
  it("an unreadable --file is one line and exit 2, with no stack", async () => {
    for (const path of ["nope.csv", "."]) {
      const result = await cli(add(path));
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr.trim().split("\n"), result.stderr).toEqual([expect.stringContaining(`cannot read ${path}`)]);
    }
    const jsonl = await cli(add(".", "--format", "jsonl"));
    expect([jsonl.code, jsonl.stderr.trim().split("\n").length]).toEqual([2, 1]);
    expect(fake.requests).toEqual([]);
  });

  it("--file - reads the rows from stdin", async () => {
    const result = await spawnCli(add("-", "--journal", "j.jsonl"), { stdin: people(3) });
    expect(result.code, result.stderr).toBe(0);
    expect(fake.participants.map((p) => p.identity).sort()).toEqual(["u0", "u1", "u2"]);
    const again = await spawnCli(add("-", "--journal", "j.jsonl"), { stdin: people(3) });
    expect(again.stderr).toContain("3 already done by an earlier run");
  });

  it("a bad --service is said once, before any row, and nothing is sent", async () => {
    const name = await file("people.csv", people(5));
    const result = await cli(["add", "--service", "abc", "--conversation", conv(1), "--file", name]);
    expect(result.code).toBe(2);
    expect(result.stderr.match(/--service/g)).toHaveLength(1);
    expect(result.stderr).not.toMatch(/^line /m);
    expect(fake.requests).toEqual([]);
  });

  it("a damaged journal line is exit 2 naming the journal's line; another --service's journal is refused", async () => {
    const name = await file("people.csv", people(3));
    expect((await cli(add(name, "--journal", "j.jsonl"))).code).toBe(0);
    const lines = (await readFile(join(dir, "j.jsonl"), "utf8")).trim().split("\n");
    await writeFile(join(dir, "j.jsonl"), [lines[0], "null", ...lines.slice(1)].join("\n") + "\n");
    const before = fake.requests.length;
    const damaged = await cli(add(name, "--journal", "j.jsonl"));
    expect(damaged.code).toBe(2);
    expect(damaged.stderr.trim()).toMatch(/^twilio-conversations-participants: j\.jsonl:2: not a journal line/);

    await writeFile(join(dir, "j.jsonl"), lines.join("\n") + "\n");
    const other = await cli([
      "add",
      "--service",
      OTHER_SERVICE,
      "--conversation",
      conv(1),
      "--file",
      name,
      "--journal",
      "j.jsonl",
    ]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/journal is of another service/);
    expect(fake.requests.length).toBe(before);
  });

  it("reads a journal of the earlier format (no service): its finished rows are skipped", async () => {
    const name = await file("people.csv", people(2));
    const old = { row: 1, line: 2, key: `${conv(1)}|u0`, outcome: "created", sid: "MB" + "1".repeat(32) };
    await writeFile(join(dir, "j.jsonl"), JSON.stringify(old) + "\n");
    const result = await cli(add(name, "--journal", "j.jsonl", "--out", "out.csv"));
    expect(result.code, result.stderr).toBe(0);
    expect(creates().map((r) => r.form?.Identity)).toEqual(["u1"]);
    expect(await readFile(join(dir, "out.csv"), "utf8")).toContain(`1,2,${conv(1)},u0,,created,${old.sid},,,true`);
  });

  it("a closed stdout (--json | head -1) ends the run cleanly: exit 130, the journal whole, a rerun finishes", async () => {
    const rows = 150;
    const name = await file("people.csv", people(rows));
    const args = add(name, "--journal", "j.jsonl", "--json");
    const cut = await spawnCli(args, { onStdout: (_chunk, child) => child.stdout!.destroy() });
    expect(cut.code, cut.stderr).toBe(130);
    expect(cut.stderr).toMatch(/exit 130: stopped: stdout was closed/);
    expect(cut.stderr).not.toMatch(/EPIPE|\n\s+at /);
    await fake.idle();
    const journal = (await readFile(join(dir, "j.jsonl"), "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const stored = new Map(fake.participants.map((p) => [p.identity, p.sid]));
    for (const e of journal.filter((e) => e.outcome === "created")) expect(e.sid).toBe(stored.get(e.key.split("|")[1]));
    expect(fake.participants.length).toBeLessThan(rows);

    const rerun = await cli(add(name, "--journal", "j.jsonl"));
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(fake.participants).toHaveLength(rows);
    expect(new Set(fake.participants.map((p) => p.identity)).size).toBe(rows);
  });

  it("--version prints the package's version; --help and the README give the same exit codes", async () => {
    const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { version: string };
    const version = await cli(["--version"]);
    expect([version.code, version.stdout.trim()]).toEqual([0, pkg.version]);
    const flat = (s: string) => s.replace(/\s+/g, " ");
    const codes = /Exit codes: [^]*?closed\)\./;
    const help = flat((await cli(["--help"])).stdout).match(codes)?.[0];
    const readme = flat(await readFile(join(root, "README.md"), "utf8")).match(codes)?.[0];
    expect(help).toMatch(/\b0\b[^]*\b1\b[^]*\b2\b[^]*\b130\b/);
    expect(readme).toBe(help);
  });
});

describe("progress", () => {
  it("off a terminal, prints a plain progress line (done/total, failed, rate) before the summary", async () => {
    const rows = 60; // at --rate 10, six seconds: longer than the 5 s between lines
    const result = await cli(add(await file("people.csv", people(rows)), "--rate", "10"));
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stderr.trim().split("\n");
    const progress = lines.filter((l) => /^progress: \d+\/60 done, \d+ failed, \d+\/s/.test(l));
    expect(progress.length, result.stderr).toBeGreaterThan(0);
    expect(lines.at(-1)).toMatch(/^created 60,/);
    expect(result.stderr).not.toContain("\x1b");
  });
});
