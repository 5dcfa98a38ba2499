#!/usr/bin/env node
// twilio-conversations-participants: the package's command-line tool (its `bin`). `add` checks
// every row of a file against the spec, then adds them through client.addParticipants, with an
// optional durable journal that makes a rerun resume where a crash left off.
import { parseArgs } from "node:util";
import type { BulkItem, BulkSummary } from "../participants/bulk-types.js";
import { TwilioValidationError } from "../errors/validation-error.js";
import { createConversationsClient } from "../node.js";
import { VERSION } from "../version.js";
import { HELP } from "./help.js";
import { checkJournaled, entryOf, isFinished, Journal, readJournal, type JournaledRow } from "./journal.js";
import { Interrupts } from "./interrupts.js";
import { Settler } from "./settle.js";
import {
  describe,
  exitReason,
  PLAIN_PROGRESS_EVERY_MS,
  plainProgress,
  progressLine,
  Results,
  settled,
  summaryLine,
} from "./output.js";
import { clientIfCredentials, dryRun, preflight } from "./plan.js";
import { Wants } from "./preflight.js";
import { InDoubt } from "./resume.js";
import { stopLine } from "./stops.js";
import { TwilioBulkStoppedError } from "../errors/bulk-stopped-error.js";
import { checkPathOptions, InputError, readRows, spoolStdin, whoOf, type Row, type RowSource } from "./rows.js";

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
  version: { type: "boolean" },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

async function main(argv: string[]): Promise<number> {
  // Its own module, loaded only for that command: `add` never loads the fake.
  if (argv[0] === "fake-server")
    return (await import("./fake-server.js")).fakeServer(argv.slice(1), (message) => new UsageError(message));
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  if (positionals[0] !== "add" || positionals.length !== 1)
    throw new UsageError(`expected the command "add" or "fake-server" (see --help)`);
  if (!values.service) throw new UsageError("--service is required");
  if (!values.file) throw new UsageError("--file is required");
  const format = values.format ?? (/\.(jsonl|ndjson)$/i.test(values.file) ? "jsonl" : "csv");
  if (format !== "csv" && format !== "jsonl") throw new UsageError(`--format must be csv or jsonl, not ${format}`);
  checkPathOptions(values.service, values.conversation);
  const stdin = values.file === "-" ? await spoolStdin() : undefined;
  try {
    const source: RowSource = {
      file: stdin?.file ?? values.file,
      label: stdin ? "stdin" : values.file,
      format,
      service: values.service,
      conversation: values.conversation,
    };
    return await checkAndAdd(source, values);
  } finally {
    await stdin?.remove();
  }
}

async function checkAndAdd(source: RowSource, values: Values): Promise<number> {
  // The journal is compared with the file in the check pass: a journal of another file is refused
  // before anything is sent.
  const journaled = values.journal ? await readJournal(values.journal) : new Map<number, JournaledRow>();
  const wants = new Wants();
  const check = await checkAll(source, journaled, wants);
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
  return add(source, values, check, journaled, wants);
}

function cliClient(values: Values) {
  const baseUrl = values["base-url"] ?? (process.env.TWILIO_CONVERSATIONS_BASE_URL || undefined);
  return createConversationsClient({ baseUrl, userAgent: "twilio-conversations-participants-cli" });
}

interface Check {
  rows: number;
  invalid: number;
  /** Valid rows an earlier run finished. */
  finished: number;
  /** Valid rows an earlier run sent without learning the outcome: settled from the preflight's listings. */
  inDoubt: InDoubt;
}

/** Reads the whole file once, listing each invalid row with its line, field and rule. */
async function checkAll(source: RowSource, journaled: Map<number, JournaledRow>, wants: Wants): Promise<Check> {
  const check: Check = { rows: 0, invalid: 0, finished: 0, inDoubt: new InDoubt() };
  for await (const row of readRows(source)) {
    check.rows++;
    checkJournaled(row, journaled, source);
    const j = journaled.get(row.row);
    if (!row.problems.length) {
      wants.add(row);
      if (isFinished(j)) check.finished++;
      else if (j?.sent) check.inDoubt.add(row);
      continue;
    }
    check.invalid++;
    for (const p of row.problems) process.stderr.write(`line ${row.line}: ${p.field}: ${p.rule}: ${p.message}\n`);
  }
  return check;
}

async function add(
  source: RowSource,
  values: Values,
  check: Check,
  journaled: Map<number, JournaledRow>,
  wants: Wants,
): Promise<number> {
  const ratePerConversation = count(values.rate, "--rate");
  const concurrency = count(values.concurrency, "--concurrency");
  const client = cliClient(values);
  // Before the first create: credentials, conversations, limits; its listings settle the rows in doubt.
  const refused = await preflight(client, wants, check.inDoubt);
  if (refused !== undefined) return refused;

  const interrupts = new Interrupts(EXIT.interrupted);
  const tty = process.stderr.isTTY === true;
  const results = await Results.open({
    json: values.json === true,
    out: values.out,
    tty,
    onStdoutClosed: () => interrupts.stop("stdout was closed", true),
  });
  const journal = values.journal ? await Journal.open(values.journal) : undefined;
  // Rows an earlier run sent without learning the outcome: those Twilio has are not sent again.
  const settler = new Settler(source, journal, journaled, check.inDoubt.found);

  const rowsOfIndex = new Map<number, Row>();
  let lastRead = 0;
  let over = false; // the run has ended: a row the source reads late is reported by the tail pass
  async function* items(): AsyncGenerator<BulkItem> {
    let index = 0;
    for await (const row of readRows(source)) {
      if (over) return;
      lastRead = row.row;
      const done = settler.withoutSending(row);
      if (done) {
        results.add(done);
        continue;
      }
      rowsOfIndex.set(index++, row);
      yield row.item;
    }
  }

  const total = Math.max(0, check.rows - check.invalid - check.finished);
  const run = client.addParticipants(items(), {
    ratePerConversation,
    concurrency,
    signal: interrupts.signal,
    total,
    onProgress: tty ? (p) => process.stderr.write(progressLine(p)) : undefined,
    // The journal's `started` line is on disk before the create goes out (group commit).
    beforeStart: journal
      ? (_item, index) => {
          const entry = entryOf(rowsOfIndex.get(index)!, source.service, { outcome: "started" });
          return journal.append(entry).catch((error: unknown) => {
            interrupts.stop(`the journal could not be written (${(error as Error).message})`, false);
            throw error;
          });
        }
      : undefined,
  });
  // Off a terminal (a file, a CI log), a plain line every few seconds instead of the redrawn one.
  const ticker = tty
    ? undefined
    : setInterval(() => process.stderr.write(plainProgress(run.summary, total)), PLAIN_PROGRESS_EVERY_MS);
  const failures: Record<string, number> = {}; // by error code, rows not started left out
  try {
    for await (const result of run) {
      const row = rowsOfIndex.get(result.index)!;
      rowsOfIndex.delete(result.index);
      const r = describe(result, { row: row.row, line: row.line, ...whoOf(row) });
      // Read ahead but never sent (stopped first): no journal line, the next run adds it.
      settler.record(row, r);
      if (r.outcome === "failed") failures[r.code ?? "error"] = (failures[r.code ?? "error"] ?? 0) + 1;
      await settler.flush();
      results.add(r);
    }
  } finally {
    over = true;
    clearInterval(ticker);
  }
  // Rows the run never reached (it was stopped): each still gets its line.
  const notReached = (row: Row) =>
    settled({ row: row.row, line: row.line, ...whoOf(row) }, "not-started", {
      message: interrupts.stoppedBy ?? "not reached",
    });
  for (const row of rowsOfIndex.values()) results.add(notReached(row));
  if (lastRead < check.rows)
    for await (const row of readRows(source))
      if (row.row > lastRead) results.add(settler.withoutSending(row) ?? notReached(row));
  await settler.flush(true);
  await journal?.close();
  await results.close();
  interrupts.dispose();
  return finish(run.summary, results, failures, settler, interrupts, tty);
}

/** The summary's lines (stderr, and `--json`'s summary object) and the exit code. */
function finish(
  s: BulkSummary,
  results: Results,
  failures: Record<string, number>,
  settler: Settler,
  interrupts: Interrupts,
  tty: boolean,
): number {
  const c = results.counts;
  const stopped = stopLine(s);
  if (stopped) process.stderr.write(`${tty ? "\n" : ""}${stopped}\n`);
  process.stderr.write(`${tty ? "\n" : ""}${summaryLine(s, c, failures, settler)}`);
  // Rows skipped as invalid, or never started, did not end well either.
  const credentialsStop = s.stopReason instanceof TwilioBulkStoppedError && s.stopReason.reason === "credentials";
  const code = interrupts.interrupted
    ? EXIT.interrupted
    : credentialsStop
      ? EXIT.usage
      : c.failed || c.invalid || c["not-started"]
        ? EXIT.failed
        : EXIT.ok;
  const reason = exitReason(code, c, interrupts.stoppedBy);
  process.stderr.write(reason);
  results.summary({
    rateLimited: s.rateLimited,
    elapsedMs: Math.round(s.elapsedMs),
    exitCode: code,
    reason: reason.trim() || undefined,
  });
  return code;
}

function count(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`${name} must be a whole number of at least 1, not ${value}`);
  return Number(value);
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    const known = usage || error instanceof InputError || error instanceof TwilioValidationError;
    // One line, never a stack: the operator reads it, not a developer.
    process.stderr.write(
      `twilio-conversations-participants: ${(error as Error).message ?? error}\n${usage ? "(see --help)\n" : ""}`,
    );
    process.exitCode = known ? EXIT.usage : EXIT.failed;
  },
);
