// Real-world input: Twilio's own Conversations description (test/fixtures/twilio-oai, OpenAPI 3.0.1,
// 103 operations, as published) goes through the generator untouched, the client made from it
// type-checks and builds, and every one of its operations, called through the built client, is a
// request Prism (serving the same description on 127.0.0.1) accepts with no violation.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, root, type RunResult } from "../helpers/pipeline.js";
import { formFields, startRecordingServer, type RecordingServer } from "../helpers/recording-server.js";

const fixture = join(root, "test/fixtures/twilio-oai");
const spec = join(fixture, "twilio_conversations_v1.json");
const lib = (name: string) => import(join(root, "scripts/lib", name));
const { loadSpec } = await lib("load-spec.mjs");
const { sampleCalls } = await lib("sample-inputs.mjs");

interface Call {
  operationId: string;
  method: string;
  path: string;
  methodName: string;
  input: Record<string, Record<string, unknown>>;
}

/** What Prism answered one request with. */
interface Answer {
  call: Call;
  method: string;
  url: string;
  body: string;
  status: number;
  contentType: string;
  text: string;
  /** Prism's findings: its 422's `validation` list and its `sl-violations` header. */
  violations: string[];
  /** Array fields Prism 5.14 misread (see `askPrism`), with the values the request sent. */
  misread: Record<string, string[]>;
}

/**
 * Prism's answer to one request, less its form quirk: Prism 5.14 reads a repeated form key
 * (`Permission=a&Permission=b`, how a form carries an array) as one string and refuses it with a
 * 422, "must be array". So a request it refuses only for that is asked again without those fields
 * (Prism then checks everything else, and a "required" on them is the same quirk); the values the
 * wire carried for them are kept in `misread`, for the test to hold to what the call passed.
 */
async function askPrism(
  method: string,
  url: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  misread: Record<string, string[]> = {},
): Promise<Answer> {
  const forwarded = Object.fromEntries(Object.entries(headers).filter(([k]) => k !== "host" && k !== "content-length"));
  const response = await fetch(prism.url + url, {
    method,
    headers: forwarded as Record<string, string>,
    body: method === "GET" || method === "DELETE" ? undefined : body,
  });
  const text = await response.text();
  const findings: { location: string[]; code: string; message: string }[] =
    response.status === 422 ? (JSON.parse(text).validation ?? []) : [];
  const sent = formFields(body);
  const arrays = findings.filter((f) => f.location[0] === "body" && /must be array$/.test(f.message));
  if (response.status === 422 && arrays.length === findings.length && !Object.keys(misread).length) {
    const names = new Set(arrays.map((f) => f.location[1]!));
    const values = Object.fromEntries([...names].map((n) => [n, sent.filter(([k]) => k === n).map(([, v]) => v)]));
    const rest = new URLSearchParams(sent.filter(([k]) => !names.has(k))).toString().replaceAll("+", "%20");
    return askPrism(method, url, headers, rest, values);
  }
  const violations = [
    ...findings
      .filter((f) => !(f.code === "required" && Object.keys(misread).some((n) => f.message.includes(`'${n}'`))))
      .map((f) => `${f.location.join(".")}: ${f.message}`),
    ...(response.headers.get("sl-violations") ? [response.headers.get("sl-violations")!] : []),
  ];
  // Refused only for a misread field it requires: Prism has no answer to give, so the call gets an
  // empty success (what the test holds is the request; the client's handling of answers is tested elsewhere).
  const quirkOnly = response.status === 422 && violations.length === 0;
  return {
    call: current.call,
    method,
    url,
    body,
    status: quirkOnly ? current.status : response.status,
    contentType: quirkOnly ? "application/json" : (response.headers.get("content-type") ?? ""),
    text: quirkOnly ? "{}" : text,
    violations,
    misread,
  };
}

let dir: string;
let run: RunResult;
let typecheck: { code: number | null; output: string };
let prism: { url: string; stop: () => Promise<void> };
let proxy: RecordingServer;
const answers: Answer[] = [];
/** The call being made, with its success status (the calls go one at a time). */
let current: { call: Call; status: number };
type Table = Record<string, { successStatus: number }>;

/** Runs a command to its end, collecting its output. */
function exec(command: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, NO_UPDATE_NOTIFIER: "1" } });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => resolve({ code, output }));
  });
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** Prism mocking the description on 127.0.0.1 (it reads only the local file). */
async function startPrism(): Promise<typeof prism> {
  const port = await freePort();
  const child = spawn(
    join(root, "node_modules/.bin/prism"),
    ["mock", spec, "--host", "127.0.0.1", "--port", String(port)],
    { cwd: root, env: { ...process.env, NO_UPDATE_NOTIFIER: "1" } },
  );
  let log = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      log += d;
      if (log.includes("Prism is listening")) resolve();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`prism exited (${code}):\n${log}`)));
  });
  child.removeAllListeners("exit");
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise((r) => (child.exitCode !== null ? r() : (child.once("exit", () => r()), child.kill()))),
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tcp-twilio-oai-"));
  const out = join(dir, "generated");
  const prismStarting = startPrism();
  run = await generate(
    { dir, spec, out, docs: join(dir, "docs.html") },
    "--no-docs",
    "--no-spec-changes",
    "--types",
    relative(out, join(root, "src/types.js")),
  );
  if (run.code !== 0) return;
  await writeFile(
    join(dir, "client.ts"),
    [
      `import { createOperationsClient } from ${JSON.stringify(join(root, "src/client.js"))};`,
      'import type { paths } from "./generated/openapi.js";',
      'import { operationTable } from "./generated/operations.js";',
      'import type { ClientMethods } from "./generated/names.js";',
      "",
      "export { operationTable };",
      "",
      "/** A client of every operation: its methods are the generated `ClientMethods`. */",
      "export function twilioClient(baseUrl: string): ClientMethods {",
      "  return createOperationsClient<paths, typeof operationTable>(operationTable, {",
      '    accountSid: "AC0123456789abcdef0123456789abcdef",',
      '    authToken: "token",',
      "    baseUrl,",
      "  });",
      "}",
      "",
    ].join("\n"),
  );
  await writeFile(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      extends: join(root, "tsconfig.json"),
      compilerOptions: { typeRoots: [join(root, "node_modules/@types")] },
      include: ["client.ts", "generated"],
    }),
  );
  [typecheck, prism] = await Promise.all([
    exec(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], dir),
    prismStarting,
    build({
      entryPoints: [join(dir, "client.ts")],
      outfile: join(dir, "client.mjs"),
      bundle: true,
      format: "esm",
      platform: "neutral",
      mainFields: ["module", "main"],
      logLevel: "silent",
    }),
  ]);
  // Between the client and Prism: records each request as sent and Prism's verdict on it.
  proxy = await startRecordingServer((req, res) => {
    void askPrism(req.method, req.url, req.headers, req.body).then((answer) => {
      answers.push(answer);
      res.writeHead(answer.status, { "content-type": answer.contentType });
      res.end(answer.text);
    });
  });
}, 180_000);

afterAll(async () => {
  await proxy?.close();
  await prism?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("Twilio's Conversations description, as published", () => {
  it("generates with no edit, linted under its own relaxed redocly.yaml, naming the annotation-only formats", () => {
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toContain("✔ lint (redocly, test/fixtures/twilio-oai/redocly.yaml)");
    expect(run.stdout).toContain("formats not checked (annotations only): uri-map\n");
  });

  it("names every operation and schema with a valid, readable TypeScript name", async () => {
    const names = await readFile(join(dir, "generated/names.ts"), "utf8");
    expect(names).toContain("export type ConversationsV1ConversationConversationParticipant =");
    expect(names).toContain('components["schemas"]["conversations.v1.conversation.conversation_participant"]');
    expect(names).toContain("export type CreateConversationInput =");
    expect(names).toContain("  createConversation(input: CreateConversationInput): Promise<CreateConversationResult>;");
  });

  it("type-checks and builds", () => {
    expect(typecheck.code, typecheck.output).toBe(0);
  });

  it("calls every one of the 103 operations, each accepted by Prism with no violation", async () => {
    const { twilioClient, operationTable } = await import(pathToFileURL(join(dir, "client.mjs")).href);
    const client = twilioClient(proxy.baseUrl) as Record<string, (input: unknown) => Promise<unknown>>;
    const { doc } = await loadSpec(spec);
    const calls = sampleCalls(doc) as Call[];
    expect(calls).toHaveLength(103);
    const failed: string[] = [];
    for (const call of calls) {
      current = { call, status: (operationTable as Table)[call.methodName]!.successStatus };
      await client[call.methodName]!(call.input).catch((error: Error) =>
        failed.push(`${call.operationId}: ${error.name}: ${error.message}`),
      );
    }
    expect(failed).toEqual([]);
    expect(answers).toHaveLength(103);
    const flagged = answers.filter((a) => a.status >= 400 || a.violations.length);
    expect(flagged.map((a) => `${a.method} ${a.url} ${a.status} ${a.violations.join("; ")}`)).toEqual([]);
    // The fields Prism misread went on the wire as one key per value, the values the call passed.
    const misread = answers.filter((a) => Object.keys(a.misread).length);
    expect(misread.length).toBeGreaterThan(0);
    for (const answer of misread) {
      for (const [field, values] of Object.entries(answer.misread))
        expect(values, answer.call.operationId).toEqual(answer.call.input.body![field]);
    }
  }, 120_000); // 103 calls, each checked by Prism against an 850 KB description: slow on a loaded machine
});
