// Where results go: a result for every input row (a line per failure on stderr, a JSON line per
// row with --json, a line per row in the --out CSV), the counts of the final summary, and progress
// (redrawn in place on a TTY, a plain line every few seconds elsewhere).
import type { WriteStream } from "node:fs";
import { open } from "node:fs/promises";
import type { BulkProgress, BulkResult, BulkSummary } from "../participants/bulk-types.js";
import { InputError } from "./rows.js";

/** How a row ended: added, already there, failed, refused by the check, or never sent. */
export type RowOutcome = "created" | "existing" | "failed" | "invalid" | "not-started";

/** One input row's result, as --json and --out report it. */
export interface RowResult {
  row: number;
  /** The file's line where the row starts. */
  line: number;
  conversation: string;
  identity: string | undefined;
  address: string | undefined;
  outcome: RowOutcome;
  sid: string | undefined;
  code: string | undefined;
  message: string | undefined;
  /** Settled by an earlier run (read back from the journal), not by this one. */
  earlierRun: boolean;
}

/** Who a row is about, as rows.ts's whoOf gives it. */
export type RowOf = Pick<RowResult, "row" | "line" | "conversation" | "identity" | "address">;

/** A result of the bulk run, for its row. A failure never sent (`tries` 0) is `not-started`. */
export function describe(result: BulkResult, row: RowOf): RowResult {
  if (result.outcome !== "failed") return settled(row, result.outcome, { sid: result.participant.sid ?? undefined });
  const e = result.error as { code?: unknown; name?: unknown; message?: unknown } | null;
  const code =
    typeof e?.code === "number" || typeof e?.code === "string"
      ? String(e.code)
      : typeof e?.name === "string"
        ? e.name
        : undefined;
  const message = typeof e?.message === "string" ? e.message : String(result.error);
  return settled(row, result.tries === 0 ? "not-started" : "failed", { code, message });
}

/** A row's result from its parts. */
export function settled(
  row: RowOf,
  outcome: RowOutcome,
  more: {
    sid?: string | undefined;
    code?: string | undefined;
    message?: string | undefined;
    earlierRun?: boolean;
  } = {},
): RowResult {
  return {
    ...row,
    outcome,
    sid: more.sid,
    code: more.code,
    message: more.message,
    earlierRun: more.earlierRun ?? false,
  };
}

/** Rows per outcome; `earlierRun` counts those (created or existing) an earlier run settled. */
export type Counts = Record<RowOutcome, number> & { earlierRun: number };

const CSV_COLUMNS = [
  "row",
  "line",
  "conversation_sid",
  "identity",
  "address",
  "outcome",
  "participant_sid",
  "error_code",
  "error_message",
  "earlier_run",
] as const;

/** RFC 4180 quoting. */
const cell = (v: string | number | boolean | undefined) => {
  const s = v === undefined ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export interface ResultsOptions {
  json: boolean;
  /** The --out CSV's path. */
  out: string | undefined;
  tty: boolean;
  /** stdout was closed by its reader (EPIPE, as `--json | head -1` does): the run should stop. */
  onStdoutClosed: () => void;
}

/** Every row's result goes through here once: counted, and written where the options say. */
export class Results {
  readonly counts: Counts = { created: 0, existing: 0, failed: 0, invalid: 0, "not-started": 0, earlierRun: 0 };
  private stdoutOpen = true;
  private csvError: Error | undefined;

  /** Opens the --out file first: one that cannot be written is said before anything is sent. */
  static async open(options: ResultsOptions): Promise<Results> {
    const handle = options.out
      ? await open(options.out, "w").catch((error: Error) => {
          throw new InputError(`cannot write --out: ${error.message}`);
        })
      : undefined;
    return new Results(options, handle?.createWriteStream());
  }

  private constructor(
    private readonly options: ResultsOptions,
    private readonly csv: WriteStream | undefined,
  ) {
    if (options.json)
      process.stdout.on("error", (error: NodeJS.ErrnoException) => {
        if (!this.stdoutOpen) return;
        this.stdoutOpen = false;
        if (error.code === "EPIPE") options.onStdoutClosed();
        else throw error;
      });
    csv?.on("error", (error) => (this.csvError ??= error));
    csv?.write(CSV_COLUMNS.join(",") + "\n");
  }

  add(r: RowResult): void {
    this.counts[r.outcome]++;
    if (r.earlierRun) this.counts.earlierRun++;
    if (this.options.json) this.stdout({ type: "row", ...r });
    else if (r.outcome === "failed")
      process.stderr.write(
        `${this.options.tty ? "\r\x1b[2K" : ""}row ${r.row} (line ${r.line}): ${r.code ?? "error"}: ${r.message}\n`,
      );
    this.csv?.write(
      [r.row, r.line, r.conversation, r.identity, r.address, r.outcome, r.sid, r.code, r.message, r.earlierRun]
        .map(cell)
        .join(",") + "\n",
    );
  }

  /** With --json, the last line: every count, and the exit code with its reason. */
  summary(extra: Record<string, unknown>): void {
    if (!this.options.json) return;
    const { "not-started": notStarted, ...counts } = this.counts;
    const rows = counts.created + counts.existing + counts.failed + counts.invalid + notStarted;
    this.stdout({ type: "summary", rows, ...counts, notStarted, ...extra });
  }

  close(): Promise<void> {
    const csv = this.csv;
    if (!csv) return Promise.resolve();
    return new Promise((resolve, reject) =>
      csv.end((error?: Error | null) => (error || this.csvError ? reject(error ?? this.csvError) : resolve())),
    );
  }

  private stdout(value: object) {
    if (this.stdoutOpen) process.stdout.write(JSON.stringify(value) + "\n");
  }
}

/** The run's closing line: what was created, found and failed (by code), and what is left for another run. */
export function summaryLine(
  s: BulkSummary,
  c: Counts,
  failures: Record<string, number>,
  earlier: { skipped: number; lookedUp: number },
): string {
  const codes = Object.entries(failures)
    .map(([code, n]) => `${code}×${n}`)
    .join(", ");
  const { skipped, lookedUp } = earlier;
  return (
    `created ${s.created}, existing ${s.existing + lookedUp}, failed ${c.failed}` +
    `${codes ? ` (${codes})` : ""}` +
    `${c["not-started"] ? `, ${c["not-started"]} not started (run the same command again to add them)` : ""}` +
    `${skipped ? `, ${skipped} already done by an earlier run` : ""}` +
    `${lookedUp ? `, ${lookedUp} found by lookup (an earlier run had sent them)` : ""}` +
    `${c.invalid ? `, ${c.invalid} invalid rows skipped` : ""}` +
    `; ${s.rateLimited} rate-limited answers; ${(s.elapsedMs / 1000).toFixed(1)} s\n`
  );
}

/** Why the run exits with `code`, for the summary's last line (empty for 0). */
export function exitReason(code: number, counts: Counts, stoppedBy: string | undefined): string {
  if (code === 0) return "";
  const parts: string[] = [];
  if (stoppedBy) parts.push(`stopped: ${stoppedBy}`);
  if (counts.failed) parts.push(`${counts.failed} row${counts.failed > 1 ? "s" : ""} failed`);
  if (counts.invalid) parts.push(`${counts.invalid} invalid row${counts.invalid > 1 ? "s" : ""} skipped`);
  if (counts["not-started"]) parts.push(`${counts["not-started"]} not started`);
  const rerun = counts.failed || counts["not-started"] ? "; run the same command again to finish" : "";
  return `exit ${code}: ${parts.join(", ")}${rerun}\n`;
}

/** One line, redrawn in place, on a TTY only. */
export function progressLine(p: BulkProgress): string {
  const total = p.total === undefined ? "" : `/${p.total}`;
  const eta = p.etaMs === undefined ? "" : `  ETA ${Math.ceil(p.etaMs / 1000)} s`;
  const paces = Object.entries(p.pace).map(([key, rate]) => `${key.split("/")[1]?.slice(-6)}:${rate}/s`);
  const pace = paces.length
    ? `  pace ${paces.slice(0, 4).join(" ")}${paces.length > 4 ? ` +${paces.length - 4}` : ""}`
    : "";
  return `\r\x1b[2K${p.done}${total} done  ${p.failed} failed  ${p.ratePerSecond.toFixed(0)}/s${eta}${pace}`;
}

/** How often a plain progress line is printed when stderr is not a terminal (a file, a CI log). */
export const PLAIN_PROGRESS_EVERY_MS = 5000;

/** A plain progress line (no escape codes): rows done of the total, failed, rate and ETA. */
export function plainProgress(s: BulkSummary, total: number): string {
  const done = s.created + s.existing + s.failed;
  const rate = s.elapsedMs > 0 ? (done / s.elapsedMs) * 1000 : 0;
  const eta = rate > 0 ? `, ETA ${Math.ceil(Math.max(0, total - done) / rate)} s` : "";
  return `progress: ${done}/${total} done, ${s.failed} failed, ${rate.toFixed(0)}/s${eta}\n`;
}
