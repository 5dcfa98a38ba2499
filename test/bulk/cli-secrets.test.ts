// Issue 21: the CLI's outputs take their text from the client's errors, so they inherit the
// scrubbing. The real command, from the packed tarball, runs a file against a loopback server that
// fails every row echoing the credentials back, each row in another spelling (spellings.ts), in the
// JSON message, the body, the status text and the request-id header. Nothing the command prints or
// writes (stdout, stderr, --journal, --out, --json) holds the token, read every way.
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { run } from "../package/pack.js";
import { leaking, spellings } from "../reliability/spellings.js";
import { rawServer } from "../reliability/support.js";
import { addArgs, packedCli, SERVICE } from "./cli-support.js";

const packed = packedCli();

const SID = "AC5ec12e75ec12e75ec12e75ec12e75ec1";
const TOKEN = "AUTHTOKEN-c0ffee-d0n0tl3ak-7a11";
const ECHOES = [
  ...spellings(TOKEN),
  ...spellings(`${SID}:${TOKEN}`),
  ...spellings(`Basic ${Buffer.from(`${SID}:${TOKEN}`).toString("base64")}`),
].map(([, text]) => text);

describe("twilio-conversations-participants, against a server echoing the credentials", () => {
  it.each([
    ["--json", ["--json"]],
    ["the human summary", []],
  ])("with %s: stdout, stderr, the journal and --out hold no spelling of the token", async (name, flags) => {
    const server = await rawServer((req, res) => {
      if (req.method === "GET") return answerPreflight(req.url, res); // the conversation is there, empty
      const identity = new URLSearchParams(req.body).get("Identity") ?? "";
      const echo = ECHOES[Number(identity.slice(1))] ?? TOKEN;
      const json = identity.length % 2 === 0;
      res
        .writeHead(400, `Bad Request ${echo}`, {
          "Content-Type": json ? "application/json" : "text/plain",
          "Twilio-Request-Id": echo,
        })
        .end(json ? JSON.stringify({ code: 20001, message: `bad ${echo}`, more_info: echo }) : `refused: ${echo}`);
    });
    const dir = join(packed.dir, `secrets-${flags.length}`);
    await mkdir(dir);
    await writeFile(join(dir, "people.csv"), `Identity\n${ECHOES.map((_, i) => `r${i}`).join("\n")}\n`);
    const result = await addAgainst(
      server.baseUrl,
      dir,
      "--journal",
      "j.jsonl",
      "--out",
      "results.csv",
      "--rate",
      "1000",
      ...flags,
    );
    expect(result.code).toBe(1);
    const creates = server.requests.filter((r) => r.method === "POST");
    expect(creates.length).toBeGreaterThanOrEqual(ECHOES.length); // every row was tried
    const journal = await readFile(join(dir, "j.jsonl"), "utf8");
    const out = await readFile(join(dir, "results.csv"), "utf8");
    expect(out).toContain("20001"); // the rows' errors are there, scrubbed
    const lines = [result.stdout, result.stderr, journal, out].flatMap((text) => text.split("\n"));
    expect(leaking(lines, TOKEN), name).toEqual([]);
  });
});

describe("twilio-conversations-participants, its preflight refused with the credentials echoed", () => {
  it("prints one line naming the credentials, exit 2, and no spelling of the token", async () => {
    const all = ECHOES.join(" ");
    const server = await rawServer((_req, res) =>
      res
        .writeHead(401, `Unauthorized ${ECHOES.slice(0, 30).join(" ")}`, {
          "Content-Type": "application/json",
          "Twilio-Request-Id": ECHOES[0]!,
        })
        .end(JSON.stringify({ code: 20003, message: `Authenticate ${all}`, more_info: all })),
    );
    const dir = join(packed.dir, "secrets-preflight");
    await mkdir(dir);
    await writeFile(join(dir, "people.csv"), "Identity\nalice\n");
    const result = await addAgainst(server.baseUrl, dir, "--json");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("20003");
    expect(server.requests.filter((r) => r.method === "POST")).toEqual([]);
    const lines = [result.stdout, result.stderr].flatMap((text) => text.split("\n"));
    expect(leaking(lines, TOKEN)).toEqual([]);
  });
});

/** The packed CLI's `add` of `dir`/people.csv against `baseUrl`, with the echoed credentials. */
function addAgainst(baseUrl: string, dir: string, ...more: string[]) {
  return run(process.execPath, [packed.bin, ...addArgs("people.csv", ...more)], {
    cwd: dir,
    env: {
      TWILIO_ACCOUNT_SID: SID,
      TWILIO_AUTH_TOKEN: TOKEN,
      TWILIO_API_KEY: "",
      TWILIO_API_SECRET: "",
      TWILIO_CONVERSATIONS_BASE_URL: baseUrl,
    },
  });
}

/** The preflight's reads: the conversation exists and has no participants yet. */
function answerPreflight(url: string, res: ServerResponse): void {
  const path = url.split("?")[0]!;
  const body = path.endsWith("/Participants")
    ? { participants: [], meta: { page: 0, page_size: 100, url: path, next_page_url: null, key: "participants" } }
    : { sid: path.split("/").at(-1), chat_service_sid: SERVICE };
  res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(body));
}
