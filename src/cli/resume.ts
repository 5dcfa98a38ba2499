// Rows an earlier run sent without learning the outcome (killed, cut short, or failed after the
// create went out): Twilio may have their participants. The preflight lists every conversation the
// rows touch before the first create, as fresh as a lookup now would be; as it pages, it hands each
// participant here, and those an in-doubt row names (as addParticipant's lookups match them) are
// kept. A found row is reported `existing` and never created again (no duplicate answer, no 50433
// per row in flight at a kill), with no request of its own.
import type { ServiceConversationParticipant as Participant } from "../../generated/names.js";
import { conversationKey, participantOf, whoText, type Who } from "../participants/internal/key.js";
import { isParticipant } from "../participants/internal/lookup.js";
import type { Row } from "./rows.js";

type Path = Row["item"]["path"];

/** The rows in doubt, and what the preflight's listings found of them. */
export class InDoubt {
  /** Conversation → whoText → the rows naming that participant (a file may repeat one). */
  readonly #waiting = new Map<string, Map<string, Row[]>>();
  /**
   * Row number → the participant Twilio has, or undefined when it has none: only rows whose
   * conversation was listed to its end. A row left out is added as usual, and addParticipant settles it.
   */
  readonly found = new Map<number, Participant | undefined>();

  /** Notes a row an earlier run sent without an outcome. */
  add(row: Row): void {
    const conversation = conversationKey(row.item.path);
    let rows = this.#waiting.get(conversation);
    if (!rows) this.#waiting.set(conversation, (rows = new Map()));
    const key = whoText(participantOf(row.item.body));
    const same = rows.get(key);
    if (same) same.push(row);
    else rows.set(key, [row]);
  }

  /** One participant of `path`'s listing, kept for the rows that name it (the first match wins, as in a lookup). */
  seen(path: Path, p: Participant): void {
    const rows = this.#waiting.get(conversationKey(path));
    if (!rows) return;
    // A participant is named by its identity, or by its binding: a row may name it either way.
    const binding = p.messaging_binding;
    const names: Who[] = [];
    if (p.identity != null) names.push({ identity: p.identity });
    if (binding?.address != null) names.push({ address: binding.address, proxy: binding.proxy_address ?? null });
    for (const who of names)
      for (const row of rows.get(whoText(who)) ?? [])
        if (!this.found.has(row.row) && isParticipant(p, participantOf(row.item.body))) this.found.set(row.row, p);
  }

  /** `path`'s listing reached its end: its in-doubt rows not seen are not there. */
  listed(path: Path): void {
    const conversation = conversationKey(path);
    const rows = this.#waiting.get(conversation);
    this.#waiting.delete(conversation);
    for (const same of rows?.values() ?? [])
      for (const row of same) if (!this.found.has(row.row)) this.found.set(row.row, undefined);
  }
}
