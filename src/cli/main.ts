#!/usr/bin/env node
// twilio-conversations-participants: the package's command-line tool (its `bin`). `add` checks
// every row of a file against the spec, then adds them through client.addParticipants, with an
// optional durable journal that makes a rerun resume where a crash left off.
import { parseArgs } from "node:util";
import type { BulkItem } from "../add-participants.js";
import { TwilioValidationError } from "../errors/validation-error.js";
import { createConversationsClient } from "../node.js";
import { HELP } from "./help.js";
import { finishedRows, Journal } from "./journal.js";
import { describe, progressLine, ResultsCsv, type Described } from "./output.js";
import { clientIfCredentials, dryRun, preflight } from "./plan.js";
import { Wants } from "./preflight.js";
import { stopLine } from "./stops.js";
import { TwilioBulkStoppedError } from "../errors/bulk-stopped-error.js";
import { InputError, readRows, type Row, type RowSource } from "./rows.js";

const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

class UsageError extends Error {
  override name = "UsageError" as const;
}

const OPTIONS = {
  service: { type: "string" },
  conversation: { type: "string" },
  file: { type: "string" },
  format: { type: "string" },
  "dry-run": { type: "boolean" },
  "skip-invalid": { type: "boolean" },
  journal: { type: "string" },
  json: { type: "boolean" },
  out: { type: "string" },
  rate: { type: "string" },
  concurrency: { type: "string" },
  "base-url": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  if (positionals[0] !== "add" || positionals.length !== 1)
    throw new UsageError(`expected the command "add" (see --help)`);
  if (!values.service) throw new UsageError("--service is required");
  if (!values.file) throw new UsageError("--file is required");
  const format = values.format ?? (/\.(jsonl|ndjson)$/i.test(values.file) ? "jsonl" : "csv");
  if (format !== "csv" && format !== "jsonl") throw new UsageError(`--format must be csv or jsonl, not ${format}`);
  const source: RowSource = { file: values.file, format, service: values.service, conversation: values.conversation };

  // The journal is compared with the file in the check pass: a journal of another file is refused
  // before anything is sent.
  const finished = values.journal ? await finishedRows(values.journal) : new Map<number, string>();
  const wants = new Wants();
  const check = await checkAll(source, finished, wants);
  if (values["dry-run"]) {
    count(values.rate, "--rate"); // options too are checked offline
    count(values.concurrency, "--concurrency");
    return dryRun(
      check,
      wants,
      clientIfCredentials(() => cliClient(values)),
      values.json === true,
    );
  }
  if (check.invalid && !values["skip-invalid"]) {
    process.stderr.write(
      `refusing to start: ${check.invalid} of ${check.rows} rows are invalid (fix them, or pass --skip-invalid)\n`,
    );
    return EXIT.usage;
  }
  return add(source, values, check, finished, wants);
}

function cliClient(values: Values) {
  const baseUrl = values["base-url"] ?? (process.env.TWILIO_CONVERSATIONS_BASE_URL || undefined);
  return createConversationsClient({ baseUrl, userAgent: "twilio-conversations-participants-cli" });
}

/** Reads the whole file once, listing each invalid row with its line, field and rule. */
async function checkAll(
  source: RowSource,
  finished: Map<number, string>,
  wants: Wants,
): Promise<{ rows: number; invalid: number }> {
  let rows = 0;
  let invalid = 0;
  for await (const row of readRows(source)) {
    rows++;
    checkJournal(row, finished, source.file);
    if (!row.problems.length) {
      wants.add(row);
      continue;
    }
    invalid++;
    for (const p of row.problems) process.stderr.write(`line ${row.line}: ${p.field}: ${p.rule}: ${p.message}\n`);
  }
  return { rows, invalid };
}

async function add(
  source: RowSource,
  values: Values,
  check: { rows: number; invalid: number },
  finished: Map<number, string>,
  wants: Wants,
): Promise<number> {
  const ratePerConversation = count(values.rate, "--rate");
  const concurrency = count(values.concurrency, "--concurrency");
  const client = cliClient(values);
  const refused = await preflight(client, wants); // before the first create: credentials, conversations, limits
  if (refused !== undefined) return refused;

  const journal = values.journal ? await Journal.open(values.journal) : undefined;
  const out = values.out ? new ResultsCsv(values.out) : undefined;
  const rowsOfIndex = new Map<number, Row>();
  let skipped = 0;
  async function* items(): AsyncGenerator<BulkItem> {
    let index = 0;
    for await (const row of readRows(source)) {
      if (row.problems.length) continue;
      if (finished.has(row.row)) {
        checkJournal(row, finished, source.file); // again: the file may have changed since the check
        skipped++;
        continue;
      }
      rowsOfIndex.set(index++, row);
      yield row.item;
    }
  }

  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    if (++interrupts > 1) process.exit(EXIT.interrupted);
    process.stderr.write(
      "\nstopping: no new adds; those in flight are cut short, and the next run settles them (Ctrl-C again to quit at once)\n",
    );
    controller.abort(new Error("interrupted"));
  };
  process.on("SIGINT", onSigint);
  const tty = process.stderr.isTTY === true;
  const run = client.addParticipants(items(), {
    ratePerConversation,
    concurrency,
    signal: controller.signal,
    total: Math.max(0, check.rows - check.invalid - finished.size),
    onProgress: tty ? (p) => process.stderr.write(progressLine(p)) : undefined,
  });
  const writes: Promise<void>[] = [];
  let notStarted = 0;
  const failures: Record<string, number> = {}; // by error code, rows not started left out
  for await (const result of run) {
    const row = rowsOfIndex.get(result.index)!;
    rowsOfIndex.delete(result.index);
    // Read ahead but never sent when Ctrl-C came: not a failure, just left for the next run.
    const notSent = (e: unknown) => e === controller.signal.reason || e instanceof TwilioBulkStoppedError;
    if (result.outcome === "failed" && result.attempts === 0 && notSent(result.error)) {
      notStarted++;
      continue;
    }
    const d = describe(result, row.row, row.line);
    if (d.outcome === "failed") failures[d.code ?? "error"] = (failures[d.code ?? "error"] ?? 0) + 1;
    if (journal)
      writes.push(
        journal.append({
          row: d.row,
          line: d.line,
          key: keyOf(row),
          outcome: d.outcome,
          sid: d.sid,
          code: d.code,
          message: d.message,
        }),
      );
    if (writes.length > 1000) await Promise.all(writes.splice(0));
    report(d, values.json === true, tty);
    out?.write(d);
  }
  await Promise.all(writes);
  await journal?.close();
  await out?.close();
  process.off("SIGINT", onSigint);
  const s = run.summary;
  const stopped = stopLine(s);
  if (stopped) process.stderr.write(`${tty ? "\n" : ""}${stopped}\n`);
  const codes = Object.entries(failures)
    .map(([code, n]) => `${code}×${n}`)
    .join(", ");
  process.stderr.write(
    `${tty ? "\n" : ""}created ${s.created}, existing ${s.existing}, failed ${s.failed - notStarted}` +
      `${codes ? ` (${codes})` : ""}` +
      `${notStarted ? `, ${notStarted} not started (run the same command again to add them)` : ""}` +
      `${skipped ? `, ${skipped} already done by an earlier run` : ""}` +
      `${check.invalid ? `, ${check.invalid} invalid rows skipped` : ""}` +
      `; ${s.rateLimited} rate-limited answers; ${(s.elapsedMs / 1000).toFixed(1)} s\n`,
  );
  if (s.stopReason instanceof TwilioBulkStoppedError && s.stopReason.reason === "credentials") return EXIT.usage;
  if (s.stopped || controller.signal.aborted)
    return s.stopReason instanceof TwilioBulkStoppedError ? EXIT.failed : EXIT.interrupted;
  // Rows skipped as invalid did not end well either.
  return s.failed || check.invalid ? EXIT.failed : EXIT.ok;
}

function report(d: Described, json: boolean, tty: boolean) {
  if (json) process.stdout.write(JSON.stringify(d) + "\n");
  else if (d.outcome === "failed")
    process.stderr.write(
      `${tty ? "\r\x1b[2K" : ""}row ${d.row} (line ${d.line}): ${d.code ?? "error"}: ${d.message}\n`,
    );
}

/** Refuses a journal written for another file: a finished row of it names another participant. */
function checkJournal(row: Row, finished: Map<number, string>, file: string): void {
  const done = finished.get(row.row);
  if (done !== undefined && done !== keyOf(row))
    throw new InputError(`the journal does not match ${file}: row ${row.row} was ${done}, is now ${keyOf(row)}`);
}

/** The row's conversation and participant, as the journal remembers it. */
function keyOf(row: Row): string {
  const body = (row.item.body ?? {}) as Record<string, unknown>;
  return `${row.item.path.ConversationSid}|${String(body.Identity ?? body["MessagingBinding.Address"] ?? "")}`;
}

function count(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`${name} must be a whole number of at least 1, not ${value}`);
  return Number(value);
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    const known =
      error instanceof UsageError ||
      error instanceof InputError ||
      error instanceof TwilioValidationError ||
      (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS") ||
      (error as { code?: string }).code === "ENOENT";
    process.stderr.write(
      `twilio-conversations-participants: ${(error as Error).message ?? error}\n${known ? "(see --help)\n" : ""}`,
    );
    process.exitCode = known ? EXIT.usage : EXIT.failed;
  },
);
