import { describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { editSpec, generate, root, snapshot, workspace } from "../helpers/pipeline.js";

describe("npm run generate", () => {
  it("prints one timed line per step and writes types, validators, table and offline docs", async () => {
    const ws = await workspace();
    const run = await generate(ws);
    expect(run.code, run.stderr).toBe(0);
    for (const stepName of [
      "lint",
      "types",
      "validators",
      "operation table",
      "public names",
      "write generated/",
      "docs",
    ]) {
      expect(run.stdout).toMatch(new RegExp(`✔ ${stepName}.*\\d+ ms`));
    }
    expect(run.stdout).toContain("✔ lint (redocly, redocly.yaml)"); // the project's own, recommended-strict
    const html = await readFile(ws.docs, "utf8");
    expect(html).toContain("CreateServiceConversationParticipant");
    expect(html).not.toMatch(/<script[^>]+src="https?:/); // Redoc is inlined, not loaded from a CDN
  });

  it("matches the committed generated/ (what check:generated enforces)", async () => {
    const ws = await workspace();
    const run = await generate(ws, "--no-docs");
    expect(run.code, run.stderr).toBe(0);
    expect(await snapshot(ws.out)).toEqual(await snapshot(join(root, "generated")));
  });

  it("is deterministic: two runs give byte-identical output", async () => {
    const a = await workspace();
    const b = await workspace();
    expect((await generate(a, "--no-docs")).code).toBe(0);
    expect((await generate(b, "--no-docs")).code).toBe(0);
    expect(await snapshot(a.out)).toEqual(await snapshot(b.out));
  });

  it("starts every generated source file with a header naming the spec and the command", async () => {
    const files = await snapshot(join(root, "generated"));
    for (const [name, text] of Object.entries(files)) {
      if (!name.endsWith(".ts")) continue;
      expect(text.split("\n").slice(0, 3).join("\n"), name).toMatch(
        /GENERATED FILE — do not edit by hand\.\n\/\/ Generated from spec\/openapi\.yaml by `npm run generate`/,
      );
    }
  });
});

describe("check:generated", () => {
  it("passes when generated/ matches the spec", async () => {
    const ws = await workspace();
    const run = await generate(ws, "--check");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("generated/ matches the spec");
  });

  it("fails, naming the stale files, after a one-line description change", async () => {
    const ws = await workspace(
      editSpec((spec) =>
        spec.set(
          [
            "components",
            "schemas",
            "CreateServiceConversationParticipantRequest",
            "properties",
            "RoleSid",
            "description",
          ],
          "The SID of a conversation-level Role for the participant.",
        ),
      ),
    );
    const before = await snapshot(ws.out);
    const run = await generate(ws, "--check");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/stale/);
    expect(run.stderr).toMatch(/openapi\.ts \(differs\)/);
    expect(await snapshot(ws.out)).toEqual(before); // --check never writes
  });
});
