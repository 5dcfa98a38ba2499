#!/usr/bin/env node
// `npm run spec:changes [-- --base REF] [--fail-on breaking|feature|fix] [--changeset]`: what changed in
// spec/openapi.yaml since REF (default: the newest `v*` tag reachable from HEAD, else HEAD), each change
// rated for a consumer of the typed client, then the semver bump it needs and whether package.json's
// version has it. `--changeset` writes .changeset/spec-changes.md for Changesets (CHANGELOG.md, version).
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import semver from "semver";
import { LEVELS, specChanges, summarize } from "./lib/spec-diff.mjs";
import { specAtBase } from "./lib/spec-base.mjs";

const PACKAGE = "twilio-conversations-participants";
const MARK = { breaking: "✖", feature: "+", fix: "·" };
const { values: args } = parseArgs({
  options: {
    spec: { type: "string", default: "spec/openapi.yaml" },
    base: { type: "string" },
    "fail-on": { type: "string" },
    changeset: { type: "boolean", default: false },
  },
});
const failOn = args["fail-on"];
if (failOn !== undefined && !LEVELS.includes(failOn)) {
  console.error(`--fail-on takes ${LEVELS.join(", ")}; got ${failOn}`);
  process.exit(2);
}

/**
 * The bump as npm's caret ranges see it: below 1.0.0 the minor is the breaking position, so a
 * breaking change needs 0.(x+1).0 and a feature 0.x.(y+1) (Changesets would take "major" to 1.0.0).
 */
function releaseType(bump, baseVersion) {
  if (!baseVersion || semver.major(baseVersion) > 0) return bump;
  return { major: "minor", minor: "patch", patch: "patch" }[bump];
}

function verdict({ baseVersion, currentVersion, ref }, bump) {
  if (bump === "none")
    return `package.json ${currentVersion ?? "(none)"}: no contract change since ${ref}, no bump needed.`;
  if (!semver.valid(baseVersion) || !semver.valid(currentVersion)) {
    return `package.json ${currentVersion ?? "(none)"}: no version at ${ref} to compare with; release as at least a ${bump}.`;
  }
  const needed = semver.inc(baseVersion, releaseType(bump, baseVersion));
  if (semver.gte(currentVersion, needed))
    return `package.json ${currentVersion}: OK (${ref} was ${baseVersion}; needs ≥ ${needed}).`;
  return (
    `package.json ${currentVersion}: too low — ${ref} was ${baseVersion}, these changes need ≥ ${needed} ` +
    "(`npm run release:version` applies the pending changesets)."
  );
}

try {
  const specPath = resolve(args.spec);
  const base = await specAtBase(specPath, args.base);
  const changes = await specChanges(base.text, specPath);
  const summary = summarize(changes);
  console.log(`${base.path}: ${base.ref} → working tree, ${changes.length} change(s)`);
  for (const level of LEVELS) {
    const these = changes.filter((c) => c.level === level);
    if (!these.length) continue;
    console.log(`\n${level} (${these.length})`);
    for (const where of new Set(these.map((c) => c.where))) {
      console.log(
        `  ${where}\n${these
          .filter((c) => c.where === where)
          .map((c) => `    ${MARK[level]} ${c.what}`)
          .join("\n")}`,
      );
    }
  }
  console.log(
    `\nBump required: ${summary.bump} (${summary.text.replace(/ → .*/, "")}).\n${verdict(base, summary.bump)}`,
  );
  if (args.changeset && summary.bump !== "none") {
    const file = join(base.root, ".changeset/spec-changes.md");
    await mkdir(join(base.root, ".changeset"), { recursive: true });
    const lines = changes.map((c) => `- **${c.level}** ${c.where}: ${c.what.replaceAll("`", "'")}`);
    await writeFile(
      file,
      `---\n"${PACKAGE}": ${releaseType(summary.bump, base.baseVersion)}\n---\n\n` +
        `Spec changes since ${base.ref} (\`npm run spec:changes\`):\n\n${lines.join("\n")}\n`,
    );
    console.log(`Wrote ${file}.`);
  }
  const failing = changes.filter((c) => failOn && LEVELS.indexOf(c.level) <= LEVELS.indexOf(failOn));
  if (failing.length) {
    console.error(`--fail-on ${failOn}: ${failing.length} change(s) rated ${failOn} or worse.`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
}
