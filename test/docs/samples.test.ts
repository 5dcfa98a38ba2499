// Every request sample on the docs page, read out of the built page, proven against the fake
// server (or, for an operation the fake does not serve, a loopback server answering with the spec's
// own example): each TypeScript sample type-checks (tsc, strict) in a temp project that imports the
// built package, then runs with its base URL pointed at a fresh server; each curl sample runs with curl
// (and with test/docs/curl-replay.mjs, node's stand-in for machines without curl). Each run must
// put exactly the spec's example request on the wire.
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { transform } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildPage, renderedOperations, renderedSpec, root, type RenderedOperation } from "./page.js";
import { envFor, exec, expectAnswered, expectOnTheWire, serverFor, type Call } from "./sample-support.js";

const NAME = "twilio-conversations-participants";
const lib = (name: string) => import(pathToFileURL(join(root, "scripts/lib", name)).href);
const { sampleCalls } = await lib("sample-inputs.mjs");
const { packageFacts } = await lib("package-facts.mjs");
const facts = packageFacts(root) as { addParticipantFor: string | null; command: string | null };
type Manifest = { bin?: string | Record<string, string> };
const manifest = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as Manifest;

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

describe("the docs' request samples", () => {
  it("cover every operation of the spec: addParticipant first where it applies, else TypeScript; curl last", () => {
    expect(operations.map((o) => o.operationId).sort()).toEqual([...calls.keys()].sort());
    for (const op of operations) {
      const labels = op.samples.map((s) => s.label);
      const first = op.operationId === facts.addParticipantFor ? ["addParticipant", "TypeScript"] : ["TypeScript"];
      expect(labels.slice(0, first.length), op.operationId).toEqual(first);
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

  it("the create's samples hold the spec's first request example, less its placeholder SIDs and fixed dates, each optional field marked", () => {
    const create = operations.find((o) => o.method === "POST")!;
    const [path, item] = Object.entries(spec.paths as Record<string, any>).find(
      ([, i]) => i.post?.operationId === create.operationId,
    )!;
    expect(path).toBe(create.path);
    const body = item.post.requestBody.content["application/x-www-form-urlencoded"];
    const first = Object.values(body.examples as Record<string, { value: Record<string, string> }>)[0]!.value;
    const required = new Set<string>(spec.components.schemas[body.schema.$ref.split("/").at(-1)].required ?? []);
    // What a reader would paste and regret: a role SID of the spec's, a creation date of the spec's.
    const unreal = ["RoleSid", "DateCreated"];
    expect(Object.keys(first)).toEqual(expect.arrayContaining(unreal));
    for (const sample of create.samples.filter((s) => s.lang === "TypeScript")) {
      const ts = sample.source;
      for (const [field, value] of Object.entries(first)) {
        const line = new RegExp(`${field}"?: ["']${value.replace(/\W/g, "\\$&")}["'],( // optional)?$`, "m");
        if (unreal.includes(field)) expect(ts, `${sample.label} leaves out ${field}`).not.toContain(field);
        else expect(ts, `${sample.label}: ${field}`).toMatch(line);
        if (!unreal.includes(field)) expect(line.exec(ts)![1] === " // optional", field).toBe(!required.has(field));
      }
      expect(ts).toContain(`import { createConversationsClient } from "${NAME}";`);
      expect(ts).toContain("createConversationsClient()");
    }
    const curl = create.samples.find((s) => s.label === "curl")!.source;
    expect(curl).toMatch(/^# Optional: .*\bIdentity\b.*\n/);
    for (const field of unreal) expect(curl).not.toContain(field);
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
    await writeFile(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          lib: ["ES2022", "DOM"],
          types: [],
          skipLibCheck: false,
        },
        files,
      }),
    );
    // A strict check of the package's declarations takes over 30 s on a busy 2-core machine.
    const tsc = await exec(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], {
      cwd: project,
      timeout: 110_000,
    });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.code).toBe(0);
  }, 120_000);

  it("every TypeScript sample runs against the fake and sends the spec's example request", async () => {
    for (const op of operations) {
      const call = calls.get(op.operationId)!;
      for (const sample of op.samples.filter((s) => s.lang === "TypeScript")) {
        // The one change: the base URL, since the fake is not at Twilio's address.
        const pointed = sample.source.replace(
          "createConversationsClient()",
          "createConversationsClient({ baseUrl: process.env.FAKE_BASE_URL })",
        );
        expect(pointed, `${op.operationId}: the sample's client reads the environment`).not.toBe(sample.source);
        const file = join(project, `run-${op.operationId}-${sample.label}.mjs`);
        await writeFile(file, (await transform(pointed, { loader: "ts", format: "esm" })).code);
        const fake = await serverFor(call, spec);
        try {
          const env = envFor(fake, { FAKE_BASE_URL: fake.baseUrl });
          const run = await exec(process.execPath, [file], { cwd: project, env });
          expectAnswered(call, run);
          if (sample.label === "addParticipant") {
            expect(run.stdout).toMatch(/^created /);
          }
          expectOnTheWire(
            fake.requests.filter((r) => sample.label !== "addParticipant" || r.method === "POST"),
            call,
          );
          // The fake adds the participant; an operation it does not serve got the spec's example answer.
          if (call.method === "POST" && fake.participants) expect(fake.participants).toHaveLength(1);
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
      const fake = await serverFor(call, spec);
      try {
        const run = await exec("/bin/sh", ["-c", op.samples.find((s) => s.label === "CLI")!.source], {
          cwd: project,
          env: envFor(fake, {
            TWILIO_CONVERSATIONS_BASE_URL: fake.baseUrl,
            npm_config_offline: "true",
            PATH: `${join(project, "node_modules/.bin")}:${process.env.PATH}`,
          }),
        });
        expect(run.code, run.stdout + run.stderr).toBe(0);
        // The CSV carries body fields only: the wire holds the example's path and body.
        const bodyOnly = { ...call, input: { ...call.input, header: {} } };
        expectOnTheWire(
          fake.requests.filter((r) => r.method === "POST"),
          bodyOnly,
        );
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
        const fake = await serverFor(call, spec);
        try {
          const pointed = sample.source.replaceAll(TWILIO, fake.baseUrl);
          // Nothing may leave loopback: every URL in the command is the fake's.
          expect([...pointed.matchAll(/https?:\/\/[^/'"\s]+/g)].map((m) => m[0])).toEqual([fake.baseUrl]);
          const env = envFor(fake, replay ? { PATH: `${bin}:${process.env.PATH}` } : {});
          const run = await exec("/bin/sh", ["-c", pointed], { cwd: page.dir, env });
          expect(run.code, run.stderr).toBe(0);
          const answer = (run.stdout.trim() ? JSON.parse(run.stdout) : undefined) as Record<string, unknown>;
          if (!fake.participants)
            expect(answer).toEqual(fake.example); // the spec's example, or no body (204)
          else if (call.method === "POST") expect(answer.sid).toMatch(/^MB[0-9a-f]{32}$/);
          // A read: the resource, a page, or the fake's Twilio error (see expectAnswered).
          else
            expect(
              ["sid", "meta", "code"].some((key) => key in answer),
              run.stdout,
            ).toBe(true);
          expectOnTheWire(fake.requests, call);
        } finally {
          await fake.close();
        }
      }
    }, 60_000);
  }
});
