import { describe, expect, it } from "vitest";
import { generate, replaceOnce, snapshot, workspace } from "../helpers/pipeline.js";

// Ajv compiles the client's input validators in strict mode, and the operation table knows how each
// field goes on the wire. A spec that asks for a check Ajv does not know, or a field the wire
// cannot carry, must stop the generator, not lose the rule (or the field) in silence.
const IDENTITY = "        Identity:\n          type: string\n          maxLength: 256\n";
const ROLE_SID = "        RoleSid:\n          type: string\n          minLength: 34";

describe("the generator refuses what it cannot honour, and writes nothing", () => {
  it.each([
    {
      what: "an extension keyword Ajv cannot check, naming it and the operation",
      edit: (s: string) => replaceOnce(s, IDENTITY, `${IDENTITY}          x-max-utf8-bytes: 2\n`),
      says: /✘ validators[\s\S]*validateCreateServiceConversationParticipantInput: strict mode: unknown keyword: "x-max-utf8-bytes"/,
    },
    {
      what: "a body field of type object (no form encoding for it), naming the field",
      edit: (s: string) =>
        replaceOnce(
          s,
          ROLE_SID,
          `        Labels:\n          type: object\n          description: Labels.\n${ROLE_SID}`,
        ),
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
});
