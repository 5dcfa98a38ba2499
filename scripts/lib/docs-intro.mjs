// The section the docs page opens with: how to install the package and make a call, and a link to
// each operation. scripts/docs.mjs puts it at the top of the rendered copy's `info.description`.
import { clientLines } from "./code-samples.mjs";

/** Markdown for `calls` (from sample-inputs.mjs): install, the client, one link per operation. */
export function introMarkdown(packageName, calls, doc) {
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
    "Each operation is a method of `client`, named after its `operationId`. Its request samples show",
    "the call with this spec's examples, and the same request with curl:",
    "",
    ...calls.map((c) => `- [${c.summary}](#${anchor(doc, c)}): \`client.${c.methodName}(…)\``),
    "",
  ].join("\n");
}

/** Redoc 3's route to an operation: `/<tag>/<operationId>`, each slugged (lower case, dashes). */
function anchor(doc, call) {
  const [tag] = doc.paths[call.path][call.method.toLowerCase()].tags ?? [];
  const slug = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return `/${tag ? `${slug(tag)}/` : ""}${slug(call.operationId)}`;
}
