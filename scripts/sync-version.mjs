#!/usr/bin/env node
// Part of `npm run release:version`: after `changeset version` bumps package.json, src/version.ts's
// VERSION (sent in the User-Agent; test/client/version.test.ts holds the two equal) follows it.
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { version } = JSON.parse(await readFile(join(root, "package.json"), "utf8"));
const file = join(root, "src/version.ts");
const source = await readFile(file, "utf8");
const updated = source.replace(
  /^export const VERSION = "[^"]*";$/m,
  `export const VERSION = ${JSON.stringify(version)};`,
);
if (!updated.includes(`VERSION = ${JSON.stringify(version)};`))
  throw new Error(`no \`export const VERSION = "…";\` line in ${file}`);
await writeFile(file, updated);
console.log(`src/version.ts: VERSION = ${JSON.stringify(version)}`);
