// `npm run spec:changes`: each scenario of issue 15 on a temporary git repository holding a copy of
// the spec, through the real script, git and Redocly's diff. Assertions read what a maintainer reads.
import { cp, mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { editSpec, replaceOnce, root } from "../helpers/pipeline.js";
import { levelsOf, run, specRepo, type SpecRepo } from "./spec-repo.js";

// Edits at paths of names, so the operations a maintainer adds in the same style never make one ambiguous.
const REQUEST = ["components", "schemas", "CreateServiceConversationParticipantRequest", "properties"];
const RESPONSE = ["components", "schemas", "ServiceConversationParticipant", "properties"];
const CREATE = "/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Participants";
const CREATE_BODY = ["paths", CREATE, "post", "requestBody", "content", "application/x-www-form-urlencoded"];
const WEBHOOK_ENUM = ["components", "parameters", "XTwilioWebhookEnabled", "schema", "enum"];
const BINDING_TYPE_ENUM = ["components", "schemas", "MessagingBinding", "properties", "type", "enum"];
const removeLastRead = editSpec((spec) => spec.remove([...RESPONSE, "last_read_timestamp"]));
const bodyFieldAdded = (name: string, description: string) =>
  editSpec((spec) => spec.insertBefore(REQUEST, "RoleSid", name, { type: "string", description }));
/** Identity's maxLength in the request body. */
const identityLimit = (n: number) => editSpec((spec) => spec.set([...REQUEST, "Identity", "maxLength"], n));
/** The base for the response-enum scenario: messaging_binding.type is an enum. */
const typeEnum = (values: string[]) => editSpec((spec) => spec.set(BINDING_TYPE_ENUM, values));
/** An operation the spec does not have yet (on a path of its own). */
const NEW_OPERATION = `  /v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Participants/{Sid}/Echo:
    get:
      operationId: EchoServiceConversationParticipant
      summary: Echo a participant
      description: Returns one participant.
      parameters:
        - $ref: '#/components/parameters/ChatServiceSid'
        - $ref: '#/components/parameters/ConversationSid'
        - name: Sid
          in: path
          required: true
          description: The participant's SID.
          schema:
            type: string
            pattern: ^MB[0-9a-fA-F]{32}$
      responses:
        '200':
          description: The participant.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/ServiceConversationParticipant'
components:
`;
/**
 * Where Redocly reports a change to the participant schema: under the first operation that returns
 * it (the list's page items, or a 2xx of its own), once however many operations share it.
 */
const PARTICIPANT_RESPONSE = String.raw`response 2\d\d (participants/items\.)?`;

let repo: SpecRepo | undefined;
afterEach(async () => {
  if (repo) await rm(repo.dir, { recursive: true, force: true });
  repo = undefined;
});

/** Edits the spec in a fresh repository (tagged v1.0.0 at the base) and runs spec:changes. */
async function changes(
  edit: (spec: string) => string,
  options: Parameters<typeof specRepo>[0] = {},
  ...argv: string[]
) {
  repo = await specRepo(options);
  await repo.edit(edit);
  const result = await repo.specChanges(...argv);
  return { ...result, ...levelsOf(result.stdout) };
}

describe("spec:changes classifies each change for a consumer of the typed client", () => {
  it("a response field removed: breaking, major", async () => {
    const out = await changes(removeLastRead);
    expect(out.code, out.stderr).toBe(0);
    expect(out.levels).toEqual({ breaking: 1 });
    expect(out.bump).toBe("major");
    expect(out.stdout).toMatch(new RegExp(`✖ removed ${PARTICIPANT_RESPONSE}last_read_timestamp`));
    expect(out.stdout).toMatch(/^spec\/openapi\.yaml: v1\.0\.0 → working tree/m);
    expect(out.stdout).toContain("package.json 1.0.0: too low — v1.0.0 was 1.0.0, these changes need ≥ 2.0.0");
  });

  it("an optional body field added: feature, minor", async () => {
    const out = await changes(bodyFieldAdded("MessagingBinding.ProxyAddressFallback", "A fallback."));
    expect(out.levels).toEqual({ feature: 1 });
    expect(out.bump).toBe("minor");
    expect(out.stdout).toMatch(/\+ added request body MessagingBinding\.ProxyAddressFallback/);
  });

  it("Identity's length tightened: breaking (and loosened: feature, since the client accepts more)", async () => {
    const tightened = await changes(identityLimit(128));
    expect(tightened.levels).toEqual({ breaking: 1 });
    expect(tightened.stdout).toMatch(/`maxLength` of `Identity` changed from '256' to '128'/);
    const loosened = await changes(identityLimit(512));
    expect(loosened.levels).toEqual({ feature: 1 });
    expect(loosened.stdout).toMatch(/request body Identity · maxLength: 256 → 512 — accepts input it used to reject/);
  });

  it("a description changed: fix, patch; an example changed: fix", async () => {
    const described = await changes(
      editSpec((spec) => spec.set([...RESPONSE, "url", "description"], "The participant's absolute URL.")),
    );
    expect(described.levels).toEqual({ fix: 1 });
    expect(described.bump).toBe("patch");
    expect(described.stdout).toMatch(new RegExp(`· modified ${PARTICIPANT_RESPONSE}url · description`));
    const example = await changes(
      editSpec((spec) => spec.set([...CREATE_BODY, "examples", "chatParticipant", "value", "Identity"], "bob")),
    );
    expect(example.levels).toEqual({ fix: 1 });
    expect(example.stdout).toMatch(/· example modified: requestBody\/.*\/examples/);
  });

  it("an operation added: feature, minor", async () => {
    const out = await changes((s) => replaceOnce(s, "components:\n", NEW_OPERATION));
    expect(out.levels).toEqual({ feature: 1 });
    expect(out.bump).toBe("minor");
    expect(out.stdout).toMatch(/\+ added path with GET EchoServiceConversationParticipant/);
  });

  it("a tag added: named, not numbered", async () => {
    const out = await changes(
      editSpec((spec) => spec.set(["tags", 1], { name: "ServiceRoles", description: "Roles of a service." })),
    );
    expect(out.stdout).toMatch(/added "ServiceRoles"/);
    expect(out.stdout).not.toMatch(/added 1\b/);
  });

  it("an enum value added to a request field: feature", async () => {
    const out = await changes(editSpec((spec) => spec.set(WEBHOOK_ENUM, ["true", "false", "auto"])));
    expect(out.levels).toEqual({ feature: 1 });
    expect(out.stdout).toMatch(
      /header parameter X-Twilio-Webhook-Enabled · enum: \["true","false"\] → \["true","false","auto"\]/,
    );
  });

  it("an enum value added to a response field: breaking (clients switching over it); one removed: breaking too", async () => {
    const added = await changes(typeEnum(["sms", "whatsapp", "chat"]), {
      base: typeEnum(["sms", "whatsapp"]),
    });
    expect(added.levels).toEqual({ breaking: 1 });
    expect(added.stdout).toMatch(
      new RegExp(`${PARTICIPANT_RESPONSE}messaging_binding\\.type · enum — Enum of \`type\` gained values: 'chat'`),
    );
    const removed = await changes(typeEnum(["sms"]), { base: typeEnum(["sms", "whatsapp"]) });
    expect(removed.levels).toEqual({ breaking: 1 });
    expect(removed.stdout).toMatch(/enum lost "whatsapp": a consumer's `case` for it stops compiling/);
  });
});

describe("spec:changes as a gate", () => {
  it("--fail-on breaking stops a breaking change and lets a feature through", async () => {
    const breaking = await changes(removeLastRead, {}, "--fail-on", "breaking");
    expect(breaking.code).toBe(1);
    expect(breaking.stderr).toContain("--fail-on breaking: 1 change(s) rated breaking or worse.");
    const feature = await changes(
      editSpec((spec) => spec.set(WEBHOOK_ENUM, ["true", "false", "auto"])),
      {},
      "--fail-on",
      "breaking",
    );
    expect(feature.code, feature.stderr).toBe(0);
  });

  it("compares with the newest v* tag by default, HEAD without one, and --base when given", async () => {
    repo = await specRepo({ tag: "" });
    await repo.edit(removeLastRead);
    expect((await repo.specChanges()).stdout).toMatch(/^spec\/openapi\.yaml: HEAD → working tree, 1 change/m);
    await repo.git("commit", "-qam", "remove last_read_timestamp");
    expect((await repo.specChanges()).stdout).toMatch(/HEAD → working tree, 0 change\(s\)[\s\S]*Bump required: none/);
    expect((await repo.specChanges("--base", "HEAD~1")).stdout).toMatch(/HEAD~1 → working tree, 1 change/);
    await repo.git("tag", "v1.1.0", "HEAD~1");
    expect((await repo.specChanges()).stdout).toMatch(/^spec\/openapi\.yaml: v1\.1\.0 → working tree, 1 change/m);
    const unknown = await repo.specChanges("--base", "v9");
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining("no git revision v9") });
  });

  it("judges package.json's version (npm's caret rules below 1.0.0) and writes a changeset", async () => {
    const out = await changes(removeLastRead, { version: "0.3.1" }, "--changeset");
    expect(out.stdout).toContain("package.json 0.3.1: too low — v1.0.0 was 0.3.1, these changes need ≥ 0.4.0");
    const changeset = await readFile(join(repo!.dir, ".changeset/spec-changes.md"), "utf8");
    expect(changeset).toMatch(/^---\n"twilio-conversations-participants": minor\n---\n\nSpec changes since v1\.0\.0/);
    expect(changeset).toMatch(
      new RegExp(
        `- \\*\\*breaking\\*\\* (GET|POST) /v1/Services/\\{ChatServiceSid\\}/Conversations/\\{ConversationSid\\}/Participants: removed ${PARTICIPANT_RESPONSE}last_read_timestamp`,
      ),
    );
    await writeFile(join(repo!.dir, "package.json"), JSON.stringify({ name: "scratch", version: "0.4.0" }));
    expect((await repo!.specChanges()).stdout).toContain("package.json 0.4.0: OK (v1.0.0 was 0.3.1; needs ≥ 0.4.0).");
  });
});

describe("npm run generate", () => {
  it("prints a one-line summary of the spec changes since the base, and never fails for want of one", async () => {
    repo = await specRepo();
    await repo.edit(identityLimit(128));
    const argv = [
      join(root, "scripts/generate.mjs"),
      "--spec",
      repo.spec,
      "--out",
      join(repo.dir, "generated"),
      "--no-docs",
    ];
    const inRepo = await run(process.execPath, argv, repo.dir);
    expect(inRepo.code, inRepo.stderr).toBe(0);
    expect(inRepo.stdout).toMatch(
      /^spec changes since v1\.0\.0: 1 breaking, 0 feature, 0 fix → major \(`npm run spec:changes` lists them\)$/m,
    );
    await rm(join(repo.dir, ".git"), { recursive: true, force: true });
    const outside = await run(process.execPath, argv, repo.dir);
    expect(outside.code, outside.stderr).toBe(0);
    expect(outside.stdout).toMatch(/^spec changes: not compared \(.*is not in a git repository/m);
  });
});

describe("CHANGELOG.md (Changesets)", () => {
  it("the changeset spec:changes writes becomes the release's CHANGELOG entry and version", async () => {
    repo = await specRepo({ version: "1.0.0" });
    await mkdir(join(repo.dir, ".changeset"));
    await cp(join(root, ".changeset/config.json"), join(repo.dir, ".changeset/config.json"));
    await symlink(join(root, "node_modules"), join(repo.dir, "node_modules"), "dir");
    await writeFile(
      join(repo.dir, "package.json"),
      JSON.stringify({ name: "twilio-conversations-participants", version: "1.0.0" }),
    );
    await repo.edit(bodyFieldAdded("Note", "A note."));
    expect((await repo.specChanges("--changeset")).stdout).toContain(
      "package.json 1.0.0: too low — v1.0.0 was 1.0.0, these changes need ≥ 1.1.0",
    );
    const version = await run(join(root, "node_modules/.bin/changeset"), ["version"], repo.dir);
    expect(version.code, version.stderr).toBe(0);
    expect(JSON.parse(await readFile(join(repo.dir, "package.json"), "utf8")).version).toBe("1.1.0");
    const changelog = await readFile(join(repo.dir, "CHANGELOG.md"), "utf8");
    expect(changelog).toMatch(/^## 1\.1\.0\n\n### Minor Changes\n\n- Spec changes since v1\.0\.0/m);
    expect(changelog).toContain(
      "- **feature** POST /v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Participants: added request body Note",
    );
    expect((await repo.specChanges()).stdout).toContain("package.json 1.1.0: OK (v1.0.0 was 1.0.0; needs ≥ 1.1.0).");
  });
});
