// What users write today with twilio-node: Promise.all over every add, a pool of 32, or a pool of
// 32 with twilio's autoRetry (exponential back-off on 429). Reports wall time and failures.
import { createRequire } from "node:module";
import { LoopbackRequestClient } from "../contenders/twilio.mjs";

const require = createRequire(import.meta.url);
const twilio = require("twilio");
const { baseUrl, accountSid, authToken, service, conversations, perConversation } = JSON.parse(process.env.BULK_SERVER);
const mode = process.env.BULK_MODE;
const client = twilio(accountSid, authToken, { httpClient: new LoopbackRequestClient(baseUrl, mode === "autoretry" ? { autoRetry: true } : {}) });
const jobs = conversations.flatMap((c) => Array.from({ length: perConversation }, (_, i) => () =>
  client.conversations.v1.services(service).conversations(c).participants.create({ identity: `user-${i}` })));

const started = performance.now();
const errors = {};
const fail = (e) => void (errors[e?.code ?? e?.status ?? "other"] = (errors[e?.code ?? e?.status ?? "other"] ?? 0) + 1);
let rejectedAtMs;
let settledAtReject;
if (mode === "promise-all") {
  // Promise.all rejects on the first error; the other calls keep running. Wait for them too.
  let settled = 0;
  const calls = jobs.map((job) => job().catch((e) => (fail(e), Promise.reject(e))).finally(() => settled++));
  try {
    await Promise.all(calls);
  } catch {
    rejectedAtMs = performance.now() - started;
    settledAtReject = settled;
  }
  await Promise.allSettled(calls);
} else {
  let next = 0;
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (next < jobs.length) await jobs[next++]().catch(fail);
  }));
}
const failures = Object.values(errors).reduce((a, b) => a + b, 0);
process.send({ result: { wallMs: performance.now() - started, failures, errors, rejectedAtMs, stillRunningAtReject: settledAtReject === undefined ? undefined : jobs.length - settledAtReject } });
