// The fake server's reads (one participant by SID or identity; the list in pages), Twilio's
// documented limits with their codes, the 30-creates-per-second rate, and faults aimed at reads.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { validateServiceConversationParticipant, validateTwilioError } from "../../generated/schema-validators.js";
import {
  faults,
  PARTICIPANT_LIMITS,
  startFakeConversations,
  TWILIO_ACTIONS_PER_SECOND,
  TWILIO_ERRORS,
  type FakeConversations,
} from "../../src/testing/index.js";

let fake: FakeConversations;
beforeEach(async () => void (fake = await startFakeConversations()));
afterEach(() => fake.close());

const listPath = (f = fake, conversation = f.conversationSid) =>
  `/v1/Services/${f.serviceSid}/Conversations/${conversation}/Participants`;
const auth = (f = fake) => `Basic ${Buffer.from(`${f.accountSid}:${f.authToken}`).toString("base64")}`;

async function call(method: "GET" | "POST", target: string, body?: string, f = fake) {
  const headers: Record<string, string> = { Authorization: auth(f) };
  if (body !== undefined) headers["Content-Type"] = "application/x-www-form-urlencoded";
  const response = await fetch(target.startsWith("http") ? target : f.baseUrl + target, { method, headers, body });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined; // a truncated body: the test looks at `text`
  }
  return { status: response.status, json, text };
}
const create = (body: string, f = fake, conversation?: string) => call("POST", listPath(f, conversation), body, f);
const sms = (n: number, proxy = "+15017122661") =>
  `MessagingBinding.Address=%2B1555${String(n).padStart(7, "0")}&MessagingBinding.ProxyAddress=${encodeURIComponent(
    proxy
  )}`;

describe("fetch one participant", () => {
  it("by SID and by identity (percent-encoded), 200 with the stored participant", async () => {
    const { json: alice } = await create("Identity=alice%2Fsupport%20desk");
    const bySid = await call("GET", `${listPath()}/${alice.sid}`);
    const byIdentity = await call("GET", `${listPath()}/${encodeURIComponent("alice/support desk")}`);
    expect(bySid).toMatchObject({ status: 200, json: alice });
    expect(byIdentity).toMatchObject({ status: 200, json: alice });
    expect(validateServiceConversationParticipant(byIdentity.json)).toBe(true);
  });

  it("404 / 20404 for an unknown participant, conversation or service; 401 without credentials", async () => {
    for (const target of [`${listPath()}/nobody`, `${listPath(fake, "CH" + "f".repeat(32))}/x`]) {
      const r = await call("GET", target);
      expect(r).toMatchObject({ status: 404, json: { code: TWILIO_ERRORS.notFound.code } });
      expect(validateTwilioError(r.json)).toBe(true);
    }
    const anonymous = await fetch(`${fake.baseUrl}${listPath()}/x`);
    expect(anonymous.status).toBe(401);
  });
});

describe("list participants", () => {
  it("pages with PageSize and next_page_url on the fake's own origin, null on the last page", async () => {
    for (let i = 0; i < 5; i++) await create(`Identity=p${i}`);
    const seen: string[] = [];
    let next: string | null = `${listPath()}?PageSize=2`;
    const pages = [];
    while (next) {
      const { status, json } = await call("GET", next);
      expect(status).toBe(200);
      pages.push(json.meta);
      seen.push(...json.participants.map((p: { identity: string }) => p.identity));
      next = json.meta.next_page_url;
      if (next) expect(next.startsWith(`${fake.baseUrl}${listPath()}?`)).toBe(true);
    }
    expect(seen).toEqual(["p0", "p1", "p2", "p3", "p4"]);
    expect(pages.map((m) => [m.page, m.page_size, m.key])).toEqual([
      [0, 2, "participants"],
      [1, 2, "participants"],
      [2, 2, "participants"],
    ]);
    expect(pages[0].previous_page_url).toBeNull();
    expect(pages[2].next_page_url).toBeNull();
  });

  it("defaults to 50 a page; Page without a token is an offset", async () => {
    for (let i = 0; i < 52; i++) await create(`Identity=q${i}`);
    const first = await call("GET", listPath());
    expect(first.json.participants).toHaveLength(50);
    const second = await call("GET", `${listPath()}?Page=1`);
    expect(second.json.participants.map((p: { identity: string }) => p.identity)).toEqual(["q50", "q51"]);
    expect(second.json.meta.next_page_url).toBeNull();
  });

  it("400 for PageSize outside 1–100, a negative Page or an unknown PageToken", async () => {
    for (const query of ["PageSize=0", "PageSize=101", "PageSize=1.5", "Page=-1", "PageToken=PTnope"]) {
      const r = await call("GET", `${listPath()}?${query}`);
      expect(r.status, query).toBe(400);
      expect(r.json.message).toMatch(query.split("=")[0]!);
    }
    expect((await call("GET", `${listPath()}?PageSize=100`)).status).toBe(200);
  });
});

describe("faults aimed at reads", () => {
  it("a fault strikes only the kind of request it names (default: the create)", async () => {
    fake.inject(faults.on("fetch", faults.status(500)), faults.on("list", faults.reset()), faults.status(503));
    const list = fetch(`${fake.baseUrl}${listPath()}`, { headers: { Authorization: auth() } });
    await expect(list).rejects.toThrow();
    expect((await call("GET", `${listPath()}/x`)).status).toBe(500);
    expect((await create("Identity=a")).status).toBe(503);
    expect((await create("Identity=a")).status).toBe(201);
    expect((await call("GET", `${listPath()}/a`)).status).toBe(200);
  });

  it("a committed fault on a read answers it after processing: truncated, or a status", async () => {
    await create("Identity=a");
    fake.inject(faults.on("read", faults.truncatedJson()), faults.on("any", { ...faults.status(502), commit: true }));
    const cut = await call("GET", `${listPath()}/a`);
    expect(cut.status).toBe(200);
    expect(() => JSON.parse(cut.text)).toThrow();
    expect((await call("GET", listPath())).status).toBe(502);
  });
});

describe("Twilio's limits", () => {
  it("a duplicate identity is 50433; an address without a proxy 50437; an address + proxy pair in any conversation 50416", async () => {
    expect((await create("Identity=a")).status).toBe(201);
    expect((await create("Identity=a")).json).toMatchObject({ status: 409, code: 50433 });
    expect((await create("MessagingBinding.Address=%2B15550000001")).status).toBe(201);
    expect((await create("MessagingBinding.Address=%2B15550000001")).json).toMatchObject({ code: 50437 });
    const other = fake.addConversation(fake.serviceSid).sid;
    expect((await create(sms(1), fake, other)).status).toBe(201);
    const elsewhere = await create(sms(1));
    expect(elsewhere.json).toMatchObject({ status: 409, code: 50416 });
    expect(elsewhere.json.message).toContain(other);
    expect((await create(sms(1, "+15017122662"))).status).toBe(201); // another proxy address: another binding
  });

  it(`${PARTICIPANT_LIMITS.nonChatPerConversation} non-chat participants, then 50417; chat ones still fit`, async () => {
    for (let i = 0; i < PARTICIPANT_LIMITS.nonChatPerConversation; i++) expect((await create(sms(i))).status).toBe(201);
    const full = await create(sms(99));
    expect(full.json).toMatchObject({ status: 400, code: TWILIO_ERRORS.participantsLimit.code });
    expect(full.json.message).toMatch(/non-chat/);
    expect((await create("Identity=chat")).status).toBe(201);
  });

  it(`${PARTICIPANT_LIMITS.perConversation} participants, then 50417`, async () => {
    const creates = Array.from({ length: PARTICIPANT_LIMITS.perConversation }, (_, i) => create(`Identity=u${i}`));
    expect((await Promise.all(creates)).every((r) => r.status === 201)).toBe(true);
    expect((await create("Identity=one-more")).json).toMatchObject({ code: 50417 });
    expect(fake.participants).toHaveLength(PARTICIPANT_LIMITS.perConversation);
  });

  it("field lengths are the spec's: Identity of 257 characters is refused with 400", async () => {
    expect((await create(`Identity=${"x".repeat(256)}`)).status).toBe(201);
    const long = await create(`Identity=${"y".repeat(257)}`);
    expect(long.status).toBe(400);
    expect(long.json.message).toMatch(/Identity/);
  });
});

describe("the rate of creates", () => {
  it(`off by default: ${TWILIO_ACTIONS_PER_SECOND + 5} creates at once all succeed`, async () => {
    const all = await Promise.all(
      Array.from({ length: TWILIO_ACTIONS_PER_SECOND + 5 }, (_, i) => create(`Identity=r${i}`))
    );
    expect(all.every((r) => r.status === 201)).toBe(true);
  });

  it(`when on, the ${
    TWILIO_ACTIONS_PER_SECOND + 1
  }st create in one second of a conversation gets 429 / 50063, unprocessed`, async () => {
    let now = 0; // a frozen clock: every create falls in the same second, however long the test takes
    const limited = await startFakeConversations({ rateLimit: { clock: () => now } });
    try {
      for (let i = 0; i < TWILIO_ACTIONS_PER_SECOND; i++)
        expect((await create(`Identity=s${i}`, limited)).status).toBe(201);
      const over = await create("Identity=over", limited);
      expect(over.json).toMatchObject({ status: 429, code: TWILIO_ERRORS.actionsPerSecond.code });
      expect(validateTwilioError(over.json)).toBe(true);
      const other = limited.addConversation(limited.serviceSid).sid;
      expect((await create("Identity=over", limited, other)).status).toBe(201); // per conversation
      now += 1000;
      expect((await create("Identity=over", limited)).status).toBe(201); // a new second
      expect(limited.participants.filter((p) => p.identity === "over")).toHaveLength(2);
    } finally {
      await limited.close();
    }
  });
});
