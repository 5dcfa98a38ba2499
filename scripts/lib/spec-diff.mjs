// The contract changes between two versions of the spec, each rated for a consumer of the typed
// client: breaking, feature or fix. Redocly's `diff` (pinned in package.json: it is experimental)
// finds and rates the changes; the rules below adjust only what it rates otherwise for this client,
// and add the example edits it does not report.
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { parse } from "yaml";
import { resolveRef } from "./load-spec.mjs";

const root = resolve(import.meta.dirname, "../..");
const LEVEL = { major: "breaking", minor: "feature", patch: "fix" };
export const LEVELS = ["breaking", "feature", "fix"];
/** Keywords whose non-breaking change in a request can only let more input through. */
const REQUEST_LIMITS = new Set([
  "type",
  "enum",
  "pattern",
  "format",
  "maxLength",
  "minLength",
  "maximum",
  "minimum",
  "exclusiveMaximum",
  "exclusiveMinimum",
  "maxItems",
  "minItems",
  "multipleOf",
  "const",
]);

/**
 * @param {string} baseText the spec at the base revision
 * @param {string} revisionPath the spec file as it is now
 * @returns {Promise<{ level: "breaking" | "feature" | "fix", where: string, what: string }[]>}
 */
export async function specChanges(baseText, revisionPath) {
  const dir = await mkdtemp(join(tmpdir(), "spec-changes-"));
  try {
    await writeFile(join(dir, "base.yaml"), baseText);
    runRedoclyDiff(join(dir, "base.yaml"), resolve(revisionPath), join(dir, "diff.json"), dir);
    const found = JSON.parse(await readFile(join(dir, "diff.json"), "utf8")).changes;
    const [base, revision] = [parse(baseText), parse(await readFile(revisionPath, "utf8"))];
    const changes = found.map((change) => rate(change, change.kind === "removed" ? base : revision));
    const reported = found.flatMap((c) => [c.path, c.base?.pointer, c.revision?.pointer]).filter(Boolean);
    changes.push(...exampleChanges(base, revision, reported));
    if (changes.length === 0 && !isDeepStrictEqual(base, revision)) {
      changes.push({
        level: "fix",
        where: "spec",
        what: "changed in a way Redocly's diff does not rate (no contract change found)",
      });
    }
    return changes.sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function runRedoclyDiff(basePath, revisionPath, outPath, cwd) {
  const argv = [
    "diff",
    basePath,
    revisionPath,
    "--format",
    "json",
    "--fail-on",
    "none",
    "--lint-config",
    "off",
    "-o",
    outPath,
  ];
  const env = { ...process.env, REDOCLY_TELEMETRY: "off", NO_UPDATE_NOTIFIER: "1" };
  const result = spawnSync(join(root, "node_modules/.bin/redocly"), argv, { cwd, env, encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(
      `redocly diff failed:\n${`${result.stdout}\n${result.stderr}`.replace(/^.*[║╔╚].*\n?/gm, "").trim()}`,
    );
  }
}

/** One of Redocly's changes, as { level, where, what }, after this client's own rules. */
function rate(change, doc) {
  const { where, within } = locate(change.path);
  const own = ownRule(change, within);
  const what = [
    `${change.kind} ${describe(change, within, doc)}`,
    ...change.verdicts.map((v) => `${v.message} (${v.ruleId})`),
    own?.why,
  ];
  return { level: own?.level ?? LEVEL[change.impact], where, what: what.filter(Boolean).join(" — ") };
}

/** `request body Identity · maxLength: 256 → 512`, `response 201 messaging_binding.type · enum`, a new path's operations. */
function describe({ path, kind, property, base, revision, verdicts }, within, doc) {
  if (!within && (kind === "added" || kind === "removed")) {
    const value = (kind === "added" ? revision : base)?.value ?? {};
    if (typeof value.responses === "object") return `operation ${value.operationId ?? ""}`.trim();
    return `path with ${Object.entries(value)
      .map(([m, op]) => `${m.toUpperCase()} ${op?.operationId ?? ""}`.trim())
      .join(", ")}`;
  }
  // An element of a top-level list (a tag, a server) by its name, not its index.
  const element = /^\d+$/.test(within) && (kind === "added" ? revision : base)?.value;
  if (typeof (element?.name ?? element?.url) === "string") return JSON.stringify(element.name ?? element.url);
  const subject = within
    .replace(/^requestBody\/content\/.+?\/schema/, "request body")
    .replace(/^responses\/(\w+)\/content\/.+?\/schema/, "response $1")
    .replace(/\/properties\//, " ")
    .replaceAll("/properties/", ".")
    .replace(/^parameters\/(\d+)(\/schema)?/, (_, i) => {
      const parameter = resolveRef(doc, at(doc, path.replace(/\/parameters\/\d+.*$/, `/parameters/${i}`)));
      return parameter ? `${parameter.in} parameter ${parameter.name}` : `parameter ${i}`;
    });
  const shown = (v) => {
    const text = v === undefined ? "(none)" : JSON.stringify(v);
    return text.length > 72 ? `${text.slice(0, 70)}…` : text;
  };
  // Redocly's own message (a verdict) already names both values.
  const values = kind === "modified" && !verdicts.length ? `: ${shown(base?.value)} → ${shown(revision?.value)}` : "";
  return [subject, property].filter(Boolean).join(" · ") + values;
}

/**
 * What Redocly rates otherwise than a user of this client must: a request (or server variable) that
 * accepts more is a feature, not a fix; a response enum that loses a value narrows a union type the
 * consumer's `case` labels must match, so it no longer compiles.
 */
function ownRule(change, within) {
  if (change.kind !== "modified" || change.verdicts.length > 0 || change.impact !== "patch") return null;
  const input = /^(parameters|requestBody)\//.test(within) || change.path.startsWith("#/servers/");
  const output = within.startsWith("responses/");
  if (input && REQUEST_LIMITS.has(change.property)) {
    return { level: "feature", why: "accepts input it used to reject" };
  }
  if (output && change.property === "enum") {
    const lost = (change.base?.value ?? []).filter(
      (v) => !(change.revision?.value ?? []).some((w) => isDeepStrictEqual(v, w)),
    );
    if (lost.length)
      return {
        level: "breaking",
        why: `enum lost ${lost.map((v) => JSON.stringify(v)).join(", ")}: a consumer's \`case\` for it stops compiling`,
      };
  }
  return null;
}

/** The node at a JSON pointer, or undefined. */
function at(doc, pointer) {
  return pointer
    .replace(/^#\//, "")
    .split("/")
    .map(decodePart)
    .reduce((node, key) => node?.[key], doc);
}

/** "POST /v1/…" and the rest of the path below the operation, from Redocly's JSON pointer. */
function locate(pointer) {
  const parts = pointer.replace(/^#\//, "").split("/").map(decodePart);
  if (parts[0] !== "paths") return { where: parts[0] ?? "spec", within: parts.slice(1).join("/") };
  const method = parts[2];
  return method
    ? { where: `${method.toUpperCase()} ${parts[1]}`, within: parts.slice(3).join("/") }
    : { where: parts[1], within: "" };
}

/**
 * Redocly's diff skips most `example`/`examples` edits; docs and users copy them, so they are fixes.
 * An example inside something Redocly already reported (a response that went away) is not repeated.
 */
function exampleChanges(base, revision, reported) {
  const [before, after] = [examplesOf(base), examplesOf(revision)];
  const changes = [];
  for (const pointer of new Set([...before.keys(), ...after.keys()])) {
    if (isDeepStrictEqual(before.get(pointer), after.get(pointer))) continue;
    if (reported.some((r) => pointer === r || pointer.startsWith(`${r}/`))) continue;
    const kind = !before.has(pointer) ? "added" : !after.has(pointer) ? "removed" : "modified";
    const { where, within } = locate(pointer);
    changes.push({ level: "fix", where, what: `example ${kind}: ${within}` });
  }
  return changes;
}

function decodePart(part) {
  return part.replaceAll("~1", "/").replaceAll("~0", "~");
}

/** Every `example`/`examples` value by JSON pointer (a property *named* example is not one). */
function examplesOf(node, pointer = "#", found = new Map(), parentKey = "") {
  if (!node || typeof node !== "object") return found;
  for (const [key, value] of Object.entries(node)) {
    const here = `${pointer}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`;
    if ((key === "example" || key === "examples") && parentKey !== "properties") found.set(here, value);
    else examplesOf(value, here, found, key);
  }
  return found;
}

/** How many changes of each level, and the semver bump they require ("none" when there are none). */
export function summarize(changes) {
  const counts = Object.fromEntries(LEVELS.map((level) => [level, changes.filter((c) => c.level === level).length]));
  const bump = counts.breaking ? "major" : counts.feature ? "minor" : counts.fix ? "patch" : "none";
  return { counts, bump, text: `${LEVELS.map((l) => `${counts[l]} ${l}`).join(", ")} → ${bump}` };
}
