// Samples for any spec, not only today's operations: the operations fixture (six operations, every
// shape: no path, a list, arrays, nullable and boolean fields, a 204) gets a TypeScript and a curl
// sample for each, with inputs its own generated validators accept.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { renderedOperations, root } from "./page.js";
import type { Call } from "./sample-support.js";

const NAME = "twilio-conversations-participants";
const { addCodeSamples } = await import(pathToFileURL(join(root, "scripts/lib/code-samples.mjs")).href);

describe("samples for any spec (the operations fixture: six operations, every shape)", () => {
  it("gives each operation a TypeScript and a curl sample whose input its generated validator accepts", async () => {
    const text = await readFile(join(root, "test/fixtures/operations/spec/openapi.yaml"), "utf8");
    const fixture = parse(text) as Record<string, any>;
    const { operationTable } = await import("../fixtures/operations/generated/operations.js");
    const fixtureCalls = addCodeSamples(fixture, { packageName: NAME }) as (Call & { methodName: string })[];
    const samples = renderedOperations(fixture);
    expect(samples.map((o) => o.operationId).sort()).toEqual(
      Object.values(operationTable as Record<string, { operationId: string }>)
        .map((e) => e.operationId)
        .sort(),
    );
    for (const call of fixtureCalls) {
      // Values made where the spec gives no example (a SID from its pattern) still pass its rules.
      const entry = (operationTable as Record<string, { validate: (input: unknown) => boolean }>)[call.methodName]!;
      expect(entry.validate(call.input), `${call.operationId} ${JSON.stringify(call.input)}`).toBe(true);
      const op = samples.find((o) => o.operationId === call.operationId)!;
      expect(op.samples.map((s) => s.label)).toEqual(["TypeScript", "curl"]);
      expect(op.samples[0]!.source).toContain(`client.${call.methodName}(`);
      expect(op.samples[1]!.source).toMatch(
        /^(# Optional: .*\n)?curl .*'https:\/\/widgets\.fixture\.test\/v1\/Shelves/,
      );
    }
    const source = (id: string, i: number) => samples.find((o) => o.operationId === id)!.samples[i]!.source;
    expect(source("CreateWidget", 0)).toContain(
      [
        "await client.createWidget({",
        `  path: { ShelfSid: "SH0123456789abcdef0123456789abcdef" },`,
        "  body: {",
        `    Name: "bolt",`,
        `    Tags: ["metal", "small"], // optional`,
        "  },",
        "});",
      ].join("\n"),
    );
    expect(source("CreateWidget", 1)).toContain("--data-urlencode 'Tags=metal' \\\n  --data-urlencode 'Tags=small'");
    expect(source("ListWidget", 0)).toContain("for await (const widget of widgets) {");
    expect(source("UpdateWidget", 1)).toContain("--data-urlencode 'Note='");
    expect(source("DeleteWidget", 0)).toContain("await client.deleteWidget({");
    expect(source("DeleteWidget", 0)).not.toMatch(/const \w+ = await/);
    expect(source("DeleteWidget", 1)).toMatch(/^curl -X DELETE /);
    expect(source("CreateWidget", 1)).toMatch(/^# Optional: Tags\.\ncurl /);
  });
});
