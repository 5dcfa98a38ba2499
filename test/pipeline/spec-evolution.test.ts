import { describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { problemsOf } from "../../src/internal/validate.js";
import { editSpec, generate, workspace } from "../helpers/pipeline.js";

// A maintainer adds one optional body field to the spec. With no handwritten change, the types,
// the operation table and the validators all pick it up.
describe("spec evolution", () => {
  it("a new optional body field with a pattern appears in types, table and validators", async () => {
    const ws = await workspace(
      editSpec((spec) =>
        spec.insertBefore(
          ["components", "schemas", "CreateServiceConversationParticipantRequest", "properties"],
          "RoleSid",
          "Nickname",
          { type: "string", pattern: "^[a-z]{2,8}$", description: "A short lowercase nickname." },
        ),
      ),
    );
    const run = await generate(ws, "--no-docs");
    expect(run.code, run.stderr).toBe(0);

    const types = await readFile(join(ws.out, "openapi.ts"), "utf8");
    expect(types).toMatch(/@description A short lowercase nickname\. \*\/\n\s+Nickname\?: string;/);
    const table = await readFile(join(ws.out, "operations.ts"), "utf8");
    expect(table).toMatch(/Attributes: "string",\n\s+Nickname: "string",\n\s+RoleSid: "string"/);

    const { validateCreateServiceConversationParticipantInput: rules } = await import(
      pathToFileURL(join(ws.out, "validators.ts")).href
    );
    const path = { ChatServiceSid: "IS0123456789abcdef0123456789abcdef", ConversationSid: "CHx" };
    expect(problemsOf(rules, { path, body: { Nickname: "ally" } })).toEqual([]);
    expect(problemsOf(rules, { path, body: { Nickname: "Ally!" } })).toEqual([
      expect.objectContaining({ in: "body", field: "Nickname", rule: "pattern" }),
    ]);
  });
});
