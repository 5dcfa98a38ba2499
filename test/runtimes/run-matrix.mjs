#!/usr/bin/env node
// Cross-runtime matrix: install the PACKED npm tarball into a throwaway project and prove the
// same participant create (test/runtimes/smoke.mjs) succeeds on Node 20/22/24, Bun, Deno,
// workerd (Miniflare) and headless Chromium; then that minified bundles (Node, workerd, Chromium,
// built as users build them) give the right outcomes (test/runtimes/outcomes.mjs). Every run gets
// its own fake Twilio server on 127.0.0.1.
//
//   node test/runtimes/run-matrix.mjs --tarball path/to/pkg.tgz [--only node20,deno] [--keep] [--out file.md] [--timeout ms]
//
// Needs scripts/install-runtimes.sh to have run (toolchain + /usr/bin/chromium). Exit codes:
// 0 all passed, 1 a runtime failed or could not run (the table says why), 2 setup/usage error.
// Internal: `--worker-child <dir>` is this same file re-run under Node 22 to drive Miniflare.
import { spawn, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  copyFileSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { BUILDS, entrySource, OUTCOMES, SMOKE } from "./builds.mjs";
import { CHROMIUM, CHROMIUM_ARGS } from "../helpers/chromium.mjs";

// ---- Adapt here: how the package's fake server is configured and where it listens. ----------
function fakeServerOptions(ids) {
  return {
    accountSid: ids.accountSid,
    authToken: ids.authToken,
    services: { [ids.chatServiceSid]: [ids.conversationSid] },
  };
}
function fakeServerBaseUrl(server) {
  return server.baseUrl ?? server.url; // contract says baseUrl; accept url too
}
// ----------------------------------------------------------------------------------------------

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "../..");
const TOOLCHAIN = path.join(HERE, "toolchain");
const TC = (...p) => path.join(TOOLCHAIN, "node_modules", ...p);
const ESBUILD = path.join(REPO, "node_modules", ".bin", "esbuild");
const PKG = "twilio-conversations-participants";
const MAX_RUNTIME_TIMEOUT_MS = 60_000; // hard cap per runtime, including bundling/launch
let RUNTIME_TIMEOUT_MS = MAX_RUNTIME_TIMEOUT_MS; // --timeout may lower it
const VERSION_TIMEOUT_MS = 15_000;
const INSTALL_TIMEOUT_MS = 180_000;
const COMPAT_DATE = "2025-09-01"; // fixed workerd compatibility date; no nodejs_compat on purpose

const NODE22 = TC("node22", "bin", "node");
const NODE24 = TC("node24", "bin", "node");
// bun/deno postinstalls hard-link the binary into the wrapper package; fall back to the platform
// package in case install scripts were skipped (e.g. --ignore-scripts).
const BUN = [TC("bun", "bin", "bun.exe"), TC("@oven", "bun-linux-x64", "bin", "bun")];
const DENO = [TC("deno", "deno"), TC("@deno", "linux-x64-glibc", "deno")];
const WORKERD = [TC("workerd", "bin", "workerd"), TC("@cloudflare", "workerd-linux-64", "bin", "workerd")];

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.error) {
    console.error(
      `run-matrix: ${args.error}\nusage: node test/runtimes/run-matrix.mjs --tarball path/to/pkg.tgz [--only a,b] [--keep] [--out file.md] [--timeout ms]`,
    );
    return 2;
  }
  const runtimes = RUNTIMES.filter((r) => !args.only || args.only.includes(r.id));
  if (args.only) {
    const unknown = args.only.filter((id) => !RUNTIMES.some((r) => r.id === id));
    if (unknown.length) {
      console.error(
        `run-matrix: unknown runtime(s) ${unknown.join(", ")}; known: ${RUNTIMES.map((r) => r.id).join(", ")}`,
      );
      return 2;
    }
    const left = RUNTIMES.filter((r) => !args.only.includes(r.id)).map((r) => r.id);
    if (left.length) console.log(`run-matrix: --only given, NOT running: ${left.join(", ")}`);
  }

  // realpath: Node compares argv[1] to the module's real path when deciding "entry script".
  const work = realpathSync(mkdtempSync(path.join(os.tmpdir(), "runtime-matrix-")));
  console.log(`run-matrix: work dir ${work}`);
  try {
    installTarball(work, args.tarball);
    for (const file of ["smoke.mjs", "outcomes.mjs"]) copyFileSync(path.join(HERE, file), path.join(work, file));

    // Import /testing the way a consumer would: from a module inside the temp project.
    writeFileSync(path.join(work, "load-testing.mjs"), `export * from "${PKG}/testing";\n`);
    const { startFakeConversations } = await import(pathToFileURL(path.join(work, "load-testing.mjs")).href);
    if (typeof startFakeConversations !== "function")
      throw new Error(`${PKG}/testing does not export startFakeConversations`);
    const plan = await import(pathToFileURL(path.join(work, "outcomes.mjs")).href);
    const fakes = [];
    // Each run starts its own fake (a browser run first needs its page's origin, for CORS).
    const startFake = async (extra = {}) => {
      const ids = makeIds();
      const starting = startFakeConversations({ ...fakeServerOptions(ids), ...extra });
      const fake = await withTimeout(starting, 15_000, "startFakeConversations");
      fakes.push(fake);
      const baseUrl = fakeServerBaseUrl(fake);
      assertLoopback(baseUrl, "fake server");
      const config = {
        baseUrl,
        accountSid: ids.accountSid,
        authToken: ids.authToken,
        chatServiceSid: ids.chatServiceSid,
        conversationSid: ids.conversationSid,
        identity: "alice",
      };
      return { fake, config };
    };

    const rows = [];
    for (const rt of runtimes) {
      process.stdout.write(`--- ${rt.label} ... `);
      const started = Date.now();
      let row;
      try {
        // Steps inside get what is left of the budget (minus 1 s to report); withTimeout is the backstop.
        const left = () => Math.max(1_000, started + RUNTIME_TIMEOUT_MS - 1_000 - Date.now());
        row = await withTimeout(rt.run({ work, startFake, plan, left }), RUNTIME_TIMEOUT_MS, rt.label);
      } catch (err) {
        row = { version: "?", ok: false, detail: errText(err) };
      } finally {
        await closeFakes(fakes.splice(0));
      }
      row = { runtime: rt.label, ms: Date.now() - started, ...row };
      rows.push(row);
      const passed = `OK ${row.sid}${row.note ?? ""} (${row.ms} ms)`;
      console.log(row.ok ? passed : `FAIL (${row.ms} ms)\n${indent(row.detail)}`);
    }
    report(rows, args);
    return rows.every((r) => r.ok) ? 0 : 1;
  } catch (err) {
    console.error(`\nrun-matrix: setup failed: ${errText(err)}`);
    return 2;
  } finally {
    if (args.keep) console.log(`run-matrix: kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

// ---- the runtimes ---------------------------------------------------------------------------
// Each run() resolves { version, ok, sid?, note?, detail? }; a runtime that can't run here resolves
// ok:false with the exact reason instead of being skipped.
const RUNTIMES = [
  { id: "node20", label: "Node 20 (system)", run: (ctx) => cliRuntime(ctx, process.execPath, () => [], ["-v"]) },
  { id: "node22", label: "Node 22", run: (ctx) => cliRuntime(ctx, NODE22, () => [], ["-v"]) },
  { id: "node24", label: "Node 24", run: (ctx) => cliRuntime(ctx, NODE24, () => [], ["-v"]) },
  { id: "bun", label: "Bun", run: (ctx) => cliRuntime(ctx, firstExisting(BUN), () => ["--no-install"], ["--version"]) },
  { id: "deno", label: "Deno", run: (ctx) => cliRuntime(ctx, firstExisting(DENO), denoFlags, ["--version"]) },
  { id: "workerd", label: "workerd (Miniflare)", run: (ctx) => runWorkerd(ctx, SMOKE, "workerd") },
  { id: "chromium", label: "Chromium (Playwright)", run: (ctx) => runChromium(ctx, SMOKE, "browser") },
  // Minified bundles, as users ship them, each running every outcome check.
  { id: "node-min", label: "Node 20, minified bundle", run: runNodeBundle },
  {
    id: "workerd-min",
    label: "workerd (Miniflare), minified bundle",
    run: (ctx) => runWorkerd(ctx, OUTCOMES, "workerdMin"),
  },
  {
    id: "chromium-min",
    label: "Chromium (Playwright), minified bundle",
    run: (ctx) => runChromium(ctx, OUTCOMES, "browserMin"),
  },
];

function denoFlags(config) {
  // Existing node_modules (manual), no lockfile, no network beyond the fake server's host.
  return [
    "run",
    `--allow-net=${new URL(config.baseUrl).hostname}`,
    "--allow-env",
    "--allow-read",
    "--node-modules-dir=manual",
    "--no-lock",
    "--cached-only",
    "--no-config",
  ];
}

// A fake for the run. For the outcome checks it gets their faults, and finish() adds what the
// server must have received and stored to the verdict.
async function fakeFor(ctx, check, extra) {
  const { fake, config } = await ctx.startFake(extra);
  if (check !== OUTCOMES) return { config, finish: (row) => row };
  fake.inject(...ctx.plan.OUTCOME_FAULTS);
  const finish = (row) => {
    const problems = row.ok ? ctx.plan.serverProblems(fake) : [];
    return problems.length ? { ...row, ok: false, summary: problems[0], detail: problems.join("\n") } : row;
  };
  return { config, finish };
}

async function cliRuntime(ctx, bin, preArgs, versionArgs) {
  const missing = missingBinary(bin);
  if (missing) return { version: "-", ok: false, detail: missing };
  const version = versionOf(bin, versionArgs);
  const { config } = await fakeFor(ctx, SMOKE);
  const res = await runChild(bin, [...preArgs(config), "smoke.mjs"], {
    cwd: ctx.work,
    env: childEnv(ctx.work, smokeEnv(config)),
    timeoutMs: ctx.left(),
  });
  return judge(version, res);
}

// A Node server bundle (the node condition: the node:http transport), minified, run by Node 20.
async function runNodeBundle(ctx) {
  const { work, left } = ctx;
  const { config, finish } = await fakeFor(ctx, OUTCOMES);
  writeFileSync(path.join(work, "node-entry.mjs"), entrySource(OUTCOMES, "node"));
  const bundle = await esbuild(work, "node-entry.mjs", path.join(work, "node-min.mjs"), BUILDS.nodeMin, left());
  if (!bundle.ok) return { version: process.version, ok: false, detail: bundle.detail };
  const res = await runChild(process.execPath, ["node-min.mjs"], {
    cwd: work,
    env: childEnv(work, { MATRIX_CONFIG: JSON.stringify(config) }),
    timeoutMs: left(),
  });
  return finish(judge(process.version, res));
}

async function runWorkerd(ctx, check, build) {
  const { work, left } = ctx;
  for (const bin of [NODE22, TC("miniflare", "package.json")]) {
    const missing = missingBinary(bin);
    if (missing)
      return { version: "-", ok: false, detail: `${missing} (Miniflare runs under the toolchain's Node 22)` };
  }
  const workerd = firstExisting(WORKERD);
  const mfVersion = JSON.parse(readFileSync(TC("miniflare", "package.json"), "utf8")).version;
  const version = `${versionOf(workerd, ["--version"])} / miniflare ${mfVersion}`;
  const dir = path.join(work, build);
  mkdirSync(dir, { recursive: true });
  const entry = `${build}-entry.mjs`;
  writeFileSync(path.join(work, entry), entrySource(check, "worker"));
  const bundle = await esbuild(work, entry, path.join(dir, "worker.js"), BUILDS[build], left());
  if (!bundle.ok) return { version, ok: false, detail: bundle.detail };
  const { config, finish } = await fakeFor(ctx, check);
  writeFileSync(path.join(dir, "config.json"), JSON.stringify(config));
  const res = await runChild(NODE22, [fileURLToPath(import.meta.url), "--worker-child", dir], {
    cwd: dir,
    env: childEnv(work, { CLOUDFLARE_CF_FETCH_ENABLED: "false", MINIFLARE_CACHE_DIR: path.join(dir, ".mf") }),
    timeoutMs: left(),
  });
  return finish(judge(version, res));
}

// Runs under Node 22: start workerd through Miniflare's API and fire one request at the Worker.
async function workerChild(dir) {
  const { Miniflare } = createRequire(TC("miniflare", "package.json"))("miniflare");
  const mf = new Miniflare({
    modules: true,
    scriptPath: path.join(dir, "worker.js"),
    compatibilityDate: COMPAT_DATE,
    bindings: { SMOKE_CONFIG: JSON.parse(readFileSync(path.join(dir, "config.json"), "utf8")) },
    cf: false, // never fetch Cloudflare's request.cf data from the internet
    // workerd's outbound network: loopback only (the fake server), nothing else.
    outboundService: { network: { allow: ["local"], deny: [] } },
  });
  try {
    const res = await mf.dispatchFetch("http://worker.local/");
    const text = await res.text();
    if (res.status === 200) console.log(`OK ${text}`);
    else {
      console.error(`worker answered ${res.status}: ${text}`);
      process.exitCode = 1;
    }
  } finally {
    await mf.dispose();
  }
}

// The page comes from one loopback origin and calls the fake server on another, cross-origin like
// a web app in development: the fake answers CORS for the page's origin only (its `cors` option).
async function runChromium(ctx, check, build) {
  const { work, left } = ctx;
  if (!existsSync(CHROMIUM))
    return {
      version: "-",
      ok: false,
      detail: `${CHROMIUM} not found: run scripts/install-runtimes.sh (installs Debian's chromium)`,
    };
  const pwMissing = missingBinary(TC("playwright-core", "package.json"));
  if (pwMissing) return { version: "-", ok: false, detail: pwMissing };

  const pageServer = await listen(pageHandler);
  const userDataDir = mkdtempSync(path.join(work, "chromium-profile-"));
  let context;
  try {
    const { config, finish } = await fakeFor(ctx, check, { cors: pageServer.url });
    const entry = `${build}-entry.mjs`;
    writeFileSync(path.join(work, entry), entrySource(check, "browser"));
    const bundle = await esbuild(work, entry, path.join(work, `${build}.js`), BUILDS[build], left());
    if (!bundle.ok) return { version: "-", ok: false, detail: bundle.detail };
    pageServer.files = {
      "/": [
        "text/html",
        `<!doctype html><meta charset="utf-8"><title>smoke</title>\n` +
          `<script>globalThis.__SMOKE_CONFIG__ = ${JSON.stringify(config).replace(/</g, "\\u003c")};</script>\n` +
          `<script type="module" src="/app.js"></script>\n`,
      ],
      "/app.js": ["text/javascript", readFileSync(path.join(work, `${build}.js`))],
    };

    // navigator.userAgent is reduced (156.0.0.0), so ask the binary for the full version.
    const version = versionOf(CHROMIUM, ["--version"]);
    const { chromium } = createRequire(TC("playwright-core", "package.json"))("playwright-core");
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: left(),
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const log = [];
    page.on("console", (m) => log.push(`console.${m.type()}: ${m.text()}`));
    page.on("pageerror", (e) => log.push(`pageerror: ${e.message}`));
    page.on("requestfailed", (r) => log.push(`requestfailed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`));
    await page.goto(pageServer.url + "/", { timeout: left() });
    let result;
    try {
      await page.waitForFunction(() => window.__SMOKE_RESULT__, null, { timeout: left() });
      result = await page.evaluate(() => window.__SMOKE_RESULT__);
    } catch (err) {
      result = { ok: false, error: `no result from page: ${err.message}` };
    }
    const passed = result.ok && OK_RESULT.exec(result.sid);
    if (passed) return finish({ version, ok: true, sid: passed[1], note: passed[2] });
    if (result.ok) result.error = `the page resolved ${JSON.stringify(result.sid)}, not a participant SID`;
    const detail = clipLines([result.error, ...log].join("\n"));
    return { version, ok: false, summary: summaryOf(result.error), detail };
  } finally {
    if (context) await withTimeout(context.close(), 10_000, "chromium close").catch(() => {});
    await pageServer.close();
  }
}

// Serves whatever is in server.files (set once the bundle exists).
function pageHandler(req, res, server) {
  if (req.url === "/favicon.ico") {
    res.writeHead(204).end();
    return;
  } // keep the console clean
  const file = server.files?.[new URL(req.url, "http://x").pathname];
  if (!file) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "content-type": file[0], "cache-control": "no-store" }).end(file[1]);
}

// ---- helpers --------------------------------------------------------------------------------
function parseArgs(argv) {
  const out = { keep: false, out: path.join(REPO, "build", "runtime-matrix.md") };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--tarball") out.tarball = argv[++i];
    else if (a === "--only") out.only = (argv[++i] ?? "").split(",").filter(Boolean);
    else if (a === "--out") out.out = path.resolve(argv[++i] ?? "");
    else if (a === "--keep") out.keep = true;
    else if (a === "--timeout") {
      const ms = Number(argv[++i]);
      if (!(ms > 0 && ms <= MAX_RUNTIME_TIMEOUT_MS))
        return { error: `--timeout must be 1..${MAX_RUNTIME_TIMEOUT_MS} ms` };
      RUNTIME_TIMEOUT_MS = ms;
    } else return { error: `unknown argument ${a}` };
  }
  if (!out.tarball) return { error: "--tarball is required" };
  out.tarball = path.resolve(out.tarball);
  if (!existsSync(out.tarball)) return { error: `tarball not found: ${out.tarball}` };
  return out;
}

// npm install of the local .tgz only; its declared deps (openapi-fetch) come from the registry/cache.
function installTarball(work, tarball) {
  writeFileSync(
    path.join(work, "package.json"),
    JSON.stringify({ name: "runtime-matrix-smoke", private: true, type: "module" }, null, 2),
  );
  console.log(`run-matrix: npm install ${path.basename(tarball)}`);
  try {
    execFileSync(
      "npm",
      ["install", "--prefer-offline", "--no-audit", "--no-fund", "--no-save", "--prefix", work, tarball],
      {
        cwd: work,
        stdio: ["ignore", "pipe", "pipe"],
        timeout: INSTALL_TIMEOUT_MS,
        env: { ...process.env, CI: "true" },
      },
    );
  } catch (err) {
    throw new Error(
      `npm install of ${tarball} failed${err.signal ? ` (${err.signal}, timeout ${INSTALL_TIMEOUT_MS} ms)` : ""}:\n${err.stderr ?? err.message}`,
    );
  }
}

function makeIds() {
  const hex = () => randomBytes(16).toString("hex");
  return { accountSid: `AC${hex()}`, authToken: hex(), chatServiceSid: `IS${hex()}`, conversationSid: `CH${hex()}` };
}

function smokeEnv(config) {
  return {
    SMOKE_BASE_URL: config.baseUrl,
    SMOKE_ACCOUNT_SID: config.accountSid,
    SMOKE_AUTH_TOKEN: config.authToken,
    SMOKE_CHAT_SERVICE_SID: config.chatServiceSid,
    SMOKE_CONVERSATION_SID: config.conversationSid,
    SMOKE_IDENTITY: config.identity,
  };
}

// A small, explicit environment: no inherited HTTP(S)_PROXY (Bun/Deno honour it), NODE_OPTIONS or
// npm_config_*; caches go into the work dir; telemetry/update checks off.
function childEnv(work, extra) {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? work,
    TMPDIR: os.tmpdir(),
    LANG: "C.UTF-8",
    NO_PROXY: "127.0.0.1,localhost,::1",
    NO_COLOR: "1",
    DO_NOT_TRACK: "1",
    DENO_DIR: path.join(work, ".deno"),
    DENO_NO_UPDATE_CHECK: "1",
    ...extra,
  };
}

function assertLoopback(url, what) {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "[::1]"].includes(host) && !host.startsWith("127.")) {
    throw new Error(`${what} must listen on loopback, got ${url}`);
  }
}

function firstExisting(candidates) {
  return candidates.find((p) => existsSync(p) && statSync(p).size > 1_000_000) ?? candidates[0];
}

function missingBinary(p) {
  return existsSync(p) ? null : `not installed: ${p} missing — run scripts/install-runtimes.sh`;
}

function versionOf(bin, args) {
  try {
    const first = execFileSync(bin, args, {
      encoding: "utf8",
      timeout: VERSION_TIMEOUT_MS,
      stdio: ["ignore", "pipe", "pipe"],
    }).split("\n")[0];
    return first.replace(/ (\(.*\)|built on .*)$/, "").trim(); // "deno 2.9.6 (stable, …)" -> "deno 2.9.6"
  } catch (err) {
    return `? (${bin} ${args.join(" ")}: ${err.message.split("\n")[0]})`;
  }
}

// Spawn with a hard timeout; the child gets its own process group so the whole tree is killed.
function runChild(cmd, args, { cwd, env, timeoutMs }) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let stdout = "",
      stderr = "",
      timedOut = false;
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }, timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr: stderr + String(err), timedOut });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

// A run's result: the created SID, and how many outcome checks passed when it ran them.
const OK_RESULT = /^(MB[0-9a-fA-F]{32})( \+ \d+ outcomes)?\s*$/m;

function judge(version, res) {
  const passed = /^OK (.*)$/m.exec(res.stdout)?.[1].match(OK_RESULT);
  if (res.code === 0 && passed) return { version, ok: true, sid: passed[1], note: passed[2] };
  const why = res.timedOut
    ? `timed out (runtime budget ${RUNTIME_TIMEOUT_MS} ms)`
    : res.code === 0
      ? "exited 0 without an `OK MB…` line"
      : `exit ${res.code ?? res.signal}`;
  const detail = [why, res.stderr.trim(), res.stdout.trim()].filter(Boolean).join("\n");
  return { version, ok: false, summary: res.timedOut ? undefined : summaryOf(res.stderr), detail: clipLines(detail) };
}

// Table cell: an outcome check's first FAIL line, else the thrown error's own line (Node and Bun print
// the throwing source line first; Bun and Deno start it with "error: "), else any error-looking line.
function summaryOf(text) {
  const lines = text.split("\n");
  const line =
    lines.find((l) => /^\s*FAIL /.test(l)) ??
    lines.find((l) => /^\s*(error:\s|\w*Error\b)/.test(l)) ??
    lines.find((l) => /error|fail|denied|not found/i.test(l));
  return line?.trim();
}

// The throwing source line of a minified bundle is the whole bundle: keep the start of long lines.
function clipLines(text, max = 400) {
  const clip = (l) => (l.length > max ? `${l.slice(0, max)}… (${l.length} characters)` : l);
  return text.split("\n").map(clip).join("\n");
}

async function esbuild(cwd, entry, outfile, flags, timeoutMs) {
  if (!existsSync(ESBUILD))
    return { ok: false, detail: `${ESBUILD} missing: run npm ci in the repo root (esbuild is a root devDependency)` };
  const res = await runChild(
    ESBUILD,
    [entry, "--bundle", "--format=esm", "--target=es2022", `--outfile=${outfile}`, "--log-level=warning", ...flags],
    {
      cwd,
      env: { PATH: process.env.PATH },
      timeoutMs,
    },
  );
  return res.code === 0 ? { ok: true } : { ok: false, detail: `esbuild failed: ${res.stderr || res.stdout}` };
}

// Loopback HTTP server; the handler gets the server record (used for late-bound page files).
async function listen(handler) {
  const rec = {};
  const server = http.createServer((req, res) => handler(req, res, rec));
  await new Promise((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  rec.url = `http://127.0.0.1:${server.address().port}`;
  rec.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    });
  return rec;
}

async function closeFakes(fakes) {
  for (const fake of fakes) await withTimeout(Promise.resolve(fake.close()), 5_000, "fake close").catch(() => {});
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function report(rows, args) {
  const table = [
    ["runtime", "version", "result", "ms"],
    ...rows.map((r) => [
      r.runtime,
      r.version,
      r.ok ? `PASS ${r.sid}${r.note ?? ""}` : `FAIL: ${(r.summary ?? r.detail.split("\n")[0]).slice(0, 160)}`,
      String(r.ms),
    ]),
  ];
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  const line = (row) => row.map((cell, c) => cell.padEnd(widths[c])).join("  ");
  const passed = rows.filter((r) => r.ok).length;
  const summary = `matrix: ${passed} passed, ${rows.length - passed} failed`;
  console.log(
    `\n${line(table[0])}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n${table.slice(1).map(line).join("\n")}\n`,
  );

  const esc = (s) => s.replace(/\|/g, "\\|");
  const md = [
    `# Runtime matrix`,
    ``,
    `Tarball \`${path.basename(args.tarball)}\`, ${new Date().toISOString()}: one \`createServiceConversationParticipant\` per runtime, and every outcome check in each minified bundle, against the package's fake server on loopback (\`node test/runtimes/run-matrix.mjs\`).`,
    ``,
    `| runtime | version | result | ms |`,
    `| --- | --- | --- | ---: |`,
    ...table.slice(1).map((row) => `| ${row.map(esc).join(" | ")} |`),
    ``,
    ...rows.filter((r) => !r.ok).flatMap((r) => [`## ${r.runtime}: why it failed`, "", "```", r.detail, "```", ""]),
    summary,
    ``,
  ].join("\n");
  mkdirSync(path.dirname(args.out), { recursive: true });
  writeFileSync(args.out, md);
  console.log(`run-matrix: wrote ${path.relative(process.cwd(), args.out) || args.out}`);
  console.log(summary);
}

function errText(err) {
  return String(err?.stack ?? err);
}

function indent(s) {
  return s
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
}

// Dispatch last, so every const above is initialised first.
if (process.argv[2] === "--worker-child") {
  await workerChild(process.argv[3]);
} else {
  // Exit explicitly: a handle left by a runtime that hit its timeout must not keep us alive.
  process.exit(await main());
}
