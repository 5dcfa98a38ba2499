// A row's result when it needs no create (invalid, finished by an earlier run, found in the
// preflight's listing by the resume, resume.ts), and each outcome journaled. The journal's writes
// are awaited in batches.
import type { ServiceConversationParticipant } from "../../generated/names.js";
import { checkJournaled, entryOf, isFinished, type Journal, type JournaledRow } from "./journal.js";
import { settled, type RowResult } from "./output.js";
import { whoOf, type Row, type RowSource } from "./rows.js";

export class Settler {
  /** Rows an earlier run finished, skipped now. */
  skipped = 0;
  /** Rows an earlier run sent without an outcome, found in the preflight's listing. */
  lookedUp = 0;
  readonly #writes: Promise<void>[] = [];

  constructor(
    private readonly source: RowSource,
    private readonly journal: Journal | undefined,
    private readonly journaled: Map<number, JournaledRow>,
    private readonly found: Map<number, ServiceConversationParticipant | undefined>,
  ) {}

  /** Journals a row's outcome (not an invalid or unstarted row: the next run reads those again). */
  record(row: Row, r: Pick<RowResult, "outcome" | "sid" | "code" | "message">): void {
    if (!this.journal || r.outcome === "invalid" || r.outcome === "not-started") return;
    this.#writes.push(this.journal.append(entryOf(row, this.source.service, { ...r, outcome: r.outcome })));
  }

  /** Waits for the journal's writes once many are pending (or all, with `all`). */
  async flush(all = false): Promise<void> {
    if (all || this.#writes.length > 1000) await Promise.all(this.#writes.splice(0));
  }

  /** The row's result when it needs no create; undefined when it must be sent. */
  withoutSending(row: Row): RowResult | undefined {
    const who = { row: row.row, line: row.line, ...whoOf(row) };
    if (row.problems.length)
      return settled(who, "invalid", {
        code: "invalid",
        message: row.problems.map((p) => `${p.field}: ${p.rule}: ${p.message}`).join("; "),
      });
    const j = this.journaled.get(row.row);
    if (isFinished(j)) {
      checkJournaled(row, this.journaled, this.source); // again: the file may have changed since the check
      this.skipped++;
      return settled(who, j!.outcome as RowResult["outcome"], { sid: j!.sid, earlierRun: true });
    }
    const participant = this.found.get(row.row);
    if (!participant) return undefined;
    this.lookedUp++;
    const r = settled(who, "existing", { sid: participant.sid ?? undefined });
    this.record(row, r);
    return r;
  }
}
