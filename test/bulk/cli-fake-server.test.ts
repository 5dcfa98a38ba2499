// `twilio-conversations-participants fake-server`, from the packed tarball: it prints where it
// listens and how to reach it (export lines, or --json), `add` from the same package works against
// it with nothing but those values, and SIGTERM / Ctrl-C stop it cleanly (exit 0, port released).
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import { writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createConversationsClient } from "../../src/index.js";
import { run } from "../package/pack.js";
import { packedCli } from "./cli-support.js";

const packed = packedCli();
const noTwilio = { TWILIO_ACCOUNT_SID: "", TWILIO_AUTH_TOKEN: "", TWILIO_API_KEY: "", TWILIO_API_SECRET: "" };
const running: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

interface Started {
  child: ChildProcessWithoutNullStreams;
  stdout: string;
  stderr: () => string;
  exited: Promise<[number | null, NodeJS.Signals | null]>;
}

/** Starts the packed CLI's fake-server and waits for its first `lines` lines on stdout. */
async function startFakeServer(args: string[], lines: number): Promise<Started> {
  const child = spawn(process.execPath, [packed.bin, "fake-server", ...args], {
    cwd: packed.dir,
    env: { ...process.env, ...noTwilio },
  });
  running.push(child);
  const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  let stdout = "";
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  child.stdout.setEncoding("utf8");
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: string) => {
      stdout += chunk;
      if (stdout.split("\n").length > lines) resolve();
    });
    child.once("exit", (code) => reject(new Error(`fake-server exited ${code} before printing:\n${stderr}`)));
  });
  return { child, stdout, stderr: () => stderr, exited };
}

/** The `export NAME=value` lines, as a shell would read them. */
const exported = (text: string) =>
  Object.fromEntries(
    text
      .trim()
      .split("\n")
      .map((line) => /^export ([A-Z_]+)=(\S+)$/.exec(line)!.slice(1, 3) as [string, string]),
  );

/** A free port on loopback (held just long enough to learn its number). */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, "close");
  return port;
}

describe("twilio-conversations-participants fake-server", () => {
  it("prints export lines that are all `add --base-url` needs; the rows are stored; SIGTERM stops it", async () => {
    const port = await freePort();
    const fake = await startFakeServer(["--port", String(port)], 5);
    const values = exported(fake.stdout);
    expect(Object.keys(values)).toEqual([
      "TWILIO_CONVERSATIONS_BASE_URL",
      "TWILIO_ACCOUNT_SID",
      "TWILIO_AUTH_TOKEN",
      "CONVERSATIONS_SERVICE_SID",
      "CONVERSATION_SID",
    ]);
    expect(values.TWILIO_CONVERSATIONS_BASE_URL).toBe(`http://127.0.0.1:${port}`);
    expect(values.TWILIO_ACCOUNT_SID).toMatch(/^AC[0-9a-f]{32}$/);
    expect(values.CONVERSATIONS_SERVICE_SID).toMatch(/^IS[0-9a-f]{32}$/);
    expect(values.CONVERSATION_SID).toMatch(/^CH[0-9a-f]{32}$/);

    await writeFile(join(packed.dir, "fake-people.csv"), 'Identity,Attributes\nalice,"{""team"":""support""}"\nbob,\n');
    const add = await run(
      process.execPath,
      [
        packed.bin,
        "add",
        "--base-url",
        values.TWILIO_CONVERSATIONS_BASE_URL!,
        "--service",
        values.CONVERSATIONS_SERVICE_SID!,
        "--conversation",
        values.CONVERSATION_SID!,
        "--file",
        "fake-people.csv",
      ],
      {
        cwd: packed.dir,
        env: {
          ...noTwilio,
          TWILIO_ACCOUNT_SID: values.TWILIO_ACCOUNT_SID,
          TWILIO_AUTH_TOKEN: values.TWILIO_AUTH_TOKEN,
        },
      },
    );
    expect(add.stderr).toMatch(/^created 2, existing 0, failed 0;/m);
    expect(add.code).toBe(0);

    // What the fake stored, read back through its own list endpoint.
    const client = createConversationsClient({
      accountSid: values.TWILIO_ACCOUNT_SID,
      authToken: values.TWILIO_AUTH_TOKEN,
      baseUrl: values.TWILIO_CONVERSATIONS_BASE_URL,
    });
    const stored = [];
    for await (const p of client.listServiceConversationParticipant({
      path: { ChatServiceSid: values.CONVERSATIONS_SERVICE_SID!, ConversationSid: values.CONVERSATION_SID! },
    }))
      stored.push([p.identity, p.attributes]);
    expect(stored).toEqual([
      ["alice", '{"team":"support"}'],
      ["bob", "{}"],
    ]);

    fake.child.kill("SIGTERM");
    expect(await fake.exited).toEqual([0, null]);
    expect(fake.stderr()).toContain("SIGTERM: stopped; 2 participants were added.");
    // The port is free again: closed, not left to the process's end.
    const again = createServer().listen(port, "127.0.0.1");
    await once(again, "listening");
    again.close();
  });

  it("--json prints the same values as one JSON object; Ctrl-C (SIGINT) stops it with exit 0", async () => {
    const fake = await startFakeServer(["--json"], 1);
    const values = JSON.parse(fake.stdout) as Record<string, string>;
    expect(values.TWILIO_CONVERSATIONS_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(values.TWILIO_AUTH_TOKEN).toMatch(/^\w+$/);
    // It answers as the fake does: a wrong password is refused (Twilio's 20003).
    const refused = await fetch(
      `${values.TWILIO_CONVERSATIONS_BASE_URL}/v1/Services/${values.CONVERSATIONS_SERVICE_SID}/Conversations/${values.CONVERSATION_SID}/Participants`,
      { headers: { Authorization: `Basic ${btoa(`${values.TWILIO_ACCOUNT_SID}:wrong`)}` } },
    );
    expect(refused.status).toBe(401);
    fake.child.kill("SIGINT");
    expect(await fake.exited).toEqual([0, null]);
    expect(fake.stderr()).toContain("SIGINT: stopped; 0 participants were added.");
  });

  it("fake-server --help shows its options with an example each; a bad --port is refused with exit 2", async () => {
    const help = await run(process.execPath, [packed.bin, "fake-server", "--help"], { cwd: packed.dir });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^ +twilio-conversations-participants fake-server \[--port N\] \[--json\]$/m);
    for (const option of ["--port", "--json"]) {
      expect(help.stdout, option).toMatch(new RegExp(`^  ${option}\\b[^]*?e\\.g\\. ${option}`, "m"));
    }
    const bad = await run(process.execPath, [packed.bin, "fake-server", "--port", "99999"], { cwd: packed.dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--port must be a whole number from 0 to 65535, not 99999");
  });
});
