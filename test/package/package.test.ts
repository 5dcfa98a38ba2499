// The package as users get it: built and packed once, then checked by the ecosystem's own linters
// (publint, arethetypeswrong) and installed from the tarball into throwaway consumer projects that
// import, require and type-check it. Nothing here reads the repo's dist/.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAndPack, ok, root, run, type Packed } from "./pack.js";

const NAME = "twilio-conversations-participants";
const TSC = join(root, "node_modules/typescript/bin/tsc");
const bin = (name: string) => join(root, "node_modules/.bin", name);

let packed: Packed;
/** A consumer project with the tarball installed; the TypeScript consumers live in its subfolders. */
let consumer: string;
let manifest: {
  exports: Record<string, string | Record<string, Record<string, string>>>;
  files: string[];
  dependencies: Record<string, string>;
  [field: string]: unknown;
};

beforeAll(async () => {
  packed = await buildAndPack();
  consumer = join(packed.dir, "consumer");
  await mkdir(consumer);
  await writeFile(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  // The only dependency (openapi-fetch) is normally in npm's cache after `npm ci`; --prefer-offline
  // still reaches the registry when the cache lacks its metadata (a fresh machine).
  ok(
    await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", packed.tarball], {
      cwd: consumer,
    }),
    "npm install <tarball>",
  );
  manifest = JSON.parse(
    await readFile(join(consumer, "node_modules", NAME, "package.json"), "utf8"),
  ) as typeof manifest;
}, 240_000);

afterAll(async () => {
  if (packed && !process.env.KEEP_PACKAGE_TMP) await rm(packed.dir, { recursive: true, force: true });
});

describe("tarball", () => {
  it("holds only what a user needs: compiled code, declarations, the spec, README, LICENSE", () => {
    const allowed = [
      /^(package\.json|README\.md|LICENSE|spec\/openapi\.yaml)$/,
      /^dist\/(esm|cjs)\/package\.json$/,
      /^dist\/(esm|cjs)\/(src|generated)\/[\w/-]+\.(js|d\.ts)$/,
    ];
    const stray = packed.files.filter((f) => !allowed.some((re) => re.test(f)));
    expect(stray).toEqual([]);
    for (const f of ["LICENSE", "README.md", "spec/openapi.yaml", "dist/esm/src/index.js", "dist/cjs/src/index.js"]) {
      expect(packed.files).toContain(f);
    }
    // No tests, fixtures, TypeScript sources, source maps, or the build's own files.
    expect(
      packed.files.filter((f) => /(^|\/)(test|fixtures|scripts)\/|\.map$|(?<!\.d)\.ts$|tsbuildinfo/.test(f)),
    ).toEqual([]);
    // ESM and CJS halves declare the same modules; ESM ships its entries as bundles (with shared
    // chunks), CJS ships tsc's modules.
    const half = (h: string, ext: RegExp) =>
      packed.files.filter((f) => f.startsWith(`dist/${h}/`) && ext.test(f)).map((f) => f.slice(h.length + 6));
    expect(half("cjs", /\.d\.ts$/)).toEqual(half("esm", /\.d\.ts$/));
    expect(half("esm", /(?<!\.d\.ts)$/).filter((f) => f.endsWith(".js") && !f.startsWith("src/chunks/"))).toEqual([
      "src/cli/main.js",
      "src/index.js",
      "src/node.js",
      "src/testing/index.js",
    ]);
    console.info(
      `tarball: ${packed.files.length} files, ${(packed.size / 1024).toFixed(1)} KiB packed, ${(packed.unpackedSize / 1024).toFixed(1)} KiB unpacked`,
    );
  });

  it("points every exports/main/module/types entry at a file in the tarball", async () => {
    const targets: string[] = [manifest.main, manifest.module, manifest.types].map(String);
    const walk = (v: unknown): void => {
      if (typeof v === "string") targets.push(v);
      else if (v && typeof v === "object") Object.values(v).forEach(walk);
    };
    walk(manifest.exports);
    walk(manifest.typesVersions);
    for (const t of targets) expect(packed.files, t).toContain(t.replace(/^\.\//, ""));
    expect(Object.keys(manifest.exports)).toEqual([".", "./testing", "./package.json"]);
    for (const sub of [".", "./testing"]) {
      expect(Object.keys(manifest.exports[sub] as object)).toEqual(["import", "require"]);
    }
    expect(manifest).toMatchObject({ type: "module", license: "MIT", sideEffects: false, engines: { node: ">=20" } });
    // openapi-fetch, the two the Node transport loads only behind an HTTP(S) proxy (src/README.md),
    // and csv-parse, the CLI's alone: no library entry (nor a chunk they share) imports it.
    expect(Object.keys(manifest.dependencies)).toEqual([
      "csv-parse",
      "https-proxy-agent",
      "openapi-fetch",
      "proxy-from-env",
    ]);
    expect(manifest.bin).toEqual({ "twilio-conversations-participants": "./dist/esm/src/cli/main.js" });
    const library = packed.files.filter((f) => /^dist\/(esm|cjs)\/.*\.js$/.test(f) && !f.includes("/cli/"));
    for (const f of library) {
      expect(await readFile(join(consumer, "node_modules", NAME, f), "utf8"), f).not.toMatch(/csv-parse/);
    }
  });

  it("marks each dist half with its module format and sideEffects: false (bundlers read the nearest package.json)", async () => {
    const half = async (h: string) =>
      JSON.parse(await readFile(join(consumer, "node_modules", NAME, "dist", h, "package.json"), "utf8"));
    expect(await half("esm")).toEqual({ type: "module", sideEffects: false });
    expect(await half("cjs")).toEqual({ type: "commonjs", sideEffects: false });
  });

  it("README links resolve where it is read (npm, node_modules): a file the tarball holds, or a Twilio page", async () => {
    const readme = await readFile(join(consumer, "node_modules", NAME, "README.md"), "utf8");
    const targets = [...readme.matchAll(/\]\(([^)\s]+)\)|<(https?:\/\/[^>]+)>/g)].map((m) => m[1] ?? m[2]!);
    expect(targets.length).toBeGreaterThan(0);
    // GitHub's and npm's heading anchors: lower case, punctuation dropped, spaces as hyphens.
    const anchors = [...readme.matchAll(/^#+ (.+)$/gm)].map(
      (m) =>
        "#" +
        m[1]!
          .toLowerCase()
          .replace(/[^\w\- ]/g, "")
          .replace(/ /g, "-"),
    );
    const broken = targets.filter((target) => {
      if (target.startsWith("#")) return !anchors.includes(target);
      // Absolute: only Twilio's own public pages (no repository URL the package does not have).
      if (/^[a-z]+:/i.test(target)) return !/^https:\/\/([\w-]+\.)*twilio\.com\//.test(target);
      return !packed.files.includes(decodeURIComponent(target.replace(/^\.\//, "").split("#")[0]!));
    });
    expect(broken).toEqual([]);
  });
});

describe("ecosystem checkers on the tarball", () => {
  it("publint --strict reports nothing", async () => {
    const result = await run(bin("publint"), ["run", "--strict", packed.tarball], { cwd: packed.dir });
    console.info(result.stdout.trim());
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain("All good!");
    expect(result.stdout).not.toMatch(/Errors:|Warnings:|Suggestions:/);
  });

  it("arethetypeswrong (node16 profile) is all green, for both entry points", async () => {
    const args = [packed.tarball, "--profile", "node16", "--no-definitely-typed"];
    const [table, json] = await Promise.all([
      run(bin("attw"), [...args, "--format", "ascii", "--no-color"], { cwd: packed.dir }),
      // The exit code alone also passes a package with no types at all, so read the analysis too.
      run(bin("attw"), [...args, "--format", "json"], { cwd: packed.dir }),
    ]);
    console.info(table.stdout.trim());
    expect(table.code, table.stdout + table.stderr).toBe(0);
    const { analysis } = JSON.parse(json.stdout) as {
      analysis: {
        types: { kind: string };
        problems: unknown[];
        entrypoints: Record<string, { resolutions: Record<string, { resolution?: { fileName: string } }> }>;
      };
    };
    expect(analysis.types.kind).toBe("included");
    // Even node10, which the node16 profile ignores, is clean (typesVersions covers ./testing).
    expect(analysis.problems).toEqual([]);
    const resolved = (entry: string, kind: string) =>
      analysis.entrypoints[entry]?.resolutions[kind]?.resolution?.fileName;
    for (const [entry, file] of [
      [".", "index"],
      ["./testing", "testing/index"],
    ] as const) {
      expect(resolved(entry, "node16-cjs")).toBe(`/node_modules/${NAME}/dist/cjs/src/${file}.d.ts`);
      expect(resolved(entry, "node16-esm")).toBe(`/node_modules/${NAME}/dist/esm/src/${file}.d.ts`);
      expect(resolved(entry, "bundler")).toBe(`/node_modules/${NAME}/dist/esm/src/${file}.d.ts`);
    }
  });
});

describe("consumers of the installed tarball", () => {
  // The same participant create and a one-row addParticipants run, once through `import` and once through `require`.
  const create = (load: string) => `${load}
  const fake = await startFakeConversations();
  try {
    const client = createConversationsClient({ accountSid: fake.accountSid, authToken: fake.authToken, baseUrl: fake.baseUrl });
    const participant = await client.createServiceConversationParticipant({
      path: { ChatServiceSid: fake.serviceSid, ConversationSid: fake.conversationSid },
      body: { Identity: "alice" },
    });
    const invalid = await client.createServiceConversationParticipant({
      path: { ChatServiceSid: "not-a-sid", ConversationSid: fake.conversationSid }, body: {},
    }).catch((error) => error);
    // addParticipants loads its engine on first read: a chunk (ESM) or a lazy require (CommonJS).
    const bulk = [];
    const run = client.addParticipants([{
      path: { ChatServiceSid: fake.serviceSid, ConversationSid: fake.conversationSid }, body: { Identity: "bob" },
    }]);
    for await (const result of run) bulk.push(result.outcome);
    console.log(JSON.stringify({
      sid: participant.sid, identity: participant.identity, stored: fake.participants.length,
      validation: invalid instanceof TwilioValidationError, version: VERSION, bulk, bulkCreated: run.summary.created,
    }));
  } finally {
    await fake.close();
  }`;

  const expectCreated = (stdout: string) => {
    const out = JSON.parse(stdout.trim()) as Record<string, unknown>;
    expect(out).toMatchObject({ identity: "alice", stored: 2, validation: true, version: manifest.version });
    expect(out).toMatchObject({ bulk: ["created"], bulkCreated: 1 });
    expect(out.sid).toMatch(/^MB[0-9a-fA-F]{32}$/);
  };

  it("ESM: import creates a participant against the fake server", async () => {
    await writeFile(
      join(consumer, "esm.mjs"),
      create(
        `import { createConversationsClient, TwilioValidationError, VERSION } from "${NAME}";
import { startFakeConversations } from "${NAME}/testing";`,
      ),
    );
    const result = ok(await run(process.execPath, ["esm.mjs"], { cwd: consumer }), "node esm.mjs");
    expectCreated(result.stdout);
  });

  it("CJS: require creates a participant against the fake server (openapi-fetch's CJS default export interop)", async () => {
    await writeFile(
      join(consumer, "cjs.cjs"),
      `(async () => {${create(
        `const { createConversationsClient, TwilioValidationError, VERSION } = require("${NAME}");
const { startFakeConversations } = require("${NAME}/testing");`,
      )}
})().catch((error) => { console.error(error); process.exitCode = 1; });`,
    );
    const result = ok(await run(process.execPath, ["cjs.cjs"], { cwd: consumer }), "node cjs.cjs");
    expectCreated(result.stdout);
    // It really ran the CommonJS build, with openapi-fetch's CommonJS entry.
    const which = ok(
      await run(
        process.execPath,
        [
          "-p",
          `[require.resolve("${NAME}"), require.resolve("openapi-fetch"), typeof require("openapi-fetch").default]`,
        ],
        { cwd: consumer },
      ),
      "resolve",
    );
    // On Node the `node` condition picks the Node entry (same API, node:http transport by default).
    expect(which.stdout).toMatch(
      new RegExp(`${NAME}/dist/cjs/src/node\\.js.*openapi-fetch/dist/index\\.cjs.*function`, "s"),
    );
  });

  it("the main entry bundles for the browser with no Node built-in; ./testing does not (it needs node:http)", async () => {
    const bundle = (contents: string, format: "esm" | "cjs") =>
      build({
        stdin: { contents, resolveDir: consumer, sourcefile: "entry.js" },
        bundle: true,
        write: false,
        platform: "browser",
        format,
        logLevel: "silent",
        metafile: true,
      });
    for (const [contents, format, half] of [
      [`export * from "${NAME}";`, "esm", "esm"],
      [`module.exports = require("${NAME}");`, "cjs", "cjs"],
    ] as const) {
      const result = await bundle(contents, format);
      const inputs = Object.keys(result.metafile.inputs);
      expect(inputs.some((i) => i.includes(`${NAME}/dist/${half}/src/index.js`))).toBe(true);
      expect(inputs.filter((i) => i.includes("/testing/") || i.startsWith("node:"))).toEqual([]);
    }
    await expect(bundle(`export * from "${NAME}/testing";`, "esm")).rejects.toThrow(/node:http/);
  });

  it("tree-shakes: importing VERSION alone bundles nothing else (sideEffects: false)", async () => {
    const result = await build({
      stdin: { contents: `import { VERSION } from "${NAME}"; console.log(VERSION);`, resolveDir: consumer },
      bundle: true,
      write: false,
      platform: "browser",
      format: "esm",
      minify: true,
    });
    const code = result.outputFiles[0]!.text;
    expect(code).toContain(JSON.stringify(manifest.version));
    expect(code.length).toBeLessThan(200);
  });
});

describe("strict TypeScript consumers", () => {
  // Each project type-checks one file that must compile and one with a misspelled body field.
  const projects = [
    { name: "node16-esm", type: "module", module: "Node16", moduleResolution: "Node16", half: "esm" },
    { name: "node16-cjs", type: "commonjs", module: "Node16", moduleResolution: "Node16", half: "cjs" },
    { name: "bundler", type: "module", module: "ESNext", moduleResolution: "Bundler", half: "esm" },
  ] as const;

  const typed = `import { createConversationsClient, TwilioApiError, type ServiceConversationParticipant } from "${NAME}";
import { startFakeConversations } from "${NAME}/testing";

export async function addAlice(): Promise<string | null> {
  const fake = await startFakeConversations();
  const client = createConversationsClient({ accountSid: fake.accountSid, authToken: fake.authToken, baseUrl: fake.baseUrl });
  try {
    const participant: ServiceConversationParticipant = await client.createServiceConversationParticipant({
      path: { ChatServiceSid: fake.serviceSid, ConversationSid: fake.conversationSid },
      header: { "X-Twilio-Webhook-Enabled": "true" },
      body: { Identity: "alice", Attributes: "{}", "MessagingBinding.ProjectedAddress": "+15017122661" },
    });
    const index: number | null | undefined = participant.last_read_message_index;
    return index === undefined ? participant.sid : participant.sid;
  } catch (error) {
    if (error instanceof TwilioApiError) return \`\${error.status} \${error.code ?? ""}\`;
    throw error;
  } finally {
    await fake.close();
  }
}
`;
  const misspelled = `import { createConversationsClient } from "${NAME}";

const client = createConversationsClient({ accountSid: "AC00000000000000000000000000000000", authToken: "token" });
export const pending = client.createServiceConversationParticipant({
  path: { ChatServiceSid: "IS00000000000000000000000000000000", ConversationSid: "CH00000000000000000000000000000000" },
  body: { Identiy: "alice" },
});
`;

  /** tsc results by project and config, all started together in beforeAll (tsc is the slow part). */
  const compiled = new Map<string, Promise<Awaited<ReturnType<typeof run>>>>();
  const tsc = (project: string, config: string, ...extra: string[]) =>
    run(process.execPath, [TSC, "-p", config, ...extra], { cwd: join(consumer, project) });

  beforeAll(async () => {
    for (const p of projects) {
      const dir = join(consumer, p.name); // resolves the package from the consumer's node_modules
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, "package.json"), JSON.stringify({ type: p.type }));
      await writeFile(
        join(dir, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            exactOptionalPropertyTypes: true,
            noUncheckedIndexedAccess: true,
            target: "ES2022",
            module: p.module,
            moduleResolution: p.moduleResolution,
            // DOM, no @types/node: the declarations must stand on web-standard types alone.
            lib: ["ES2022", "DOM"],
            types: [],
          },
          files: ["typed.ts"],
        }),
      );
      await writeFile(
        join(dir, "tsconfig.misspelled.json"),
        JSON.stringify({ extends: "./tsconfig.json", files: ["misspelled.ts"] }),
      );
      await writeFile(join(dir, "typed.ts"), typed);
      await writeFile(join(dir, "misspelled.ts"), misspelled);
      compiled.set(`${p.name}/typed`, tsc(p.name, "tsconfig.json", "--listFiles"));
      compiled.set(`${p.name}/misspelled`, tsc(p.name, "tsconfig.misspelled.json"));
    }
  });

  for (const p of projects) {
    describe(`moduleResolution ${p.moduleResolution} (${p.name})`, () => {
      it("compiles typed calls, through the intended half of dist", async () => {
        const result = await compiled.get(`${p.name}/typed`)!;
        expect(result.code, result.stdout + result.stderr).toBe(0);
        expect(result.stdout).toContain(`node_modules/${NAME}/dist/${p.half}/src/index.d.ts`);
        expect(result.stdout).toContain(`node_modules/${NAME}/dist/${p.half}/src/testing/index.d.ts`);
        expect(result.stdout).not.toContain(`/dist/${p.half === "esm" ? "cjs" : "esm"}/`);
      });

      it("fails to compile a misspelled body field, naming it", async () => {
        const result = await compiled.get(`${p.name}/misspelled`)!;
        expect(result.code).not.toBe(0);
        const errors = result.stdout.split("\n").filter((line) => /error TS\d+/.test(line));
        expect(errors, result.stdout).toHaveLength(1);
        expect(errors[0]).toMatch(
          /^misspelled\.ts\(6,11\): error TS2561: Object literal may only specify known properties, but 'Identiy' does not exist in type .*Did you mean to write 'Identity'\?$/,
        );
      });
    });
  }
});
