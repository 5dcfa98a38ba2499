// The fake Conversations server of the staged package, in a process of its own (so its CPU is not
// the client's): Twilio's 30 creates/s per conversation on or off, a latency per request. Answers
// `stats` over IPC with what it stored and received.
const { startFakeConversations } = await import(process.env.BULK_TESTING);
const conversations = Number(process.env.BULK_CONVERSATIONS);
const service = "IS" + "0".repeat(31) + "1";
const sids = Array.from({ length: conversations }, (_, i) => "CH" + String(i + 1).padStart(32, "0"));
const fake = await startFakeConversations({
  services: { [service]: sids },
  rateLimit: process.env.BULK_LIMITS === "1",
  latencyMs: Number(process.env.BULK_LATENCY || 0),
  recordRequests: process.env.BULK_RECORD !== "0",
});
// Other traffic (messages, updates) using part of each conversation's 30 actions/s.
const background = Number(process.env.BULK_BACKGROUND || 0);
if (background) for (const sid of sids) fake.backgroundTraffic(sid, background);
let creates = 0;
let reads = 0;
const countedUpTo = { n: 0 };
process.on("message", async (m) => {
  if (m !== "stats") return;
  await fake.idle();
  const requests = process.env.BULK_RECORD === "0" ? [] : fake.requests.slice(countedUpTo.n);
  countedUpTo.n += requests.length;
  for (const r of requests) r.method === "POST" ? creates++ : reads++;
  const participants = fake.participants;
  const distinct = new Set(participants.map((p) => `${p.conversation_sid}/${p.identity}`)).size;
  const limited = Object.values(fake.rateLimited()).reduce((a, b) => a + b, 0);
  const peak = Math.max(0, ...Object.values(fake.createsPerSecond()));
  process.send({ stats: { stored: participants.length, distinct, creates, reads, limited, peak } });
});
process.send({
  ready: {
    baseUrl: fake.baseUrl,
    accountSid: fake.accountSid,
    authToken: fake.authToken,
    service,
    conversations: sids,
  },
});
