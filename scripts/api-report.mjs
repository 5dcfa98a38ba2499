#!/usr/bin/env node
// `npm run api:report`: the package's public TypeScript API, one API Extractor report per entry of
// package.json `exports` (`.`, `./testing`), written to api/. `--check` (`npm run api:check`) writes
// nothing and fails, printing the difference, when a committed report no longer matches the source.
//
// Each report is made from the declarations users get: tsc emits them (declarations only, as
// `npm run build` does for dist/esm) and API Extractor reads each entry's `import.types` file.
import { spawnSync } from "node:child_process";
import { access, mkdir, readdir, readFile, rm } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { CompilerState, Extractor, ExtractorConfig, ExtractorLogLevel } from "@microsoft/api-extractor";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({
  options: {
    check: { type: "boolean", default: false },
    "report-folder": { type: "string", default: join(root, "api") },
  },
});
const reportFolder = resolve(args["report-folder"]);
const manifest = JSON.parse(await readFile(join(root, "package.json"), "utf8"));

/** `.` → `twilio-conversations-participants.api.md`, `./testing` → `twilio-conversations-participants-testing.api.md`. */
function entries(declarations) {
  return Object.entries(manifest.exports)
    .filter(([, target]) => typeof target === "object" && target.import?.types)
    .map(([subpath, target]) => ({
      subpath,
      types: join(declarations, relative("dist/esm", target.import.types)),
      report: `${[manifest.name, ...subpath.split("/").slice(1)].join("-")}.api.md`,
    }));
}

function configFor(entry, temp) {
  const configObject = {
    projectFolder: root,
    mainEntryPointFilePath: entry.types,
    compiler: {
      overrideTsconfig: {
        compilerOptions: { strict: true, skipLibCheck: true, types: ["node"], lib: ["ES2022", "DOM"] },
      },
    },
    apiReport: {
      enabled: true,
      reportFileName: entry.report,
      reportFolder,
      reportTempFolder: temp,
      includeForgottenExports: true,
    },
    docModel: { enabled: false },
    dtsRollup: { enabled: false },
    tsdocMetadata: { enabled: false },
    // Findings (an exported type that names an unexported one, a missing release tag) are kept in
    // the report, where a reviewer sees them, rather than printed on every run.
    messages: {
      compilerMessageReporting: { default: { logLevel: "warning" } },
      extractorMessageReporting: {
        default: { logLevel: "none", addToApiReportFile: true },
        // Every export is public (no release tags), and "(undocumented)" markers already show in the report.
        "ae-missing-release-tag": { logLevel: "none", addToApiReportFile: false },
        "ae-undocumented": { logLevel: "none", addToApiReportFile: false },
      },
      tsdocMessageReporting: { default: { logLevel: "none", addToApiReportFile: false } },
    },
  };
  return ExtractorConfig.prepare({
    configObject,
    configObjectFullPath: undefined,
    packageJsonFullPath: join(root, "package.json"),
  });
}

/** The committed report against the fresh one, as git prints a diff. */
async function difference(committed, fresh) {
  if (
    !(await access(committed).then(
      () => true,
      () => false,
    ))
  )
    return "(no committed report: a new entry point)";
  const diff = spawnSync("git", ["diff", "--no-index", "--no-color", "--", committed, fresh], { encoding: "utf8" });
  return diff.stdout
    .split("\n")
    .filter((line) => !/^(diff --git|index |--- |\+\+\+ )/.test(line))
    .join("\n")
    .trim();
}

// A fixed folder inside the repo: the .d.ts files import openapi-fetch from node_modules, and a path
// that varied from run to run would show in the report's warnings.
const work = join(root, "build/api-report");
const quiet = new Set([
  "console-preamble",
  "console-api-report-changed",
  "console-api-report-copied",
  "console-api-report-created",
]);
try {
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  const tsc = spawnSync(
    process.execPath,
    [
      join(root, "node_modules/typescript/bin/tsc"),
      "-p",
      join(root, "tsconfig.build.json"),
      "--emitDeclarationOnly",
      "--outDir",
      join(work, "dts"),
    ],
    { cwd: root, encoding: "utf8" },
  );
  if (tsc.status !== 0) throw new Error(`tsc failed:\n${tsc.stdout}${tsc.stderr}`);
  const all = entries(join(work, "dts"));
  const configs = all.map((entry) => configFor(entry, join(work, "reports")));
  // One TypeScript program serves every entry.
  const compilerState = CompilerState.create(configs[0], { additionalEntryPoints: all.map((e) => e.types) });
  const stale = [];
  for (const [i, entry] of all.entries()) {
    const result = Extractor.invoke(configs[i], {
      localBuild: !args.check,
      compilerState,
      // The report notices are this script's to word; the rest keeps API Extractor's.
      messageCallback: (message) => {
        if (quiet.has(message.messageId)) message.logLevel = ExtractorLogLevel.None;
      },
    });
    if (!result.succeeded && !result.apiReportChanged) throw new Error(`API Extractor failed on ${entry.subpath}`);
    const committed = join(reportFolder, entry.report);
    if (result.apiReportChanged) {
      if (args.check)
        stale.push(
          `api/${entry.report} (${entry.subpath}) is stale:\n${await difference(committed, join(work, "reports", entry.report))}`,
        );
      else console.log(`api/${entry.report}: updated (${entry.subpath})`);
    } else {
      console.log(`api/${entry.report}: unchanged (${entry.subpath})`);
    }
  }
  const reports = new Set(all.map((e) => e.report));
  for (const name of await readdir(reportFolder).catch(() => [])) {
    if (name.endsWith(".api.md") && !reports.has(name))
      stale.push(`api/${name}: no entry point of package.json \`exports\` has this report; delete it`);
  }
  if (stale.length) {
    console.error(
      `${stale.join("\n\n")}\n\nThe public API changed: review it, then run \`npm run api:report\` and commit api/.`,
    );
    process.exitCode = 1;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await rm(work, { recursive: true, force: true });
}
