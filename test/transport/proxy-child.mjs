// Run by proxy.test.ts under Node 20, 22 and 24: one create through the built package, as a user's
// process would make it, with the proxy variables in its environment. Prints the outcome as JSON.
// argv: the entry to import (dist/…/node.js or index.js); env: TARGET (the base URL).
const { createConversationsClient } = await import(process.argv[2]);
const client = createConversationsClient({
  accountSid: "AC0123456789abcdef0123456789abcdef",
  authToken: "t",
  baseUrl: process.env.TARGET,
  maxRetries: 1,
});
try {
  const participant = await client.createServiceConversationParticipant({
    path: {
      ChatServiceSid: "IS0123456789abcdef0123456789abcdef",
      ConversationSid: "CH0123456789abcdef0123456789abcdef",
    },
    body: { Identity: "alice" },
  });
  console.log(JSON.stringify({ sid: participant.sid }));
} catch (error) {
  console.log(
    JSON.stringify({ name: error.name, requestSent: error.requestSent, attempts: error.attempts, errno: error.errno }),
  );
}
