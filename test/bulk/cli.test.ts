// The real `twilio-conversations-participants` command, installed from the packed tarball, against
// the fake server: CSV edge cases, dry run, refusing invalid rows, outputs, the journal, exit codes.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { faults, startFakeConversations, type FakeConversations } from "../../src/testing/index.js";
import { ok, run } from "../package/pack.js";
import { addArgs, conv, fakeEnv, packedCli, SERVICE } from "./cli-support.js";

const packed = packedCli();
let dir: string;
let fake: FakeConversations;

let n = 0;
beforeEach(async () => {
  dir = join(packed.dir, `case-${++n}`);
  await mkdir(dir);
  fake = await startFakeConversations({ services: { [SERVICE]: [conv(1), conv(2)] }, rateLimit: true });
});
afterEach(() => fake.close());

const env = () => fakeEnv(fake);
const cli = (args: string[], extraEnv: Record<string, string | undefined> = env()) =>
  run(process.execPath, [packed.bin, ...args], {
    cwd: dir,
    env: { TWILIO_ACCOUNT_SID: "", TWILIO_AUTH_TOKEN: "", TWILIO_API_KEY: "", TWILIO_API_SECRET: "", ...extraEnv },
  });
const add = addArgs;
const file = async (name: string, text: string | Buffer) => (await writeFile(join(dir, name), text), name);
const creates = () => fake.requests.filter((r) => r.method === "POST");

describe("twilio-conversations-participants", () => {
  it("--help shows every option with an example, and exits 0", async () => {
    const help = ok(await cli(["--help"]), "--help").stdout;
    for (const option of [
      "--service",
      "--conversation",
      "--file",
      "--format",
      "--dry-run",
      "--skip-invalid",
      "--journal",
      "--json",
      "--out",
      "--rate",
      "--concurrency",
      "--base-url",
      "--version",
      "--help",
    ]) {
      expect(help, option).toMatch(new RegExp(`^  ${option}\\b[^]*?e\\.g\\. ${option}`, "m"));
    }
  });

  it("reads quotes, commas and newlines in Attributes, a BOM and CRLF, and stores exactly those values", async () => {
    const attributes = ['{"note":"a, b"}', '{"lines":"one\\ntwo","q":"say \\"hi\\""}', '{\r\n"x": 1}'];
    const quoted = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const csv =
      `\uFEFFIdentity,Attributes,ConversationSid\r\n` +
      attributes.map((a, i) => `p${i},${quoted(a)},${conv(1 + (i % 2))}`).join("\r\n") +
      "\r\n";
    const result = await cli(add(await file("people.csv", csv)));
    expect(result.stderr).toContain("created 3");
    expect(result.code).toBe(0);
    const stored = Object.fromEntries(fake.participants.map((p) => [p.identity, [p.attributes, p.conversation_sid]]));
    expect(stored).toEqual({
      p0: [attributes[0], conv(1)],
      p1: [attributes[1], conv(2)],
      p2: [attributes[2], conv(1)],
    });
  });

  it("reads a file whose line endings are mixed (a blank LF line, then CRLF), keeping no CR in any value", async () => {
    const result = await cli(add(await file("mixed.csv", "\nIdentity,Attributes\r\nm0,{}\r\nm1,\r\n")));
    expect(result.code, result.stderr).toBe(0);
    expect(fake.participants.map((p) => [p.identity, p.attributes])).toEqual([
      ["m0", "{}"],
      ["m1", "{}"],
    ]);
  });

  it("reads JSON Lines the same way", async () => {
    const lines = [
      { Identity: "j0", Attributes: '{"a":"x,\\ny"}' },
      { Identity: "j1", ConversationSid: conv(2) },
      { Identity: "j2", ConversationSid: "" }, // empty, as an empty CSV cell: --conversation's
    ];
    const result = await cli(add(await file("people.jsonl", lines.map((l) => JSON.stringify(l)).join("\n") + "\n")));
    expect(result.code).toBe(0);
    expect(fake.participants.map((p) => [p.identity, p.conversation_sid, p.attributes]).sort()).toEqual([
      ["j0", conv(1), '{"a":"x,\\ny"}'],
      ["j1", conv(2), "{}"],
      ["j2", conv(1), "{}"],
    ]);
  });

  it("--dry-run lists each bad row with its line, field and rule, sends nothing, and exits 2", async () => {
    const csv = 'Identity,RoleSid,Attributes\nok,,\nbad,RLnope,\n"multi\nline",,{not json\n';
    const result = await cli(add(await file("people.csv", csv), "--dry-run"));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^line 3: RoleSid: pattern: /m);
    expect(result.stderr).toMatch(/^line 4: Attributes: \w+: /m);
    expect(result.stderr).toContain("3 rows, 2 invalid");
    // With credentials the dry run reads the conversation for its plan (GETs), and creates nothing.
    expect(creates()).toEqual([]);
    const blanks = await cli(add(await file("blanks.csv", "Identity,RoleSid\nalice,\n\n\nbob,RLbad\n"), "--dry-run"));
    expect(blanks.stderr).toMatch(/^line 5: RoleSid: pattern: /m);
    const crlf = 'Identity,Attributes,RoleSid\r\na,"{\r\n}",\r\n\r\nb,,RLbad\r\n"c\r\nd",,RLbad\r\n';
    const lines = (await cli(add(await file("crlf.csv", crlf), "--dry-run"))).stderr.match(/^line \d+/gm);
    expect([...new Set(lines)]).toEqual(["line 5", "line 6"]);
    const good = await cli(add(await file("good.csv", "Identity\na\nb\n"), "--dry-run"));
    expect([good.code, creates().length]).toEqual([0, 0]);
  });

  it("refuses to start while a row is invalid; --skip-invalid adds the rest and exits 1", async () => {
    const name = await file("people.csv", "Identity,RoleSid\na,\nb,RLnope\nc,\n");
    const refused = await cli(add(name));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("refusing to start: 1 of 3 rows are invalid");
    expect(fake.requests).toEqual([]);
    const skipped = await cli(add(name, "--skip-invalid"));
    expect(skipped.code).toBe(1);
    expect(fake.participants.map((p) => p.identity).sort()).toEqual(["a", "c"]);
  });

  it("exits 1 when some rows failed, and writes --json lines and the --out CSV", async () => {
    // An unknown conversation now refuses the whole run before it starts (test/bulk/cli-preflight):
    // the failing row is row 1, whose create (the first) Twilio refuses with a 400.
    const csv = `Identity,ConversationSid\na,\nb,${conv(2)}\nc,\n`;
    fake.inject(faults.status(400));
    const result = await cli(add(await file("people.csv", csv), "--json", "--out", "results.csv"));
    expect(result.code).toBe(1);
    const lines = result.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l))
      .filter((l) => l.type === "row")
      .sort((x, y) => x.row - y.row);
    expect(lines.map((l) => [l.row, l.line, l.outcome, l.code])).toEqual([
      [1, 2, "failed", "70002"],
      [2, 3, "created", undefined],
      [3, 4, "created", undefined],
    ]);
    expect(lines[1].sid).toBe(fake.participants.find((p) => p.identity === "b")!.sid);
    const out = (await readFile(join(dir, "results.csv"), "utf8")).trim().split("\n");
    expect(out[0]).toBe(
      "row,line,conversation_sid,identity,address,outcome,participant_sid,error_code,error_message,earlier_run",
    );
    expect(
      out
        .slice(1)
        .sort()
        .map((l) => l.split(",").slice(0, 8).join(",")),
    ).toEqual([
      `1,2,${conv(1)},a,,failed,,70002`,
      `2,3,${conv(2)},b,,created,${lines[1].sid},`,
      `3,4,${conv(1)},c,,created,${lines[2].sid},`,
    ]);
  });

  it("exits 2 on bad options, unknown columns and missing credentials, never echoing a secret", async () => {
    const name = await file("people.csv", "Identity\na\n");
    expect((await cli(["add", "--bogus"])).code).toBe(2);
    expect((await cli(["remove"])).code).toBe(2);
    expect((await cli(["add", "--file", name])).stderr).toMatch(/--service is required/);
    expect((await cli(add(name, "--rate", "0"))).code).toBe(2);
    expect((await cli(add(await file("odd.csv", "Identity,Nickname\na,b\n")))).stderr).toMatch(
      /unknown column Nickname/,
    );
    const noSecret = await cli(add(name), {
      TWILIO_ACCOUNT_SID: fake.accountSid,
      TWILIO_CONVERSATIONS_BASE_URL: fake.baseUrl,
    });
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toMatch(/TWILIO_AUTH_TOKEN/);
    const wrong = await cli(add(name), { ...env(), TWILIO_AUTH_TOKEN: "s3cr3t-token-value" });
    expect(wrong.code).toBe(2); // refused by the read before the first create
    expect(wrong.stdout + wrong.stderr).not.toContain("s3cr3t-token-value");
    expect(creates()).toHaveLength(0);
  });

  it("skips rows the journal marks finished, and refuses a journal from another file", async () => {
    const name = await file("people.csv", "Identity\na\nb\nc\n");
    expect((await cli(add(name, "--journal", "j.jsonl"))).code).toBe(0);
    const before = creates().length;
    const again = await cli(add(name, "--journal", "j.jsonl"));
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("3 already done by an earlier run");
    expect(creates().length).toBe(before);
    const other = await cli(add(await file("other.csv", "Identity\nx\ny\nz\n"), "--journal", "j.jsonl"));
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/journal does not match/);
  });

  it("refuses a journal from another file before sending anything, whichever row tells them apart", async () => {
    expect((await cli(add(await file("people.csv", "Identity\na\nb\nc\n"), "--journal", "j.jsonl"))).code).toBe(0);
    // Only row 3 finished: rows 1 and 2 were in flight when the run was killed.
    const journal = (await readFile(join(dir, "j.jsonl"), "utf8")).split("\n").filter((l) => l.includes('"row":3'));
    await writeFile(join(dir, "j.jsonl"), journal.join("\n") + "\n");
    const before = creates().length;
    const other = await cli(add(await file("other.csv", "Identity\nx\ny\nz\n"), "--journal", "j.jsonl"));
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/journal does not match other\.csv: row 3/);
    expect(creates().length).toBe(before);
  });

  it("cuts a journal line torn by a kill, so every later run reads the journal", async () => {
    const name = await file("people.csv", "Identity\na\nb\nc\n");
    expect((await cli(add(name, "--journal", "j.jsonl"))).code).toBe(0);
    const lines = (await readFile(join(dir, "j.jsonl"), "utf8")).split("\n").filter((l) => l.includes('"created"'));
    await writeFile(join(dir, "j.jsonl"), `${lines[0]}\n${lines[1]}\n${lines[2]!.slice(0, 20)}`);
    const rerun = await cli(add(name, "--journal", "j.jsonl"));
    expect([rerun.code, rerun.stderr]).toEqual([0, expect.stringContaining("2 already done by an earlier run")]);
    const third = await cli(add(name, "--journal", "j.jsonl"));
    expect([third.code, third.stderr]).toEqual([0, expect.stringContaining("3 already done by an earlier run")]);
    expect(fake.participants.map((p) => p.identity).sort()).toEqual(["a", "b", "c"]);
  });
});
