// Every request sample on the docs page, read out of the built page, proven against the fake
// server: each TypeScript sample type-checks (tsc, strict) in a temp project that imports the built
// package, then runs with its base URL pointed at a fresh fake; each curl sample runs with curl
// (and with test/docs/curl-replay.mjs, node's stand-in for machines without curl). Each run must
// put exactly the spec's example request on the wire.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { transform } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { startFakeConversations, type FakeConversations, type RecordedRequest } from "../../src/testing/index.js";
import { buildPage, renderedOperations, renderedSpec, root, type RenderedOperation } from "./page.js";

const NAME = "twilio-conversations-participants";
const lib = (name: string) => import(pathToFileURL(join(root, "scripts/lib", name)).href);
const { sampleCalls } = await lib("sample-inputs.mjs");
const { addCodeSamples } = await lib("code-samples.mjs");
const { packageFacts } = await lib("package-facts.mjs");
const facts = packageFacts(root) as { addParticipantFor: string | null; command: string | null };
const manifest = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { bin?: string | Record<string, string> };

interface Call {
  operationId: string;
  method: string;
  path: string;
  input: { path: Record<string, unknown>; query: Record<string, unknown>; header: Record<string, unknown>; body?: Record<string, unknown> };
}
interface Run { code: number; stdout: string; stderr: string }

const spec = parse(await readFile(join(root, "spec/openapi.yaml"), "utf8")) as Record<string, any>;
const calls = new Map((sampleCalls(spec) as Call[]).map((c) => [c.operationId, c]));
const TWILIO = String(spec.servers[0].url);

let page: { dir: string; html: string };
let operations: RenderedOperation[];
let project: string;

beforeAll(async () => {
  page = await buildPage();
  operations = renderedOperations(await renderedSpec(page.html));
  // A consumer project that imports the package the global set-up built, by its name.
  project = join(page.dir, "consumer");
  await mkdir(join(project, "node_modules"), { recursive: true });
  await symlink(root, join(project, "node_modules", NAME), "dir");
  await writeFile(join(project, "package.json"), JSON.stringify({ name: "samples", private: true, type: "module" }));
}, 60_000);
afterAll(() => rm(page.dir, { recursive: true, force: true }));

const exec = async (file: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Run> => {
  try {
    const { stdout, stderr } = await promisify(execFile)(file, args, { ...options, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string; message: string };
    return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? e.message };
  }
};

/** A fresh fake holding the service and conversation the examples name, with the sample's credentials. */
const fakeFor = (call: Call) => startFakeConversations({
  services: { [String(call.input.path.ChatServiceSid)]: [String(call.input.path.ConversationSid)] },
});
/** The environment a reader's shell has: credentials only (no proxy, so nothing leaves loopback). */
const envFor = (fake: FakeConversations, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH, HOME: process.env.HOME, TWILIO_ACCOUNT_SID: fake.accountSid, TWILIO_AUTH_TOKEN: fake.authToken, ...extra,
});

/** The one request a sample sent is the call's: method, path, query, header and form body. */
function expectOnTheWire(requests: RecordedRequest[], call: Call) {
  expect(requests.map((r) => `${r.method} ${r.url}`)).toHaveLength(1);
  const [request] = requests as [RecordedRequest];
  const encode = (v: unknown) => encodeURIComponent(String(v)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const [path, search = ""] = request.url.split("?");
  expect(request.method).toBe(call.method);
  expect(path).toBe(call.path.replace(/\{(\w+)\}/g, (_, name: string) => encode(call.input.path[name])));
  expect(Object.fromEntries(new URLSearchParams(search))).toEqual(
    Object.fromEntries(Object.entries(call.input.query).map(([k, v]) => [k, String(v)])));
  for (const [name, value] of Object.entries(call.input.header)) expect(request.headers[name.toLowerCase()]).toBe(String(value));
  if (call.input.body) {
    expect(request.form).toEqual(Object.fromEntries(Object.entries(call.input.body).map(([k, v]) => [k, v === null ? "" : String(v)])));
  } else {
    expect(request.body).toBe("");
  }
}

/**
 * A create ends well. A read may end in the fake's Twilio error instead (the example participant
 * SID is not one the fresh fake holds, or the fake does not serve the read): the sample then
 * throws that error, and what it put on the wire is still checked.
 */
function expectAnswered(call: Call, run: Run) {
  if (run.code === 0) return;
  expect(call.method, run.stderr).toBe("GET");
  expect(run.stderr).toMatch(/TwilioApiError: GET http:\/\/127\.0\.0\.1:\d+\/\S+ failed with HTTP \d{3}/);
}

describe("the docs' request samples", () => {
  it("cover every operation of the spec: TypeScript first, then curl", () => {
    expect(operations.map((o) => o.operationId).sort()).toEqual([...calls.keys()].sort());
    for (const op of operations) {
      const labels = op.samples.map((s) => s.label);
      expect(labels[0], op.operationId).toBe("TypeScript");
      expect(labels.at(-1), op.operationId).toBe("curl");
    }
  });

  it("show addParticipant and the CLI only when the package has them (API report, package.json bin)", async () => {
    const report = await readFile(join(root, `api/${NAME}.api.md`), "utf8");
    const labels = operations.flatMap((o) => o.samples.map((s) => s.label));
    expect(labels.includes("addParticipant")).toBe(/readonly addParticipant\b/.test(report));
    expect(labels.includes("CLI")).toBe(manifest.bin !== undefined && labels.includes("addParticipant"));
    if (labels.includes("addParticipant")) {
      const op = operations.find((o) => o.samples.some((s) => s.label === "addParticipant"))!;
      expect(report).toContain(`AddParticipant = (input: ${op.operationId}Input`);
    }
  });

  it("the create's TypeScript sample holds the spec's first request example, field by field", () => {
    const create = operations.find((o) => o.method === "POST")!;
    const [path, item] = Object.entries(spec.paths as Record<string, any>).find(([, i]) => i.post?.operationId === create.operationId)!;
    expect(path).toBe(create.path);
    const examples = item.post.requestBody.content["application/x-www-form-urlencoded"].examples;
    const first = Object.values(examples as Record<string, { value: Record<string, string> }>)[0]!.value;
    const ts = create.samples[0]!.source;
    for (const [field, value] of Object.entries(first)) expect(ts).toMatch(new RegExp(`${field}"?: ["']${value.replace(/\W/g, "\\$&")}["']`));
    expect(ts).toContain(`import { createConversationsClient } from "${NAME}";`);
    expect(ts).toContain("createConversationsClient()");
  });

  it("every TypeScript sample type-checks (strict, NodeNext) against the built package", async () => {
    const files: string[] = [];
    for (const [i, op] of operations.entries()) {
      for (const [j, sample] of op.samples.filter((s) => s.lang === "TypeScript").entries()) {
        const file = `sample-${i}-${j}.ts`;
        await writeFile(join(project, file), sample.source);
        files.push(file);
      }
    }
    await writeFile(join(project, "tsconfig.json"), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext",
        lib: ["ES2022", "DOM"], types: [], skipLibCheck: false },
      files,
    }));
    const tsc = await exec(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: project });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.code).toBe(0);
  }, 120_000);

  it("every TypeScript sample runs against the fake and sends the spec's example request", async () => {
    for (const op of operations) {
      const call = calls.get(op.operationId)!;
      for (const sample of op.samples.filter((s) => s.lang === "TypeScript")) {
        // The one change: the base URL, since the fake is not at Twilio's address.
        const pointed = sample.source.replace("createConversationsClient()", "createConversationsClient({ baseUrl: process.env.FAKE_BASE_URL })");
        expect(pointed, `${op.operationId}: the sample's client must read credentials from the environment`).not.toBe(sample.source);
        const file = join(project, `run-${op.operationId}-${sample.label}.mjs`);
        await writeFile(file, (await transform(pointed, { loader: "ts", format: "esm" })).code);
        const fake = await fakeFor(call);
        try {
          const run = await exec(process.execPath, [file], { cwd: project, env: envFor(fake, { FAKE_BASE_URL: fake.baseUrl }) });
          expectAnswered(call, run);
          if (sample.label === "addParticipant") {
            expect(run.stdout).toMatch(/^created /);
          }
          expectOnTheWire(fake.requests.filter((r) => sample.label !== "addParticipant" || r.method === "POST"), call);
          if (call.method === "POST") expect(fake.participants).toHaveLength(1);
        } finally {
          await fake.close();
        }
      }
    }
  }, 120_000);

  it("the CLI sample, when there is one, adds the example participant through the package's command", async () => {
    const withCli = operations.filter((o) => o.samples.some((s) => s.label === "CLI"));
    if (!withCli.length) return; // no bin in package.json: checked above
    const bin = typeof manifest.bin === "string" ? manifest.bin : Object.values(manifest.bin!)[0]!;
    // What `npm install` would put in node_modules/.bin (so npx never asks the registry): a runnable command.
    await mkdir(join(project, "node_modules/.bin"), { recursive: true });
    const command = join(project, "node_modules/.bin", facts.command!);
    await writeFile(command, `#!/bin/sh\nexec "${process.execPath}" "${join(root, bin)}" "$@"\n`, { mode: 0o755 });
    for (const op of withCli) {
      const call = calls.get(op.operationId)!;
      const fake = await fakeFor(call);
      try {
        const run = await exec("/bin/sh", ["-c", op.samples.find((s) => s.label === "CLI")!.source], {
          cwd: project,
          env: envFor(fake, { TWILIO_CONVERSATIONS_BASE_URL: fake.baseUrl, npm_config_offline: "true",
            PATH: `${join(project, "node_modules/.bin")}:${process.env.PATH}` }),
        });
        expect(run.code, run.stdout + run.stderr).toBe(0);
        // The CSV carries body fields only: the wire holds the example's path and body.
        expectOnTheWire(fake.requests.filter((r) => r.method === "POST"), { ...call, input: { ...call.input, header: {} } });
        expect(fake.participants).toHaveLength(1);
      } finally {
        await fake.close();
      }
    }
  }, 60_000);

  const runners = [
    ...(existsSync("/usr/bin/curl") || existsSync("/bin/curl") ? [["curl", undefined] as const] : []),
    ["node's replay (test/docs/curl-replay.mjs)", join(root, "test/docs/curl-replay.mjs")] as const,
  ];
  for (const [runner, replay] of runners) {
    it(`every curl sample runs with ${runner} against the fake and sends the spec's example request`, async () => {
      const bin = join(page.dir, "replay-bin");
      if (replay) {
        await mkdir(bin, { recursive: true });
        await rm(join(bin, "curl"), { force: true });
        await symlink(replay, join(bin, "curl"));
      }
      for (const op of operations) {
        const call = calls.get(op.operationId)!;
        const sample = op.samples.find((s) => s.label === "curl")!;
        const fake = await fakeFor(call);
        try {
          const pointed = sample.source.replaceAll(TWILIO, fake.baseUrl);
          // Nothing may leave loopback: every URL in the command is the fake's.
          expect([...pointed.matchAll(/https?:\/\/[^/'"\s]+/g)].map((m) => m[0])).toEqual([fake.baseUrl]);
          const env = envFor(fake, replay ? { PATH: `${bin}:${process.env.PATH}` } : {});
          const run = await exec("/bin/sh", ["-c", pointed], { cwd: page.dir, env });
          expect(run.code, run.stderr).toBe(0);
          const answer = JSON.parse(run.stdout) as Record<string, unknown>;
          if (call.method === "POST") expect(answer.sid).toMatch(/^MB[0-9a-f]{32}$/);
          // A read: the resource, a page, or the fake's Twilio error (see expectAnswered).
          else expect(answer.sid !== undefined || answer.meta !== undefined || typeof answer.code === "number", run.stdout).toBe(true);
          expectOnTheWire(fake.requests, call);
        } finally {
          await fake.close();
        }
      }
    }, 60_000);
  }
});

describe("samples for any spec (the operations fixture: six operations, every shape)", () => {
  it("gives each operation a TypeScript and a curl sample whose input its generated validator accepts", async () => {
    const fixture = parse(await readFile(join(root, "test/fixtures/operations/spec/openapi.yaml"), "utf8")) as Record<string, any>;
    const { operationTable } = await import("../fixtures/operations/generated/operations.js");
    const fixtureCalls = addCodeSamples(fixture, { packageName: NAME }) as (Call & { methodName: string })[];
    const samples = renderedOperations(fixture);
    expect(samples.map((o) => o.operationId).sort()).toEqual(
      Object.values(operationTable as Record<string, { operationId: string }>).map((e) => e.operationId).sort());
    for (const call of fixtureCalls) {
      // Values made where the spec gives no example (a SID from its pattern) still pass its rules.
      const entry = (operationTable as Record<string, { validate: (input: unknown) => boolean }>)[call.methodName]!;
      expect(entry.validate(call.input), `${call.operationId} ${JSON.stringify(call.input)}`).toBe(true);
      const op = samples.find((o) => o.operationId === call.operationId)!;
      expect(op.samples.map((s) => s.label)).toEqual(["TypeScript", "curl"]);
      expect(op.samples[0]!.source).toContain(`client.${call.methodName}(`);
      expect(op.samples[1]!.source).toMatch(/^curl .*'https:\/\/widgets\.fixture\.test\/v1\/Shelves/);
    }
    const source = (id: string, i: number) => samples.find((o) => o.operationId === id)!.samples[i]!.source;
    expect(source("CreateWidget", 0)).toContain(
      `await client.createWidget({\n  path: { ShelfSid: "SH0123456789abcdef0123456789abcdef" },\n  body: { Name: "bolt", Tags: ["metal", "small"] },\n});`);
    expect(source("CreateWidget", 1)).toContain("--data-urlencode 'Tags=metal' \\\n  --data-urlencode 'Tags=small'");
    expect(source("ListWidget", 0)).toContain("for await (const widget of widgets) {");
    expect(source("UpdateWidget", 1)).toContain("--data-urlencode 'Note='");
    expect(source("DeleteWidget", 0)).toContain("await client.deleteWidget({");
    expect(source("DeleteWidget", 0)).not.toMatch(/const \w+ = await/);
    expect(source("DeleteWidget", 1)).toMatch(/^curl -X DELETE /);
  });
});
