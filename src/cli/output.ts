// Where results go: a line per failure (or a JSON line per result with --json), the results CSV
// of --out, and a progress line on a TTY.
import { createWriteStream, type WriteStream } from "node:fs";
import type { BulkProgress, BulkResult } from "../add-participants.js";

export interface Described {
  row: number;
  line: number;
  outcome: BulkResult["outcome"];
  sid: string | undefined;
  code: string | undefined;
  message: string | undefined;
}

export function describe(result: BulkResult, row: number, line: number): Described {
  if (result.outcome !== "failed") return { row, line, outcome: result.outcome, sid: result.participant.sid ?? undefined, code: undefined, message: undefined };
  const e = result.error as { code?: unknown; name?: unknown; message?: unknown } | null;
  const code = typeof e?.code === "number" || typeof e?.code === "string" ? String(e.code) : typeof e?.name === "string" ? e.name : undefined;
  return { row, line, outcome: "failed", sid: undefined, code, message: typeof e?.message === "string" ? e.message : String(result.error) };
}

/** RFC 4180 quoting. */
const cell = (v: string | number | undefined) => {
  const s = v === undefined ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export class ResultsCsv {
  private readonly stream: WriteStream;
  constructor(path: string) {
    this.stream = createWriteStream(path);
    this.stream.write("row,line,outcome,participant_sid,error_code,error_message\n");
  }
  write(d: Described): void {
    this.stream.write([d.row, d.line, d.outcome, d.sid, d.code, d.message].map(cell).join(",") + "\n");
  }
  close(): Promise<void> {
    return new Promise((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
}

/** One line, redrawn in place, on a TTY only. */
export function progressLine(p: BulkProgress): string {
  const total = p.total === undefined ? "" : `/${p.total}`;
  const eta = p.etaMs === undefined ? "" : `  ETA ${Math.ceil(p.etaMs / 1000)} s`;
  const paces = Object.entries(p.pace).map(([key, rate]) => `${key.split("/")[1]?.slice(-6)}:${rate}/s`);
  const pace = paces.length ? `  pace ${paces.slice(0, 4).join(" ")}${paces.length > 4 ? ` +${paces.length - 4}` : ""}` : "";
  return `\r\x1b[2K${p.done}${total} done  ${p.failed} failed  ${p.ratePerSecond.toFixed(0)}/s${eta}${pace}`;
}
