// addParticipant's stand-in for these tests until the exactly-once work (branch `once`) lands:
// create, and read Twilio's 50433 ("already exists") as `existing`. Not the product: no lookups
// after an unknown outcome. Replaced by the client's own `addParticipant` when it is merged.
import type { AddOne } from "../../src/add-participants.js";
import { bulkAdder } from "../../src/add-participants.js";
import { createConversationsClient, TwilioApiError, type ServiceConversationParticipant } from "../../src/node.js";
import type { FakeConversations } from "../../src/testing/index.js";

export function standInClient(fake: FakeConversations) {
  const client = createConversationsClient({ accountSid: fake.accountSid, authToken: fake.authToken, baseUrl: fake.baseUrl });
  const addOne: AddOne = async (input) => {
    try {
      return { participant: await client.createServiceConversationParticipant(input), outcome: "created" };
    } catch (error) {
      if (error instanceof TwilioApiError && error.code === 50433) {
        return { participant: { identity: input.body?.Identity } as ServiceConversationParticipant, outcome: "existing" };
      }
      throw error;
    }
  };
  return { ...client, addParticipants: bulkAdder(addOne) };
}
