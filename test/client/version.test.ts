import { expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { VERSION } from "../../src/index.js";
import { root } from "../helpers/pipeline.js";

it("the User-Agent version is package.json's", async () => {
  expect(VERSION).toBe(JSON.parse(await readFile(join(root, "package.json"), "utf8")).version);
});
