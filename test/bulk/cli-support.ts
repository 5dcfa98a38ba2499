// Shared set-up of the CLI tests: the packed tarball installed in a consumer project, as users get it.
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { buildAndPack, ok, run, type Packed } from "../package/pack.js";

export const SERVICE = "IS00000000000000000000000000000001";
export const conv = (n: number) => `CH${String(n).padStart(32, "0")}`;

/** Installs the tarball (and so csv-parse) and returns the path of the installed `bin` script. */
export async function installCli(packed: Packed): Promise<string> {
  const consumer = join(packed.dir, "cli-consumer");
  await mkdir(consumer);
  await writeFile(join(consumer, "package.json"), JSON.stringify({ name: "cli-consumer", private: true }));
  ok(
    await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", packed.tarball], {
      cwd: consumer,
    }),
    "npm install <tarball>",
  );
  return join(consumer, "node_modules", ".bin", "twilio-conversations-participants");
}

/** Packs and installs the CLI once for the calling test file (removed after it); read `.bin` and `.dir` in tests. */
export function packedCli(): { bin: string; dir: string } {
  const cli = { bin: "", dir: "" };
  let packed: Packed | undefined;
  beforeAll(async () => {
    packed = await buildAndPack();
    cli.dir = packed.dir;
    cli.bin = await installCli(packed);
  }, 240_000);
  afterAll(async () => {
    if (packed) await rm(packed.dir, { recursive: true, force: true });
  });
  return cli;
}

/** The environment that points the CLI at `fake` with its credentials. */
export const fakeEnv = (fake: { accountSid: string; authToken: string; baseUrl: string }) => ({
  TWILIO_ACCOUNT_SID: fake.accountSid,
  TWILIO_AUTH_TOKEN: fake.authToken,
  TWILIO_CONVERSATIONS_BASE_URL: fake.baseUrl,
});

/** `add` of `file` to conversation 1 of SERVICE, with `more` options. */
export const addArgs = (file: string, ...more: string[]) => [
  "add",
  "--service",
  SERVICE,
  "--conversation",
  conv(1),
  "--file",
  file,
  ...more,
];

/**
 * The reads among `requests`, per conversation SID: participant fetches (by identity or SID),
 * listings begun (a first page: no PageToken) and list pages in all.
 */
export function readsOf(requests: { method: string; url: string }[]) {
  const reads = new Map<string, { fetches: number; listings: number; pages: number }>();
  for (const r of requests) {
    const m = /\/Conversations\/([^/?]+)\/Participants(\/[^/?]+)?(?:\?(.*))?$/.exec(r.url);
    if (r.method !== "GET" || !m) continue;
    const here = reads.get(m[1]!) ?? { fetches: 0, listings: 0, pages: 0 };
    reads.set(m[1]!, here);
    if (m[2]) here.fetches++;
    else {
      here.pages++;
      if (!new URLSearchParams(m[3] ?? "").has("PageToken")) here.listings++;
    }
  }
  return reads;
}
