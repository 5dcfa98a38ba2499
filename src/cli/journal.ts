// The run's journal: one JSON line per finished row, appended and fsynced as results come (a
// group commit: every line written before an fsync is durable when it returns). Read back on the
// next run, it says which rows are finished; rows that were in flight are simply added again, and
// addParticipant's lookups find those Twilio had already created, so nothing is lost or doubled.
import { open, readFile, type FileHandle } from "node:fs/promises";
import { InputError } from "./rows.js";

export interface JournalEntry {
  row: number;
  line: number;
  /** The row's conversation and participant, to notice a different file under the same journal. */
  key: string;
  outcome: "created" | "existing" | "failed";
  sid?: string | undefined;
  code?: string | undefined;
  message?: string | undefined;
}

/** Rows already finished (created or existing) according to `path`, by row number → key. */
export async function finishedRows(path: string): Promise<Map<number, string>> {
  const done = new Map<number, string>();
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return done;
    throw error;
  }
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    let entry: JournalEntry;
    try {
      entry = JSON.parse(line) as JournalEntry;
    } catch {
      // Only the last line may be torn (a kill in mid-write); anything else is not our journal.
      if (i >= lines.length - 2) return;
      throw new InputError(`${path}:${i + 1}: not a journal line`);
    }
    if (entry.outcome === "created" || entry.outcome === "existing") done.set(entry.row, entry.key);
  });
  return done;
}

export class Journal {
  private pending: string[] = [];
  private waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  private flushing: Promise<void> | undefined;
  private failure: unknown;

  private constructor(private readonly handle: FileHandle) {}

  static async open(path: string): Promise<Journal> {
    const handle = await open(path, "a+");
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
