// What the docs' samples may use of the package, read from what it declares rather than assumed:
// its name and version, and its command (package.json's `bin`), and whether its client has `addParticipant` (the
// committed public API report, api/, which `npm run api:check` keeps current), with the operation
// whose input it takes.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export function packageFacts(root) {
  const { name, version, bin } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const reportPath = join(root, "api", `${name}.api.md`);
  const report = existsSync(reportPath) ? readFileSync(reportPath, "utf8") : "";
  // `bin` is one path (the command is the package's name) or a map of command → path.
  const command = typeof bin === "string" ? name : (Object.keys(bin ?? {})[0] ?? null);
  return { packageName: name, version, addParticipantFor: addParticipantInput(report), command };
}

/** `CreateServiceConversationParticipant` when the report declares `addParticipant(input: …Input)`. */
export function addParticipantInput(report) {
  if (!/\baddParticipant\b/.test(report)) return null;
  const declared =
    /type AddParticipant\b[^;]*?\(\s*input: (\w+)Input\b/.exec(report) ??
    /\baddParticipant\(\s*input: (\w+)Input\b/.exec(report);
  if (!declared) {
    const form = "(input: <OperationId>Input)";
    throw new Error(`api/ declares addParticipant, but not as ${form}: teach ${import.meta.url} its form`);
  }
  return declared[1];
}
