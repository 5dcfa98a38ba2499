// The input file, row by row and lazily (a million rows never sit in memory): CSV through
// csv-parse (quotes, commas and newlines in fields, BOM, CRLF), or JSON Lines. Each row becomes
// addParticipant's input and is checked as the client checks it, so `--dry-run` finds what a real
// run would refuse, with the line number.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { parse } from "csv-parse";
import { operationTable } from "../../generated/operations.js";
import { participantKey } from "../add-participant.js";
import type { BulkItem } from "../add-participants.js";
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
  format: "csv" | "jsonl";
  service: string;
  conversation: string | undefined;
}

export async function* readRows(source: RowSource): AsyncGenerator<Row> {
  const records = source.format === "csv" ? csvRecords(source.file) : jsonRecords(source.file);
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

async function* csvRecords(file: string): AsyncGenerator<{ line: number; fields: Record<string, unknown> }> {
  const parser = createReadStream(file).pipe(
    parse({ bom: true, skip_empty_lines: true, info: true, record_delimiter: LINE_ENDINGS }),
  );
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
    throw new InputError(`${file}: ${(error as Error).message}`);
  }
  if (!header) throw new InputError(`${file}: no header row (expected column names such as Identity,Attributes)`);
}

async function* jsonRecords(file: string): AsyncGenerator<{ line: number; fields: Record<string, unknown> }> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    const trimmed = line === 1 ? text.replace(/^\uFEFF/, "").trim() : text.trim();
    if (trimmed === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      throw new InputError(`${file}:${line}: not JSON (${(error as Error).message})`);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value))
      throw new InputError(`${file}:${line}: not a JSON object`);
    checkColumns(Object.keys(value));
    yield { line, fields: value as Record<string, unknown> };
  }
}
