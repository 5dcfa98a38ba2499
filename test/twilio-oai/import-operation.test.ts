// `npm run spec:import`: an operation of Twilio's description as a 3.1 fragment to paste into
// spec/openapi.yaml, with the schemas it reaches under the generator's names and no `x-*`.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { root } from "../helpers/pipeline.js";

const script = join(root, "scripts/import-operation.mjs");
const { importOperations } = await import(script);
const twilio = JSON.parse(await readFile(join(root, "test/fixtures/twilio-oai/twilio_conversations_v1.json"), "utf8"));

describe("spec:import", () => {
  it("prints the operation and the schemas it reaches, as 3.1, renamed, without x-* extensions", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [script, "CreateServiceConversationParticipant"]);
    const fragment = parse(stdout);
    const post = fragment.paths["/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Participants"].post;
    expect(post.operationId).toBe("CreateServiceConversationParticipant");
    expect(post.responses["201"].content["application/json"].schema.$ref).toBe(
      "#/components/schemas/ConversationsV1ServiceServiceConversationServiceConversationParticipant",
    );
    const schemas = fragment.components.schemas;
    expect(Object.keys(schemas).sort()).toEqual([
      "ConversationsV1ServiceServiceConversationServiceConversationParticipant",
      "ServiceConversationParticipantEnumWebhookEnabledType",
    ]);
    const participant = schemas.ConversationsV1ServiceServiceConversationServiceConversationParticipant;
    expect(participant.properties.identity.type).toEqual(["string", "null"]); // 3.0's nullable, as 3.1
    expect(stdout).not.toMatch(/x-twilio|nullable:/);
  });

  it("refuses an operationId the description does not have, naming it", () => {
    expect(() => importOperations(twilio, ["CreateRole", "NoSuchThing"])).toThrow("no operation NoSuchThing");
  });
});
