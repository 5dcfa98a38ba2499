// The fault matrix: for each fault the fake server can inject, the outcome the retry-policy table
// promises happens, the server sees exactly the expected number of requests, and exactly the
// intended number of participants is stored: nothing duplicated, nothing lost. Then a resend that
// takes a 409 as success is run after each ambiguous outcome, ending with exactly one participant
// (the docs now answer with addParticipant, whose own matrix is test/add-participant/).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TwilioApiError, TwilioConnectionError, TwilioError, TwilioTimeoutError } from "../../src/index.js";
import { root } from "../helpers/pipeline.js";
import { MATRIX, MATRIX_CLIENT, runCase, type MatrixCase } from "./matrix.js";
import { setup, TRANSPORTS } from "./support.js";

const CLASSES = { TwilioApiError, TwilioTimeoutError, TwilioConnectionError };

describe.each(TRANSPORTS)("%s", (_transport, create) => {
  describe("fault matrix", () => {
    it.each(MATRIX.map((c) => [c.name, c] as const))("%s", async (_name, c: MatrixCase) => {
      const run = await runCase(create, c);
      const e = c.expect;

      if (e.error === undefined) {
        expect(run.result.ok, String(!run.result.ok && run.result.error)).toBe(true);
      } else {
        expect(run.result.ok).toBe(false);
        const error = (run.result as { error: any }).error;
        expect(error).toBeInstanceOf(CLASSES[e.error]);
        expect(error).toBeInstanceOf(TwilioError);
        expect(error.attempts).toBe(e.attempts);
        // "after 3 attempts", or a timeout's "(attempt 1)"
        expect(error.message).toMatch(new RegExp(`after ${e.attempts} attempts?\\b|\\(attempt ${e.attempts}\\)`));
        if (e.status !== undefined) expect(error.status).toBe(e.status);
        if (e.requestSent !== undefined) expect(error.requestSent).toBe(e.requestSent);
      }
      // One logger event per attempt, numbered 1…n.
      expect(run.events.map((ev: any) => ev.attempt)).toEqual(Array.from({ length: e.attempts }, (_, i) => i + 1));
      expect(run.requests).toHaveLength(e.requests);
      // Every request the server saw is byte-identical: a resend never changes the body.
      expect(new Set(run.requests.map((r) => r.body)).size).toBeLessThanOrEqual(1);
      expect(run.participants.map((p) => p.identity)).toEqual(Array.from({ length: e.participants }, () => run.identity));
    });
  });
});

/** The retry-policy table from the README's "Retry policy" section. */
function policyTable(): { file: string; rows: string[][] } {
  for (const file of ["README.md"]) {
    const path = join(root, file);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, "utf8");
    const start = text.search(/^#+ Retry policy/m);
    if (start < 0) continue;
    const rows = text
      .slice(start)
      .split(/\n(?=#)/)[0]! // this section only, up to the next heading
      .split("\n")
      .filter((line) => line.startsWith("|") && !/^\|\s*-/.test(line))
      .map((line) => line.split("|").slice(1, -1).map((cell) => cell.replace(/[`*]/g, "").trim()));
    if (rows.length > 1) return { file, rows: rows.slice(1) };
  }
  throw new Error("no 'Retry policy' table in README.md");
}

describe("the documented retry policy matches the matrix", () => {
  const { file, rows } = policyTable();
  const rowFor = (label: string) => rows.find((r) => r[0]!.startsWith(label));

  it.each(MATRIX.map((c) => [c.name, c] as const))(`${file} has the row for %s, with its error, attempts and whether Twilio may have acted`, (_name, c: MatrixCase) => {
    const row = rowFor(c.row);
    expect(row, `no row starting "${c.row}"`).toBeDefined();
    const [, , attempts, error, acted] = row!;
    const retried = c.expect.attempts > 1 || c.refused;
    expect(attempts).toBe(retried ? "up to 1 + maxRetries" : "1");
    if (c.expect.error) expect(error).toContain(c.expect.error);
    else if (!retried) expect(error).toBe("—");
    // A case where the participant exists after an error must not be documented as "No".
    if (c.expect.error && c.expect.participants > 0) expect(acted).toMatch(/^(Yes|Maybe)/);
    if (acted!.startsWith("No")) expect(c.expect.participants === 0 || !c.expect.error).toBe(true);
  });
});

/** The outcomes after which Twilio may have acted ("Did my participant get created?"). */
const mayHaveActed = (e: unknown) =>
  e instanceof TwilioTimeoutError ||
  (e instanceof TwilioConnectionError && e.requestSent) ||
  (e instanceof TwilioApiError && ([500, 502, 504].includes(e.status) || e.status < 400));

describe.each(TRANSPORTS)("%s: a resend that takes 409 as success, after an ambiguous outcome", (_transport, create) => {
  const ambiguous = MATRIX.filter((c) => c.expect.error && !c.refused && c.expect.attempts === 1 && c.expect.status !== 400 && c.expect.status !== 429);

  it.each(ambiguous.map((c) => [c.name, c] as const))("%s → exactly one participant in the end", async (_name, c: MatrixCase) => {
    const { fake, client, path } = await setup(create, MATRIX_CLIENT);
    fake.inject(...c.faults);
    const input = { path, body: { Identity: "recovered" } };
    let outcome: string;
    try {
      await client.createServiceConversationParticipant(input);
      outcome = "created";
    } catch (error) {
      expect(mayHaveActed(error), String(error)).toBe(true);
      await fake.idle(); // "give the earlier request a moment to finish"
      try {
        await client.createServiceConversationParticipant(input); // one deliberate resend
        outcome = "created on resend";
      } catch (again: any) {
        expect([again.status, again.code]).toEqual([409, 50433]);
        outcome = "already there";
      }
    }
    expect(outcome).toBe(c.expect.participants === 1 ? "already there" : "created on resend");
    expect(fake.participants.map((p) => p.identity)).toEqual(["recovered"]);
  });
});
