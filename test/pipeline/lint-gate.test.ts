import { describe, expect, it } from "vitest";
import { editSpec, generate, snapshot, workspace } from "../helpers/pipeline.js";

// Each broken spec must stop the pipeline at the lint step, with Redocly's own message, and leave
// the existing generated/ exactly as it was.
const REQUEST = ["components", "schemas", "CreateServiceConversationParticipantRequest", "properties"];
const LIST = "/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Participants";
const LIST_EXAMPLE = ["paths", LIST, "get", "responses", "200", "content", "application/json", "examples"];

const brokenSpecs = [
  {
    name: "an example that does not match its schema",
    edit: editSpec((spec) =>
      spec.set([...LIST_EXAMPLE, "lastPage", "value", "participants", 0, "last_read_message_index"], "three"),
    ),
    expect: /no-invalid-media-type-examples/,
  },
  {
    name: "RoleSid without its pattern",
    edit: editSpec((spec) => spec.remove([...REQUEST, "RoleSid", "pattern"])),
    expect: /rule\/sid-property-has-pattern/,
  },
  {
    name: "a body field without a description",
    edit: editSpec((spec) => spec.remove([...REQUEST, "DateUpdated", "description"])),
    expect: /rule\/property-has-description/,
  },
  {
    name: "a SID path parameter without its pattern",
    edit: editSpec((spec) => spec.remove(["components", "parameters", "ChatServiceSid", "schema", "pattern"])),
    expect: /rule\/sid-parameter-has-pattern/,
  },
];

describe("the lint gate", () => {
  for (const broken of brokenSpecs) {
    it(`stops on ${broken.name} and leaves generated/ untouched`, async () => {
      const ws = await workspace(broken.edit);
      const before = await snapshot(ws.out);
      const run = await generate(ws);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(/✘ lint .* failed/);
      expect(run.stderr).toMatch(broken.expect);
      expect(run.stdout).not.toMatch(/types/); // no later step ran
      expect(await snapshot(ws.out)).toEqual(before);
    });
  }
});
