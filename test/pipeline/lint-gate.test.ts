import { describe, expect, it } from "vitest";
import { generate, replaceOnce, snapshot, workspace } from "../helpers/pipeline.js";

// Each broken spec must stop the pipeline at the lint step, with Redocly's own message, and leave
// the existing generated/ exactly as it was.
const brokenSpecs = [
  {
    name: "an example that does not match its schema",
    edit: (s: string) =>
      replaceOnce(
        s,
        "                        last_read_message_index: null",
        "                        last_read_message_index: 'three'",
      ),
    expect: /no-invalid-media-type-examples/,
  },
  {
    name: "RoleSid without its pattern",
    edit: (s: string) =>
      replaceOnce(
        s,
        "          maxLength: 34\n          pattern: ^RL[0-9a-fA-F]{32}$\n          description: The SID of a conversation-level Role to assign to the participant.\n    ServiceConversationParticipant",
        "          maxLength: 34\n          description: The SID of a conversation-level Role to assign to the participant.\n    ServiceConversationParticipant",
      ),
    expect: /rule\/sid-property-has-pattern/,
  },
  {
    name: "a body field without a description",
    edit: (s: string) =>
      replaceOnce(s, "          description: The date that this resource was last updated (RFC 3339 date-time).\n", ""),
    expect: /rule\/property-has-description/,
  },
  {
    name: "a SID path parameter without its pattern",
    edit: (s: string) => replaceOnce(s, "        pattern: ^IS[0-9a-fA-F]{32}$\n      example: IS", "      example: IS"),
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
