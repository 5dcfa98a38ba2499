import { describe, expect, it } from "vitest";
import { generate, replaceOnce, snapshot, workspace } from "../helpers/pipeline.js";

// The client checks input with rule tables that know a handful of JSON Schema keywords. A spec
// that uses another one on an input field must stop the generator, not lose the rule in silence.
describe("a keyword the client's rule tables cannot check", () => {
  it("stops npm run generate, naming the keyword and the field, and writes nothing", async () => {
    const ws = await workspace((s) =>
      replaceOnce(s, "        Identity:\n          type: string\n          maxLength: 256\n",
        "        Identity:\n          type: string\n          maxLength: 256\n          multipleOf: 2\n"));
    const before = await snapshot(ws.out);
    const run = await generate(ws, "--no-docs");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/CreateServiceConversationParticipant: body field Identity uses multipleOf, which src\/internal\/rules\.ts cannot check/);
    expect(await snapshot(ws.out)).toEqual(before);
  });
});
