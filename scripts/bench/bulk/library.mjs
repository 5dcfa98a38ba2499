// Contender: this package's client.addParticipants, 3,000 adds over 10 conversations, rows grouped
// by conversation as an export would list them.
const { createConversationsClient } = await import(process.env.BULK_ENTRY);
const { baseUrl, accountSid, authToken, service, conversations, perConversation } = JSON.parse(process.env.BULK_SERVER);
const client = createConversationsClient({ baseUrl, accountSid, authToken });
function* items() {
  for (const c of conversations) for (let i = 0; i < perConversation; i++) yield { path: { ChatServiceSid: service, ConversationSid: c }, body: { Identity: `user-${i}` } };
}
const started = performance.now();
const run = client.addParticipants(items(), process.env.BULK_CONCURRENCY ? { concurrency: Number(process.env.BULK_CONCURRENCY) } : {});
for await (const _ of run);
process.send({ result: { wallMs: performance.now() - started, summary: run.summary } });
