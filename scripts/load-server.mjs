#!/usr/bin/env node
// The fake Twilio server for scripts/load.mjs, in a process of its own, so the participants and
// requests it keeps never count against the client's memory. Talks to its parent over IPC:
// sends { ready } once listening; answers "count" with { count }; exits on "close".
import { startFakeConversations } from "twilio-conversations-participants/testing";

const CONVERSATIONS = Number(process.argv[2] ?? 100);

const fake = await startFakeConversations();
// Twilio caps a conversation at 1,000 participants, so the load is spread over many.
const conversations = Array.from({ length: CONVERSATIONS }, () => fake.addConversation(fake.serviceSid).sid);
process.send({
  ready: {
    baseUrl: fake.baseUrl,
    accountSid: fake.accountSid,
    authToken: fake.authToken,
    serviceSid: fake.serviceSid,
    conversations,
  },
});

process.on("message", async (message) => {
  if (message === "count")
    process.send({ count: { participants: fake.participants.length, requests: fake.requests.length } });
  if (message === "close") {
    await fake.close();
    process.exit(0);
  }
});
