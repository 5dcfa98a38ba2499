// The packed CLI against the fake, where something is wrong before or during the run: the check
// before the first create (credentials, unknown conversations, participant limits), the dry run's
// plan, the stops mid-run (a revoked token, Twilio failing every create, a conversation deleted),
// and the pace under a budget other traffic shares. Asserted on what went over the wire and what
// the fake stored.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createConversationsClient } from "../../src/node.js";
import { faults, startFakeConversations, type FakeConversations } from "../../src/testing/index.js";
import { run } from "../package/pack.js";
import { conv, packedCli, SERVICE } from "./cli-support.js";

const packed = packedCli();
let dir: string;
let fake: FakeConversations;

let n = 0;
beforeEach(async () => {
  dir = join(packed.dir, `preflight-${++n}`);
  await mkdir(dir);
  fake = await startFakeConversations({ services: { [SERVICE]: [conv(1), conv(2)] }, rateLimit: true });
});
afterEach(() => fake.close());

const env = (token = fake.authToken) => ({
  TWILIO_ACCOUNT_SID: fake.accountSid,
  TWILIO_AUTH_TOKEN: token,
  TWILIO_CONVERSATIONS_BASE_URL: fake.baseUrl,
});
const cli = (args: string[], extraEnv: Record<string, string> = env()) =>
  run(process.execPath, [packed.bin, ...args], {
    cwd: dir,
    env: { TWILIO_ACCOUNT_SID: "", TWILIO_AUTH_TOKEN: "", TWILIO_API_KEY: "", TWILIO_API_SECRET: "", ...extraEnv },
  });
const add = (file: string, ...more: string[]) => ["add", "--service", SERVICE, "--file", file, ...more];
/** A CSV of `count` identities spread over the conversations given. */
async function people(count: number, conversations: string[], name = "people.csv") {
  const lines = Array.from({ length: count }, (_, i) => `p${i},${conversations[i % conversations.length]}`);
  await writeFile(join(dir, name), `Identity,ConversationSid\n${lines.join("\n")}\n`);
  return name;
}
const posts = () => fake.requests.filter((r) => r.method === "POST").length;
const seed = async (items: { conversation: string; body: Record<string, string> }[]) => {
  const client = createConversationsClient({
    accountSid: fake.accountSid,
    authToken: fake.authToken,
    baseUrl: fake.baseUrl,
  });
  const path = (c: string) => ({ ChatServiceSid: SERVICE, ConversationSid: c });
  for await (const r of client.addParticipants(items.map((i) => ({ path: path(i.conversation), body: i.body }))))
    expect(r.outcome).toBe("created");
  return fake.requests.length;
};
/** Waits until `check` holds (the CLI runs meanwhile). */
async function until(check: () => boolean) {
  while (!check()) await new Promise((r) => setTimeout(r, 10));
}

describe("the CLI checks before the first create", () => {
  it("refuses wrong credentials in one line naming them and Twilio's code (exit 2), and unknown conversations naming each, with zero creates", async () => {
    const file = await people(10, [conv(1), conv(2)]);
    const wrong = await cli(add(file), env("not-the-token"));
    expect(wrong.code).toBe(2);
    const lines = wrong.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/refused the credentials.*401.*20003.*TWILIO_AUTH_TOKEN/);
    expect(wrong.stderr).not.toContain("not-the-token");

    const unknown = await cli(add(await people(9, [conv(1), conv(7), conv(8)], "three.csv")));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/2 conversations not found/);
    expect(unknown.stderr).toContain(conv(7));
    expect(unknown.stderr).toContain(conv(8));
    expect(posts()).toBe(0);
    expect(fake.participants).toHaveLength(0);
    // Each conversation was read once per run (GET …/Conversations/CH…), before anything else.
    const reads = fake.requests.filter((r) => /\/Conversations\/CH\d+$/.test(r.url)).map((r) => r.url.slice(-2));
    expect(reads.sort()).toEqual(["01", "02", "01", "07", "08"].sort());
  });
});

describe("the plan (--dry-run with credentials)", () => {
  it("reports per conversation and in total what would be added and what is already there; --json is one object", async () => {
    const before = await seed([
      { conversation: conv(1), body: { Identity: "p0" } },
      { conversation: conv(1), body: { Identity: "p2" } },
      { conversation: conv(2), body: { Identity: "someone-else" } },
    ]);
    const file = await people(6, [conv(1), conv(2)]);
    const text = await cli(add(file, "--dry-run"));
    expect(text.code).toBe(0);
    expect(text.stderr).toContain(`${conv(1)}: 3 rows, 1 to add, 2 already there (2 → 3 participants)`);
    expect(text.stderr).toContain(`${conv(2)}: 3 rows, 3 to add, 0 already there (1 → 4 participants)`);
    expect(text.stderr).toContain("total: 4 to add, 2 already there");

    const json = await cli(add(file, "--dry-run", "--json"));
    const lines = json.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const plan = JSON.parse(lines[0]!);
    expect(plan).toMatchObject({ rows: 6, invalid: 0, toAdd: 4, existing: 2, notChecked: [] });
    expect(plan.conversations.map((c: { conversation: string; toAdd: number }) => [c.conversation, c.toAdd])).toEqual([
      [conv(1), 1],
      [conv(2), 3],
    ]);
    // Reads only: nothing was created by either dry run.
    expect(fake.requests.slice(before).every((r) => r.method === "GET")).toBe(true);
    expect(fake.participants).toHaveLength(3);
  });

  it("refuses a conversation the rows would take past 50 non-chat participants, in the dry run and the real run alike", async () => {
    const sms = (i: number) => ({
      "MessagingBinding.Address": `+1555000${String(i).padStart(4, "0")}`,
      "MessagingBinding.ProxyAddress": "+15017122661",
    });
    await seed(Array.from({ length: 49 }, (_, i) => ({ conversation: conv(1), body: sms(i) })));
    const rows = [100, 101].map((i) => `${sms(i)["MessagingBinding.Address"]},+15017122661,${conv(1)}`);
    await writeFile(
      join(dir, "sms.csv"),
      `MessagingBinding.Address,MessagingBinding.ProxyAddress,ConversationSid\n${rows.join("\n")}\n`,
    );
    const postsBefore = posts();
    const dry = await cli(add("sms.csv", "--dry-run"));
    expect(dry.code).toBe(2);
    expect(dry.stderr).toMatch(/51 non-chat .*limit of 50/);
    const real = await cli(add("sms.csv"));
    expect(real.code).toBe(2);
    expect(real.stderr).toMatch(/refusing to start.*51 non-chat .*limit of 50/);
    expect(posts()).toBe(postsBefore);
    expect(fake.participants).toHaveLength(49);
  });

  it("reports invalid rows before any network call, and without credentials checks offline and says what it did not check", async () => {
    await writeFile(join(dir, "bad.csv"), `Identity,RoleSid,ConversationSid\na,RLnope,${conv(1)}\nb,,${conv(1)}\n`);
    const bad = await cli(add("bad.csv", "--dry-run", "--json"));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/line 2: RoleSid/);
    expect(JSON.parse(bad.stdout)).toMatchObject({ rows: 2, invalid: 1 });
    const offline = await cli(add(await people(4, [conv(1)]), "--dry-run"), {
      TWILIO_CONVERSATIONS_BASE_URL: fake.baseUrl,
    });
    expect(offline.code).toBe(0);
    expect(offline.stderr).toMatch(
      /offline \(no credentials\).*not checked: credentials, that the conversations exist/,
    );
    const badOption = await cli(add("people.csv", "--dry-run", "--concurrency", "0"), {});
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toMatch(/--concurrency/);
    // The bad rows' dry run with credentials sent nothing: rows are checked before any network call.
    expect(fake.requests.filter((r) => r.method === "POST")).toHaveLength(0);
  });
});

describe("the CLI stops on what fails every row", () => {
  it("a token revoked mid-run stops all sending: exit 2, a line naming the credentials, the rest not sent", async () => {
    const running = cli(add(await people(200, [conv(1)])));
    await until(() => fake.participants.length >= 10);
    fake.revoke();
    const result = await running;
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/stopped: Twilio refused the credentials mid-run/);
    expect(result.stderr).toMatch(/not started/);
    // At 30/s, at most about one second's worth went out after the revocation.
    expect(posts()).toBeLessThan(fake.participants.length + 35);
    expect(posts()).toBeLessThan(100);
  });

  it("a service answering 500 to every create: the run ends on its own within about 100 requests, saying Twilio is failing and that the same command resumes", async () => {
    fake.failAll(faults.status(500));
    const result = await cli(add(await people(600, [conv(1), conv(2)])));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Twilio is failing every create/);
    expect(result.stderr).toMatch(/run the same command again later: it resumes/);
    expect(fake.requests.length).toBeLessThanOrEqual(110);
    expect(fake.participants).toHaveLength(0);
  });

  it("a conversation deleted mid-run: read again, its remaining rows stop (not started), the other conversation's all go in", async () => {
    const running = cli(add(await people(120, [conv(1), conv(2)]), "--json"));
    await until(() => fake.participants.length >= 6);
    fake.removeConversation(SERVICE, conv(2));
    const result = await running;
    expect(result.code).toBe(1);
    expect(fake.participants.filter((p) => p.conversation_sid === conv(1))).toHaveLength(60);
    // conv(2) read once before the run, and once after the 404 on a create.
    expect(fake.requests.filter((r) => r.method === "GET" && r.url.endsWith(`/Conversations/${conv(2)}`))).toHaveLength(
      2,
    );
    expect(result.stderr).toMatch(/not started/);
    expect(result.stderr).toContain(`conversations gone mid-run (their other rows were not sent): ${conv(2)}`);
    const createsToGone = fake.requests.filter((r) => r.method === "POST" && r.url.includes(conv(2))).length;
    expect(createsToGone).toBeLessThan(60 - 20);
  });
});

describe("the CLI paces what is left of a conversation's shared budget", () => {
  it("with other traffic using 10 of the 30 actions/s, draws few 429s and adds every row once", async () => {
    for (const c of [conv(1), conv(2)]) fake.backgroundTraffic(c, 10);
    const result = await cli(add(await people(240, [conv(1), conv(2)]), "--concurrency", "16"));
    expect(result.code).toBe(0);
    const creates = posts();
    const limited = Object.values(fake.rateLimited()).reduce((a, b) => a + b, 0);
    // Every 429 is a create sent again; the bound is 15% of the creates.
    expect(creates).toBe(240 + limited);
    expect(limited / creates).toBeLessThanOrEqual(0.15);
    expect(fake.participants).toHaveLength(240);
    expect(new Set(fake.participants.map((p) => p.identity)).size).toBe(240);
  });
});
