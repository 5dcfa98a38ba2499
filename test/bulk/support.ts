// Shared set-up of the addParticipants tests on the fake's default conversation (and one more).
import { onTestFinished } from "vitest";
import type { BulkItem, BulkResult } from "../../src/participants/bulk-types.js";
import { createConversationsClient } from "../../src/node.js";
import { startFakeConversations, type FakeConversations } from "../../src/testing/index.js";

/** A fake server (closed when the test ends), a client on it, and an item for `identity`. */
export async function setup() {
  const fake: FakeConversations = await startFakeConversations();
  onTestFinished(() => fake.close());
  const client = createConversationsClient({
    accountSid: fake.accountSid,
    authToken: fake.authToken,
    baseUrl: fake.baseUrl,
  });
  const other = fake.addConversation(fake.serviceSid).sid;
  const item = (identity: string, conversation = fake.conversationSid): BulkItem => ({
    path: { ChatServiceSid: fake.serviceSid, ConversationSid: conversation },
    body: { Identity: identity },
  });
  return { fake, client, item, other };
}

export async function collect(run: AsyncIterable<BulkResult>): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  for await (const r of run) results.push(r);
  return results;
}
