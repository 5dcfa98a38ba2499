#!/usr/bin/env node
// `npm run docs`: spec/openapi.yaml → one self-contained HTML page (build/docs/index.html).
// Redoc's bundle is inlined (--inlineBundle) so the page opens offline; telemetry is off. This is
// the step `npm run generate` ends with, plus two fixes `--inlineBundle` alone leaves out:
//  - Redoc's sidebar credit still loads its logo from Redocly's CDN: swap in an inline SVG;
//  - a Content-Security-Policy <meta> so the page cannot load anything from anywhere, whatever a
//    future Redoc adds (test/docs/ fails on any blocked attempt, so it won't go unnoticed).
//   node scripts/docs.mjs [--spec FILE] [--output FILE]
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

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
const result = spawnSync(
  join(root, "node_modules/.bin/redocly"),
  ["build-docs", resolve(args.spec), "--config", join(root, "redocly.yaml"), "--output", output,
    "--inlineBundle", "--openapi.disableTelemetry=true"],
  { cwd: root, encoding: "utf8", env: { ...process.env, REDOCLY_TELEMETRY: "off", NO_UPDATE_NOTIFIER: "1" } },
);
if (result.status !== 0) {
  console.error(`redocly build-docs failed (exit ${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  process.exit(1);
}
// Inline only: scripts and styles are in the page, images and fonts are data: URIs. No eval
// either: Redoc's search then runs on the page instead of in a Worker, which is fine at this size.
const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:";
const CDN_LOGO = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;
// Keeps the "API docs by Redocly" credit readable, as text in an inline SVG.
const LOGO = "data:image/svg+xml," + encodeURIComponent(
  "<svg xmlns='http://www.w3.org/2000/svg' width='64' height='16'><text x='0' y='13' font-family='sans-serif' " +
  "font-size='13' fill='#666'>Redocly</text></svg>");

let html = readFileSync(output, "utf8").replace(CDN_LOGO, LOGO);
if (!/<head>/.test(html)) fail("no <head> in Redoc's output");
html = html.replace("<head>", `<head>\n  <meta http-equiv="Content-Security-Policy" content="${CSP}">`);
// Anything still pointing at a network location in markup, or at Redocly's CDN anywhere, is a bug.
const leftover = [...html.matchAll(/<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\/[^>]*>|cdn\.redoc\.ly[^`"' ]*/gi)]
  .map((m) => m[0].slice(0, 160));
if (leftover.length) fail(`the page still references the network:\n  ${leftover.join("\n  ")}`);
writeFileSync(output, html);

function fail(message) {
  console.error(`docs: ${message}`);
  process.exit(1);
}

const kib = (statSync(output).size / 1024).toFixed(0);
console.log(`✔ docs → ${relative(process.cwd(), output) || output} (${kib} KiB, ${(performance.now() - started).toFixed(0)} ms)`);
