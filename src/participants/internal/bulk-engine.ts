// What `client.addParticipants` loads on a run's first read, through import(): the bulk engine,
// the paces a client's runs share, and the participant policy (queue by conversation, BULK_ERRORS).
// A bundler makes it a chunk of its own, so an app that never adds in bulk does not load it.
import { BULK_ERRORS } from "./bulk-errors.js";
import { BulkRunner, type BulkPolicy } from "./bulk-run.js";
import { conversationKey } from "./key.js";
import { Paces } from "./pace.js";

export { BulkRunner, Paces };

/** @internal Participants queue and are paced by conversation (Twilio's limit is per conversation). */
export const PARTICIPANT_BULK: BulkPolicy = {
  keyOf: (item) => conversationKey(item?.path),
  errors: BULK_ERRORS,
};
