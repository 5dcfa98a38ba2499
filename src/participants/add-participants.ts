// `client.addParticipants(items, options?)`: many adds, each exactly once through `addParticipant`,
// paced per conversation at Twilio's rate, with results as they complete. The scheduling lives in
// internal/bulk-run.ts, the public types in bulk-types.ts; this module binds one client's shared paces.
import type { AddOne, AddParticipants, ReadConversation } from "./bulk-types.js";
import { BULK_ERRORS } from "./internal/bulk-errors.js";
import { runBulk, type BulkPolicy } from "./internal/bulk-run.js";
import { conversationKey } from "./internal/key.js";
import { Paces } from "./internal/pace.js";

/** @internal One client's `addParticipants`: its paces are shared by every call on that client. */
export function bulkAdder(addOne: AddOne, readConversation?: ReadConversation): AddParticipants {
  const paces = new Paces();
  return (items, options = {}) => runBulk(addOne, paces, items, options, PARTICIPANT_BULK, readConversation);
}

/** Participants queue and are paced by conversation (Twilio's limit is per conversation). */
const PARTICIPANT_BULK: BulkPolicy = {
  keyOf: (item) => conversationKey(item?.path),
  errors: BULK_ERRORS,
};
