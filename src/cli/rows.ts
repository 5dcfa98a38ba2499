// The input file, row by row and lazily (a million rows never sit in memory): CSV through
// csv-parse (quotes, commas and newlines in fields, BOM, CRLF), or JSON Lines. Each row becomes
// addParticipant's input and is checked as the client checks it, so `--dry-run` finds what a real
// run would refuse, with the line number.
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import { parse } from "csv-parse";
import { operationTable } from "../../generated/operations.js";
import { participantKey } from "../participants/internal/key.js";
import type { BulkItem } from "../participants/bulk-types.js";
import type { CreateServiceConversationParticipantInput } from "../../generated/names.js";
import { TwilioValidationError, type ValidationProblem } from "../errors/validation-error.js";
import { prepareInput } from "../internal/prepare.js";

const entry = operationTable.createServiceConversationParticipant;
/** The column that names a row's conversation; every other column is a body field of the spec. */
export const CONVERSATION_COLUMN = "ConversationSid";

export interface Row {
  /** 1 for the first data row. */
  row: number;
  /** The file's line where the row starts. */
  line: number;
  item: BulkItem;
  /** Empty when the row is valid. */
  problems: ValidationProblem[];
}

/** The input itself is unusable (unknown column, broken CSV, a line that is not JSON): exit 2. */
export class InputError extends Error {
  override name = "InputError" as const;
}

const NO_CONVERSATION: ValidationProblem = {
  in: "path",
  field: CONVERSATION_COLUMN,
  rule: "required",
  message: `${CONVERSATION_COLUMN} is required: fill the row's ${CONVERSATION_COLUMN} column, or pass --conversation`,
};

export interface RowSource {
  file: string;
  /** What messages call the input: the file's path, or "stdin" for \`--file -\`. */
  label: string;
  format: "csv" | "jsonl";
  service: string;
  conversation: string | undefined;
}

export async function* readRows(source: RowSource): AsyncGenerator<Row> {
  const records =
    source.format === "csv" ? csvRecords(source.file, source.label) : jsonRecords(source.file, source.label);
  let row = 0;
  for await (const { line, fields } of records) {
    const item = toItem(fields, source);
    const problems = item.path.ConversationSid ? problemsOf(item) : [NO_CONVERSATION];
    yield { row: ++row, line, item, problems };
  }
}

/** What the client would refuse about this row, before anything is sent. */
function problemsOf(item: BulkItem): ValidationProblem[] {
  try {
    prepareInput(entry, item);
    participantKey(item as CreateServiceConversationParticipantInput);
    return [];
  } catch (error) {
    if (error instanceof TwilioValidationError) return [...error.problems];
    throw error;
  }
}

function toItem(fields: Record<string, unknown>, source: RowSource): BulkItem {
  const { [CONVERSATION_COLUMN]: conversation, ...body } = fields;
  return {
    path: {
      ChatServiceSid: source.service,
      // Empty names no conversation, in a JSON line as in a CSV cell: --conversation's applies.
      ConversationSid:
        ((conversation === "" ? undefined : conversation) as string | undefined) ?? source.conversation ?? "",
    },
    body: body as BulkItem["body"],
  };
}

function checkColumns(columns: string[]): void {
  const known = new Set<string>([...Object.keys(entry.fields.body), CONVERSATION_COLUMN]);
  const unknown = columns.filter((c) => !known.has(c));
  if (unknown.length)
    throw new InputError(
      `unknown column${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")} (known: ${[...known].join(", ")})`,
    );
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) throw new InputError(`column ${c} appears twice`);
    seen.add(c);
  }
}

/**
 * Any of the three, per line: csv-parse otherwise guesses from the first, and a file that starts
 * with a blank LF line and goes on in CRLF would keep a CR at the end of every row's last value.
 */
const LINE_ENDINGS = ["\r\n", "\n", "\r"];

/** The file as a stream; failing to open or read it (ENOENT, EISDIR, EACCES) is an InputError. */
function inputOf(file: string, label: string, onError: (error: InputError) => void) {
  const input = createReadStream(file);
  input.on("error", (error) => onError(new InputError(`cannot read ${label}: ${error.message}`)));
  return input;
}

async function* csvRecords(
  file: string,
  label: string,
): AsyncGenerator<{ line: number; fields: Record<string, unknown> }> {
  const parser = parse({ bom: true, skip_empty_lines: true, info: true, record_delimiter: LINE_ENDINGS });
  inputOf(file, label, (error) => parser.destroy(error)).pipe(parser);
  let header: string[] | undefined;
  // Line numbers are counted here: csv-parse's `info.lines` is where a record ends, and counts a
  // quoted CRLF as two. A record starts after the records before it (the line breaks in their cells
  // plus their own) and the empty lines skipped so far (`info.empty_lines`).
  let linesOfRecords = 0;
  try {
    type Parsed = { record: string[]; info: { empty_lines: number } };
    for await (const { record, info } of parser as AsyncIterable<Parsed>) {
      const line = 1 + linesOfRecords + info.empty_lines;
      linesOfRecords += 1 + record.reduce((n, cell) => n + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
      if (!header) {
        checkColumns((header = record.map((c) => c.trim())));
        continue;
      }
      const fields: Record<string, unknown> = {};
      // An empty cell is an absent field, as in a spreadsheet.
      header.forEach((name, i) => record[i] !== "" && record[i] !== undefined && (fields[name] = record[i]));
      yield { line, fields };
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${label}: ${(error as Error).message}`);
  }
  if (!header) throw new InputError(`${label}: no header row (expected column names such as Identity,Attributes)`);
}

async function* jsonRecords(
  file: string,
  label: string,
): AsyncGenerator<{ line: number; fields: Record<string, unknown> }> {
  let failure: InputError | undefined;
  const input = inputOf(file, label, (error) => {
    failure = error;
    lines.close();
  });
  const lines = createInterface({ input, crlfDelay: Infinity });
  lines.on("error", (error) => (failure ??= new InputError(`cannot read ${label}: ${error.message}`)));
  let line = 0;
  const texts = (async function* () {
    try {
      yield* lines;
    } catch (error) {
      throw failure ?? new InputError(`cannot read ${label}: ${(error as Error).message}`);
    }
  })();
  for await (const text of texts) {
    line++;
    const trimmed = line === 1 ? text.replace(/^\uFEFF/, "").trim() : text.trim();
    if (trimmed === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      throw new InputError(`${label}:${line}: not JSON (${(error as Error).message})`);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value))
      throw new InputError(`${label}:${line}: not a JSON object`);
    checkColumns(Object.keys(value));
    yield { line, fields: value as Record<string, unknown> };
  }
  if (failure) throw failure;
}

/**
 * \`--file -\`: stdin, copied to a private temporary file first, since the rows are read more than
 * once (the check pass, the run, the rows a stopped run never reached). \`remove\` deletes it.
 */
export async function spoolStdin(): Promise<{ file: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "twilio-conversations-participants-"));
  const file = join(dir, "stdin");
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await pipeline(process.stdin, createWriteStream(file, { mode: 0o600 }));
  } catch (error) {
    await remove();
    throw new InputError(`cannot read stdin: ${(error as Error).message}`);
  }
  return { file, remove };
}

/**
 * \`--service\` and \`--conversation\` checked once against the spec's path rules, before any row: a
 * bad one would otherwise make every row invalid, and be said once per row.
 */
export function checkPathOptions(service: string, conversation: string | undefined): void {
  const list = operationTable.listServiceConversationParticipant;
  try {
    prepareInput(list, { path: { ChatServiceSid: service, ConversationSid: conversation ?? "CH" } });
  } catch (error) {
    if (!(error instanceof TwilioValidationError)) throw error;
    const option = { ChatServiceSid: "--service", ConversationSid: "--conversation" } as Record<string, string>;
    const problem = error.problems.find((p) => option[p.field] && (p.field !== CONVERSATION_COLUMN || conversation));
    if (problem)
      throw new InputError(
        `${option[problem.field]} ${JSON.stringify(problem.field === CONVERSATION_COLUMN ? conversation : service)}: ${problem.rule}: ${problem.message}`,
      );
  }
}

/** The row's conversation, Identity and MessagingBinding.Address, as results report them. */
export function whoOf(row: Row): { conversation: string; identity: string | undefined; address: string | undefined } {
  const body = (row.item.body ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (v === undefined ? undefined : String(v));
  return {
    conversation: row.item.path.ConversationSid,
    identity: text(body.Identity),
    address: text(body["MessagingBinding.Address"]),
  };
}
