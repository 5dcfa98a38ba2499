// The README's code and commands, exactly as written, from the packed tarball installed in a fresh
// `npm init -y` project (CommonJS, as a new user's is): the `fake-server` command it shows, then the
// quickstart file (twice: created, then existing) and the CLI transcript against that fake, each
// command's output compared with the README's (SIDs, token, port and timings aside).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAndPack, ok, root, run, type Packed } from "./pack.js";

let packed: Packed;
let project: string;
const noTwilio = { TWILIO_ACCOUNT_SID: "", TWILIO_AUTH_TOKEN: "", TWILIO_API_KEY: "", TWILIO_API_SECRET: "" };

beforeAll(async () => {
  packed = await buildAndPack();
  project = join(packed.dir, "quickstart");
  await mkdir(project);
  ok(await run("npm", ["init", "-y"], { cwd: project }), "npm init -y");
  const install = ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", packed.tarball];
  ok(await run("npm", install, { cwd: project }), "npm install <tarball>");
}, 240_000);

afterAll(async () => {
  if (packed) await rm(packed.dir, { recursive: true, force: true });
});

const readme = await readFile(join(root, "README.md"), "utf8");

/** The quickstart block, byte for byte, and the file name the README gives it. */
function quickstart(): { name: string; code: string } {
  const m = /<!-- quickstart ([\w.-]+)[^>]*-->\n```js\n([\s\S]*?)```\n<!-- \/quickstart -->/.exec(readme);
  if (!m) throw new Error("README.md has no <!-- quickstart FILE --> ```js block <!-- /quickstart -->");
  return { name: m[1]!, code: m[2]! };
}

/** A `console` transcript: each `$ ` line a command, the lines after it what it prints. */
function transcript(name: string): { command: string; output: string }[] {
  const re = new RegExp(
    `<!-- readme-cli ${name}\\b[^>]*-->\\n\`\`\`console\\n([\\s\\S]*?)\`\`\`\\n<!-- /readme-cli -->`,
  );
  const body = re.exec(readme)?.[1];
  if (!body) throw new Error(`README.md has no <!-- readme-cli ${name} --> block`);
  const steps: { command: string; output: string }[] = [];
  for (const line of body.split("\n").slice(0, -1)) {
    if (line.startsWith("$ ")) steps.push({ command: line.slice(2), output: "" });
    else steps.at(-1)!.output += `${line}\n`;
  }
  return steps;
}

/** The files the README shows (`<!-- readme-file NAME -->` over a fenced block). */
const files = () =>
  [...readme.matchAll(/<!-- readme-file (\S+) -->\n```\w*\n([\s\S]*?)```/g)].map((m) => [m[1]!, m[2]!] as const);

/** What differs from run to run: SIDs, the token, the port, elapsed seconds. */
const normal = (text: string) =>
  text
    .replace(/\b(AC|IS|CH|MB)[0-9a-f]{32}\b/g, "$1<sid>")
    .replace(/\b[0-9a-f]{32}\b/g, "<token>")
    .replace(/127\.0\.0\.1:\d+/g, "127.0.0.1:<port>")
    .replace(/\b\d+\.\d s\b/g, "<t> s");

describe("the README, as written, from the tarball", () => {
  it("fake-server, then the quickstart twice (created, existing), then the CLI transcript", async () => {
    // 1. The fake, started with the README's command (in its own process group, to stop npx and node).
    const [start] = transcript("fake-server");
    const fake = spawn("bash", ["-c", start!.command], {
      cwd: project,
      env: { ...process.env, ...noTwilio },
      detached: true,
    });
    const exited = once(fake, "exit");
    let stdout = "";
    let stderr = "";
    fake.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    try {
      await new Promise<void>((resolve, reject) => {
        fake.stdout.setEncoding("utf8").on("data", (chunk: string) => {
          stdout += chunk;
          if (stdout.split("\n").length > start!.output.split("\n").length - 1) resolve();
        });
        fake.once("exit", (code) => reject(new Error(`fake-server exited ${code}:\n${stderr}`)));
      });
      expect(normal(stdout)).toBe(normal(start!.output));
      const env = {
        ...noTwilio,
        ...Object.fromEntries([...stdout.matchAll(/^export ([A-Z_]+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!])),
      };

      // 2. The quickstart file, run as the README says, with the variables it names.
      const { name, code } = quickstart();
      await writeFile(join(project, name), code);
      const runs = [...readme.matchAll(new RegExp(`^node ${name.replace(".", "\\.")} +# (.*)$`, "gm"))];
      expect(runs.length, `README shows what \`node ${name}\` prints`).toBeGreaterThan(0);
      const sids = new Set<string>();
      for (const [, shown] of runs) {
        const result = await run(process.execPath, [name], { cwd: project, env, timeout: 30_000 });
        expect(result.stderr).toBe("");
        expect(result.code).toBe(0);
        sids.add(/MB[0-9a-f]{32}/.exec(result.stdout)?.[0] ?? "");
        expect(shown!.startsWith(result.stdout.trim().replace(/MB[0-9a-f]{32}/, "MB…")), shown).toBe(true);
      }
      expect(sids.size, "every run reports the same participant").toBe(1);

      // 3. The CLI transcript against the same fake, over the README's sample file.
      for (const [file, text] of files()) await writeFile(join(project, file), text);
      for (const step of transcript("add")) {
        const result = await run("bash", ["-c", step.command], { cwd: project, env });
        expect(result.code, result.stderr).toBe(0);
        expect(normal(result.stdout + result.stderr), step.command).toBe(normal(step.output));
      }
    } finally {
      if (fake.exitCode === null) process.kill(-fake.pid!, "SIGTERM");
      await exited;
    }
    expect(stderr).toContain("SIGTERM: stopped; 3 participants were added.");
  }, 120_000);
});
