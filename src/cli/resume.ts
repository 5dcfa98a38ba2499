// Rows an earlier run sent without learning the outcome (killed, cut short, or failed after the
// create went out): Twilio may have their participants. They are looked up, as addParticipant
// looks up after an unknown outcome, before anything is sent: a found one is reported `existing`
// and never created again (no duplicate answer, no 50433 per row in flight at a kill).
import type { ServiceConversationParticipant as Participant } from "../../generated/names.js";
import type { ConversationsClient } from "../client.js";
import { findByIdentity, isBoundTo, type LookupScope, type ReadCalls } from "../participants/internal/lookup.js";
import { TwilioError } from "../errors/twilio-error.js";
import { participantOf } from "../participants/internal/key.js";
import type { Row } from "./rows.js";

/** Identity fetches in flight at once: a few, so a kill's worth of rows is settled in well under a second. */
const LOOKUPS_AT_ONCE = 8;

/**
 * Which of `rows` Twilio has: row number → the participant, or undefined when it has none. A row
 * whose lookup failed (or was cut short by `signal`) is left out: it is added as usual, and
 * addParticipant settles it.
 */
export async function lookUpInDoubt(
  client: Pick<ConversationsClient, "fetchServiceConversationParticipant" | "listServiceConversationParticipant">,
  rows: Row[],
  signal: AbortSignal,
): Promise<Map<number, Participant | undefined>> {
  const reads: ReadCalls = {
    fetch: (input) => client.fetchServiceConversationParticipant(input),
    list: (input) => client.listServiceConversationParticipant(input),
  };
  const found = new Map<number, Participant | undefined>();
  const scopeOf = (row: Row): LookupScope => ({ path: { ...row.item.path }, options: { signal } });
  const settle = async (rowsHere: Row[], look: () => Promise<(row: Row) => Participant | undefined>) => {
    try {
      const match = await look();
      for (const row of rowsHere) found.set(row.row, match(row));
    } catch (error) {
      // Stopped (Ctrl-C): the rows left are not started by the run either, and so not sent.
      if (!(error instanceof TwilioError) && !signal.aborted) throw error;
    }
  };

  // By identity, as addParticipant looks a row with an Identity up: one fetch each.
  const byIdentity = rows.filter((row) => body(row).Identity !== undefined);
  const queue = [...byIdentity];
  const worker = async () => {
    for (let row = queue.shift(); row && !signal.aborted; row = queue.shift()) {
      const r = row;
      await settle([r], async () => {
        const p = await findByIdentity(reads, scopeOf(r), String(body(r).Identity));
        return () => p;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(LOOKUPS_AT_ONCE, queue.length) }, worker));

  // By binding: the list has no filter, so each conversation is read once for all its rows.
  const byConversation = new Map<string, Row[]>();
  for (const row of rows) {
    if (body(row).Identity !== undefined) continue;
    const key = row.item.path.ConversationSid;
    const list = byConversation.get(key);
    if (list) list.push(row);
    else byConversation.set(key, [row]);
  }
  for (const rowsHere of byConversation.values()) {
    if (signal.aborted) break;
    await settle(rowsHere, async () => {
      const participants: Participant[] = [];
      for await (const p of reads.list({ path: { ...rowsHere[0]!.item.path }, signal })) participants.push(p);
      return (row) => {
        const who = participantOf(body(row)) as { address: string; proxy: string | null }; // no Identity here
        return participants.find((p) => isBoundTo(p, who.address, who.proxy));
      };
    });
  }
  return found;
}

const body = (row: Row) => (row.item.body ?? {}) as Record<string, unknown>;
