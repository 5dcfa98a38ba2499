// `client.addParticipants(items, options?)`: many adds, each exactly once through `addParticipant`,
// paced per conversation at Twilio's rate, with results as they complete. The scheduling lives in
// internal/bulk-run.ts, the public types in bulk-types.ts; this module binds one client's shared paces.
import type { AddOne, AddParticipants, ReadConversation } from "./bulk-types.js";
import { runBulk } from "./internal/bulk-run.js";
import { Paces } from "./internal/pace.js";

export type {
  AddOne,
  AddParticipants,
  BulkItem,
  BulkOptions,
  BulkProgress,
  BulkResult,
  BulkRun,
  BulkSummary,
  ReadConversation,
} from "./bulk-types.js";

/** @internal One client's `addParticipants`: its paces are shared by every call on that client. */
export function bulkAdder(addOne: AddOne, readConversation?: ReadConversation): AddParticipants {
  const paces = new Paces();
  return (items, options = {}) => runBulk(addOne, paces, items, options, readConversation);
}
