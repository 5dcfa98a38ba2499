// The run's journal: one JSON line per event of a row, appended and fsynced (a group commit:
// every line written before an fsync is durable when it returns). A row is journaled `started`
// before its create is sent, then with its outcome. Read back on the next run, it says which rows
// are finished (skipped, their outcome reported again), and which were sent without an outcome
// (looked up before anything is sent again: see resume.ts).
import { open, readFile, type FileHandle } from "node:fs/promises";
import { participantOf } from "../participants/internal/key.js";
import { InputError, type Row, type RowSource } from "./rows.js";

const OUTCOMES = new Set(["started", "created", "existing", "failed"]);

export interface JournalEntry {
  row: number;
  line: number;
  /** The service: a journal of one service is refused under another. Absent in older journals. */
  service?: string | undefined;
  /** The row's conversation and participant, to notice a different file under the same journal. */
  key: string;
  /** `started`: the create is about to be sent (written before it is). */
  outcome: "started" | "created" | "existing" | "failed";
  sid?: string | undefined;
  code?: string | undefined;
  message?: string | undefined;
}

/** What the journal says of one row: its last record, and whether a create was ever sent for it. */
export interface JournaledRow {
  service: string | undefined;
  key: string;
  outcome: JournalEntry["outcome"];
  sid: string | undefined;
  code: string | undefined;
  message: string | undefined;
  /** A `started` record was written: Twilio may have the participant whatever the outcome says. */
  sent: boolean;
}

/** Every row the journal at `path` names (none when it does not exist yet), by row number. */
export async function readJournal(path: string): Promise<Map<number, JournaledRow>> {
  const rows = new Map<number, JournaledRow>();
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return rows;
    throw new InputError(`cannot read the journal ${path}: ${(error as Error).message}`);
  }
  const services = new Map<string, string>(); // one string per service, not one per line
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      // Only the last line may be torn (a kill in mid-write); anything else is not our journal.
      if (i >= lines.length - 2) return;
    }
    const problem = entryProblem(entry);
    if (problem) throw new InputError(`${path}:${i + 1}: not a journal line (${problem})`);
    const e = entry as JournalEntry;
    const service =
      e.service === undefined
        ? undefined
        : (services.get(e.service) ?? (services.set(e.service, e.service), e.service));
    const sent = e.outcome === "started" || rows.get(e.row)?.sent === true;
    rows.set(e.row, { service, key: e.key, outcome: e.outcome, sid: e.sid, code: e.code, message: e.message, sent });
  });
  return rows;
}

/** Why `entry` is not a journal line, if it is not. */
function entryProblem(entry: unknown): string | undefined {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return "not a JSON object";
  const e = entry as Record<string, unknown>;
  if (!Number.isSafeInteger(e.row) || (e.row as number) < 1) return "row must be a whole number of at least 1";
  if (typeof e.key !== "string") return "key must be a string";
  if (typeof e.outcome !== "string" || !OUTCOMES.has(e.outcome))
    return `outcome must be one of ${[...OUTCOMES].join(", ")}`;
  for (const field of ["service", "sid", "code", "message"])
    if (e[field] !== undefined && typeof e[field] !== "string") return `${field} must be a string`;
  return undefined;
}

/** Whether the journal says the row is done: Twilio has its participant. */
export const isFinished = (j: JournaledRow | undefined): boolean =>
  j?.outcome === "created" || j?.outcome === "existing";

export class Journal {
  private pending: string[] = [];
  private waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  private flushing: Promise<void> | undefined;
  private failure: unknown;

  private constructor(private readonly handle: FileHandle) {}

  static async open(path: string): Promise<Journal> {
    const handle = await open(path, "a+").catch((error: Error) => {
      throw new InputError(`cannot open the journal: ${error.message}`);
    });
    try {
      await cutTornTail(handle);
    } catch (error) {
      await handle.close();
      throw error;
    }
    return new Journal(handle);
  }

  /** Appends `entry`; resolves once it is on disk. */
  append(entry: JournalEntry): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    this.pending.push(JSON.stringify(entry));
    const written = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.flushing ??= this.flush();
    return written;
  }

  private async flush(): Promise<void> {
    try {
      while (this.pending.length) {
        const lines = this.pending;
        const waiters = this.waiters;
        this.pending = [];
        this.waiters = [];
        try {
          await this.handle.write(lines.join("\n") + "\n");
          await this.handle.datasync();
        } catch (error) {
          this.failure = error;
          for (const w of [...waiters, ...this.waiters]) w.reject(error);
          return;
        }
        for (const w of waiters) w.resolve();
      }
    } finally {
      this.flushing = undefined;
    }
  }

  /** Waits for every line appended so far to be on disk, then closes the file. */
  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.failure) throw this.failure;
    await this.handle.close();
  }
}

/**
 * A kill in mid-write leaves a last line without its newline. It is cut before anything is appended,
 * so that it stays the last line (which `finishedRows` skips) instead of becoming a middle one that
 * makes every later run refuse the journal; its row is simply added again, through the lookups.
 */
async function cutTornTail(handle: FileHandle): Promise<void> {
  const { size } = await handle.stat();
  const chunk = Buffer.alloc(4096);
  let end = size;
  while (end > 0) {
    const from = Math.max(0, end - chunk.length);
    const { bytesRead } = await handle.read(chunk, 0, end - from, from);
    const newline = chunk.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (newline >= 0) {
      end = from + newline + 1;
      break;
    }
    end = from;
  }
  if (end < size) {
    await handle.truncate(end);
    await handle.datasync();
  }
}

/** The row's conversation and participant, as the journal remembers it. */
export function journalKey(row: Row): string {
  // Journals already written spell it this way: the conversation, then the identity or the address.
  const who = participantOf(row.item.body);
  return `${row.item.path.ConversationSid}|${"identity" in who ? who.identity : who.address}`;
}

/**
 * Refuses a journal written for another file (a row of it names another participant) or another
 * service (its rows are not done in this one). Lines of older journals name no service: any goes.
 */
export function checkJournaled(row: Row, journaled: Map<number, JournaledRow>, source: RowSource): void {
  const j = journaled.get(row.row);
  if (!j) return;
  if (j.service !== undefined && j.service !== source.service)
    throw new InputError(
      `the journal is of another service: row ${row.row} was journaled for ${j.service}, not ${source.service} (use another journal)`,
    );
  if (j.key !== journalKey(row))
    throw new InputError(
      `the journal does not match ${source.label}: row ${row.row} was ${j.key}, is now ${journalKey(row)}`,
    );
}

/** The journal line of `row` in `service`: `started`, or its outcome with the SID or error. */
export function entryOf(
  row: Row,
  service: string,
  r: Pick<JournalEntry, "outcome" | "sid" | "code" | "message">,
): JournalEntry {
  const { outcome, sid, code, message } = r;
  return { row: row.row, line: row.line, service, key: journalKey(row), outcome, sid, code, message };
}
