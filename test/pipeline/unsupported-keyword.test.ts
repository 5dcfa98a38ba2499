import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { editSpec, generate, snapshot, workspace } from "../helpers/pipeline.js";

// Ajv compiles the client's input validators in strict mode, and the operation table knows how each
// field goes on the wire. A spec that asks for a check Ajv does not know, or a field the wire
// cannot carry, must stop the generator, not lose the rule (or the field) in silence. An `x-*`
// extension is no rule: it is left to the tools that read it (Twilio's `x-twilio`), as the last case shows.
const REQUEST = ["components", "schemas", "CreateServiceConversationParticipantRequest", "properties"];

describe("the generator refuses what it cannot honour, and writes nothing", () => {
  it.each([
    {
      // OpenAPI's `discriminator` passes lint, and it decides which schema a value must match.
      what: "a keyword Ajv cannot check, naming it and the operation",
      edit: editSpec((spec) =>
        spec.set(["components", "schemas", "CreateServiceConversationParticipantRequest", "discriminator"], {
          propertyName: "Identity",
        }),
      ),
      says: /✘ validators[\s\S]*validateCreateServiceConversationParticipantInput: strict mode: unknown keyword: "discriminator"/,
    },
    {
      what: "a body field of type object (no form encoding for it), naming the field",
      edit: editSpec((spec) => spec.set([...REQUEST, "Labels"], { type: "object", description: "Labels." })),
      says: /CreateServiceConversationParticipant: body field Labels has type "object"/,
    },
  ])("$what", async ({ edit, says }) => {
    const ws = await workspace(edit);
    const before = await snapshot(ws.out);
    const run = await generate(ws, "--no-docs");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(says);
    expect(await snapshot(ws.out)).toEqual(before);
  });

  it("but ignores an x-* extension, which is no rule (Twilio's descriptions carry x-twilio in schemas)", async () => {
    const ws = await workspace(editSpec((spec) => spec.set([...REQUEST, "Identity", "x-max-utf8-bytes"], 2)));
    const run = await generate(ws, "--no-docs");
    expect(run.code, run.stderr).toBe(0);
    expect(await readFile(join(ws.out, "validators.ts"), "utf8")).not.toContain("x-max-utf8-bytes");
  });
});
