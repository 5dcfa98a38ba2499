// The section the docs page opens with: what a reader can do with the package, how to install it
// and make a call, and a link to each operation. scripts/docs.mjs puts it at the top of the
// rendered copy's `info.description`.
import { clientLines } from "./code-samples.mjs";

/**
 * Markdown for `calls` (from sample-inputs.mjs): install, the client, one link per operation (with
 * `addParticipant` beside the operation `addParticipantFor` names, when the package has it).
 */
export function introMarkdown(packageName, calls, doc, addParticipantFor = null) {
  return [
    "## Install and call",
    "",
    "```sh",
    `npm install ${packageName}`,
    "```",
    "",
    "```ts",
    ...clientLines(packageName).slice(1),
    "```",
    "",
    "With your credentials in the environment (`TWILIO_ACCOUNT_SID` and `TWILIO_AUTH_TOKEN`, or",
    "`TWILIO_API_KEY` and `TWILIO_API_SECRET`), `client` can:",
    "",
    ...calls.map(
      (c) =>
        `- [${c.summary}](#${anchor(doc, c)}): \`client.${c.methodName}(…)\`` +
        (c.operationId === addParticipantFor
          ? ", or `client.addParticipant(…)`, which adds the participant exactly once, even when an answer is lost"
          : ""),
    ),
    "",
    "Each operation's request samples are ready to copy and run: put your own SIDs in place of the",
    "example ones (`IS0123…`), and leave out the fields marked optional that you don't need.",
    "",
  ].join("\n");
}

/** Redoc 3's route to an operation: `/<tag>/<operationId>`, each slugged (lower case, dashes). */
function anchor(doc, call) {
  const [tag] = doc.paths[call.path][call.method.toLowerCase()].tags ?? [];
  const slug = (text) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
  return `/${tag ? `${slug(tag)}/` : ""}${slug(call.operationId)}`;
}
