#!/usr/bin/env node
// `npm run docs`: spec/openapi.yaml → one self-contained HTML page (build/docs/index.html).
// Redoc renders a copy of the spec that opens with how to install and call the package
// (lib/docs-intro) and holds request samples for every operation (lib/code-samples: TypeScript with
// this client, and curl) as `x-codeSamples`; the spec itself is never edited. Redoc's bundle is
// inlined (--inlineBundle) so the page opens offline; telemetry is off. This is the step
// `npm run generate` ends with, plus three fixes `--inlineBundle` alone leaves out:
//  - Redoc's sidebar credit still loads its logo from Redocly's CDN: swap in an inline SVG;
//  - a Content-Security-Policy <meta> so the page cannot load anything from anywhere, whatever a
//    future Redoc adds (test/docs/ fails on any blocked attempt, so it won't go unnoticed);
//  - code blocks wrap instead of scrolling sideways, so no sample is cut off in a narrow panel, and
//    the samples' column is widened only where Redoc shows it beside the text (1280 px and up).
// The heading shows package.json's version, the one a reader installs.
//   node scripts/docs.mjs [--spec FILE] [--output FILE]
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { parse, stringify } from "yaml";
import { addCodeSamples, sampleLanguages } from "./lib/code-samples.mjs";
import { introMarkdown } from "./lib/docs-intro.mjs";
import { packageFacts } from "./lib/package-facts.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({
  options: {
    spec: { type: "string", default: join(root, "spec/openapi.yaml") },
    output: { type: "string", default: join(root, "build/docs/index.html") },
  },
});
const output = resolve(args.output);
mkdirSync(dirname(output), { recursive: true });

const started = performance.now();
// The copy Redoc renders: the spec (local $refs only, as the generator requires) plus the samples.
const doc = parse(readFileSync(resolve(args.spec), "utf8"));
const facts = packageFacts(root);
const calls = addCodeSamples(doc, facts);
doc.info.description = `${introMarkdown(facts.packageName, calls, doc, facts.addParticipantFor)}\n${doc.info.description ?? ""}`;
// The heading's version is the one a reader installs (the spec's own stays in spec/openapi.yaml).
doc.info.version = facts.version;
const work = mkdtempSync(join(tmpdir(), "tcp-docs-"));
const rendered = join(work, "openapi.yaml");
writeFileSync(rendered, stringify(doc, { lineWidth: 0 }));
// The project's Redocly config, plus which sample tabs Redoc shows (and no raw payload tab). Here,
// not as --openapi.* flags: any such flag replaces the config's whole `openapi` block.
const config = parse(readFileSync(join(root, "redocly.yaml"), "utf8"));
config.openapi = { ...config.openapi, disableTelemetry: true, codeSamples: { languages: sampleLanguages(doc) } };
writeFileSync(join(work, "redocly.yaml"), stringify(config));
const result = spawnSync(
  join(root, "node_modules/.bin/redocly"),
  ["build-docs", rendered, "--config", join(work, "redocly.yaml"), "--output", output, "--inlineBundle"],
  { cwd: root, encoding: "utf8", env: { ...process.env, REDOCLY_TELEMETRY: "off", NO_UPDATE_NOTIFIER: "1" } },
);
rmSync(work, { recursive: true, force: true });
if (result.status !== 0) {
  console.error(
    `redocly build-docs failed (exit ${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`,
  );
  process.exit(1);
}
// Inline only: scripts and styles are in the page, images and fonts are data: URIs. No eval
// either: Redoc's search then runs on the page instead of in a Worker, which is fine at this size.
const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:";
const CDN_LOGO = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;
// Keeps the "API docs by Redocly" credit readable, as text in an inline SVG.
const LOGO =
  "data:image/svg+xml," +
  encodeURIComponent(
    "<svg xmlns='http://www.w3.org/2000/svg' width='64' height='16'><text x='0' y='13' font-family='sans-serif' " +
      "font-size='13' fill='#666'>Redocly</text></svg>",
  );

let html = readFileSync(output, "utf8").replace(CDN_LOGO, LOGO);
if (!/<head>/.test(html)) fail("no <head> in Redoc's output");
// Redoc's code blocks scroll sideways, cutting samples off. Wrapped instead, with a hanging indent
// so a continued line reads as one; and in an operation shown as two columns the samples' column
// gets more of the width (the row whose Panel holds a code block, by Redoc's data-component-name:
// if Redoc renames them, only the widths are lost). Redoc sets such a row side by side from
// REDOC_COLUMNS_FROM up and stacks the samples under the text below it, where widths of the row
// would squeeze both (a 158 px sample at 400 px): so only there. test/docs/layout.test.ts measures
// the page at 400, 768 and 1280 px.
const REDOC_COLUMNS_FROM = "1280px";
const COLUMNS =
  "[data-component-name='Layout/ThreePanelLayout'] " +
  "div:has(> div > [data-component-name='Panel/Panel'] [data-component-name='CodeBlock/CodeBlock'])";
const STYLE = [
  "pre, pre code { white-space: pre-wrap !important; overflow-wrap: anywhere; }",
  "pre code .th-line { display: inline-block; width: 100%; padding-left: 4ch; text-indent: -4ch; }",
  `@media screen and (min-width: ${REDOC_COLUMNS_FROM}) {`,
  `  ${COLUMNS} > :first-child { width: 44%; }`,
  `  ${COLUMNS} > :last-child { width: 56%; padding-right: 32px; }`,
  "}",
  // Redoc's 36 px headings split words ("Conversati-ons") in a phone's 232 px beside the Copy button.
  "@media screen and (max-width: 599px) { main h1 { font-size: 26px !important; } }",
].join("\n");
html = html.replace(
  "<head>",
  `<head>\n  <meta http-equiv="Content-Security-Policy" content="${CSP}">\n  <style>\n${STYLE}\n  </style>`,
);
// Anything still pointing at a network location in markup, or at Redocly's CDN anywhere, is a bug.
const leftover = [
  ...html.matchAll(
    /<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\/[^>]*>|cdn\.redoc\.ly[^`"' ]*/gi,
  ),
].map((m) => m[0].slice(0, 160));
if (leftover.length) fail(`the page still references the network:\n  ${leftover.join("\n  ")}`);
writeFileSync(output, html);

function fail(message) {
  console.error(`docs: ${message}`);
  process.exit(1);
}

const kib = (statSync(output).size / 1024).toFixed(0);
console.log(
  `✔ docs → ${relative(process.cwd(), output) || output} (${kib} KiB, ${(performance.now() - started).toFixed(0)} ms)`,
);
