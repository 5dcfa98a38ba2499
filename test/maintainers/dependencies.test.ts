// Every package the project depends on says why it is there, in scripts/README.md's table, with its
// kind (a runtime one is what users install; the README only names them). A new dependency with no row fails.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "../helpers/pipeline.js";

const manifest = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** The package names in the first cell of each row of the table under `heading` in `file` (whose kind matches). */
async function namesInTable(file: string, heading: string, kind = /./): Promise<Set<string>> {
  const text = await readFile(join(root, file), "utf8");
  const start = text.indexOf(`\n${heading}\n`);
  expect(start, `${file} has the section "${heading}"`).toBeGreaterThan(-1);
  const section = text.slice(start + heading.length + 2).split(/\n## /)[0]!;
  const firstCells = section
    .split("\n")
    .flatMap((line) => (line.startsWith("| ") && kind.test(line.split("|")[2] ?? "") ? [line.split("|")[1]!] : []));
  return new Set(firstCells.flatMap((cell) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)));
}

describe("dependencies", () => {
  it("each runtime dependency has a row of kind runtime in scripts/README.md's table, saying why", async () => {
    const named = await namesInTable("scripts/README.md", "## Dependencies, and why each is here", /^ runtime\b/);
    expect(Object.keys(manifest.dependencies).filter((name) => !named.has(name))).toEqual([]);
    const readme = await readFile(join(root, "README.md"), "utf8");
    expect(Object.keys(manifest.dependencies).filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });

  it("each development dependency has a row in scripts/README.md's table, saying why", async () => {
    const named = await namesInTable("scripts/README.md", "## Dependencies, and why each is here");
    expect(Object.keys(manifest.devDependencies).filter((name) => !named.has(name))).toEqual([]);
  });
});
