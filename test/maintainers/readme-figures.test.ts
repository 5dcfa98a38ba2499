// Every figure in the docs comes from a command: the bench:bulk table (in the bench history,
// scripts/bench/README.md) is the one `npm run bench:bulk` last wrote to bench-results/bulk.md, row for row.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "../helpers/pipeline.js";

/** The rows of the first Markdown table in `text` that starts with `header`. */
function table(text: string, header: string): string[] {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => line.startsWith(header));
  if (start < 0) throw new Error(`no table starting with ${header}`);
  const rows: string[] = [];
  for (const line of lines.slice(start)) {
    if (!line.startsWith("|")) break;
    rows.push(line.trim());
  }
  return rows;
}

describe("the documented figures", () => {
  it("scripts/bench/README.md's bench:bulk table is bench-results/bulk.md's, unchanged", async () => {
    const readme = await readFile(join(root, "scripts/bench/README.md"), "utf8");
    const bench = await readFile(join(root, "bench-results/bulk.md"), "utf8");
    const block = /<!-- bench:bulk[^>]*-->\n([\s\S]*?)<!-- \/bench:bulk -->/.exec(readme)?.[1];
    expect(block, "scripts/bench/README.md has no <!-- bench:bulk --> block").toBeDefined();
    const header = "| contender | wall time |";
    expect(table(block!, header)).toEqual(table(bench, header));
    expect(table(block!, header).length).toBeGreaterThan(3);
  });
});
