// What the samples tests share: running a command, a fake for a call's example path, the
// environment a reader's shell has, and the checks on what a sample put on the wire.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect } from "vitest";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { SERVED_OPERATIONS } from "../../src/testing/fake-server.js";
import { startFakeConversations, type RecordedRequest } from "../../src/testing/index.js";

/** One operation's call as scripts/lib/sample-inputs.mjs fills it in from the spec's examples. */
export interface Call {
  operationId: string;
  method: string;
  path: string;
  methodName: string;
  input: {
    path: Record<string, unknown>;
    query: Record<string, unknown>;
    header: Record<string, unknown>;
    body?: Record<string, unknown>;
  };
}
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command; never throws on a non-zero exit, so tests can assert on the output. */
export async function exec(
  file: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeout?: number },
): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(file, args, { timeout: 30_000, ...options });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string; message: string };
    return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? e.message };
  }
}

/** Where a sample is run: the fake, or a loopback server answering with the spec's own example. */
export interface SampleServer {
  baseUrl: string;
  accountSid: string;
  authToken: string;
  requests: RecordedRequest[];
  /** The fake's participants; undefined for an operation the fake does not serve. */
  participants: unknown[] | undefined;
  /** The body a success answer carries, when the spec's example gave it (not the fake). */
  example?: unknown;
  close(): Promise<void>;
}

/** The operations the fake (src/testing) serves; any other is answered from the spec's examples. */
const FAKE_SERVES = new Set<string>(SERVED_OPERATIONS.map((op) => op.operationId));

/** A fresh fake holding the service and conversation the call's examples name, or an example server. */
export async function serverFor(call: Call, spec: Record<string, any>): Promise<SampleServer> {
  if (!FAKE_SERVES.has(call.operationId)) return exampleServer(call, spec);
  return startFakeConversations({
    services: { [String(call.input.path.ChatServiceSid)]: [String(call.input.path.ConversationSid)] },
  }) as Promise<SampleServer>;
}

/** Answers every request with the operation's first 2xx and its example body (none for a 204). */
async function exampleServer(call: Call, spec: Record<string, any>): Promise<SampleServer> {
  const resolve = (node: any): any =>
    node?.$ref
      ? resolve(
          node.$ref
            .slice(2)
            .split("/")
            .reduce((o: any, k: string) => o[k], spec),
        )
      : node;
  const operation = spec.paths[call.path][call.method.toLowerCase()];
  const [status, response] = Object.entries(operation.responses as Record<string, unknown>).find(([code]) =>
    /^2\d\d$/.test(code),
  )!;
  const media = resolve(response).content?.["application/json"];
  const example = media?.example ?? resolve(Object.values(media?.examples ?? {})[0])?.value ?? (media ? {} : undefined);
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      const form = Object.fromEntries(new URLSearchParams(body));
      requests.push({ method: req.method!, url: req.url!, headers: req.headers, body, form });
      res.writeHead(Number(status), example === undefined ? {} : { "Content-Type": "application/json" });
      res.end(example === undefined ? undefined : JSON.stringify(example));
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    accountSid: "AC0123456789abcdef0123456789abcdef",
    authToken: "example-server-token",
    requests,
    participants: undefined,
    example,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** The environment a reader's shell has: the server's credentials only (no proxy: nothing leaves loopback). */
export const envFor = (fake: SampleServer, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  TWILIO_ACCOUNT_SID: fake.accountSid,
  TWILIO_AUTH_TOKEN: fake.authToken,
  ...extra,
});

const encode = (v: unknown) =>
  encodeURIComponent(String(v)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const byKey = (a: [string, string], b: [string, string]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
/** The key=value pairs Twilio reads from `fields` (an array as its key repeated), in key order. */
const asWire = (fields: Record<string, unknown>) =>
  Object.entries(fields)
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x): [string, string] => [k, x === null ? "" : String(x)]))
    .sort(byKey);
const pairsOf = (encoded: string) => [...new URLSearchParams(encoded)].sort(byKey);

/** The one request a sample sent is the call's: method, path, query, header and form body. */
export function expectOnTheWire(requests: RecordedRequest[], call: Call) {
  expect(requests.map((r) => `${r.method} ${r.url}`)).toHaveLength(1);
  const [request] = requests as [RecordedRequest];
  const [path, search = ""] = request.url.split("?");
  expect(request.method).toBe(call.method);
  expect(path).toBe(call.path.replace(/\{(\w+)\}/g, (_, name: string) => encode(call.input.path[name])));
  expect(pairsOf(search)).toEqual(asWire(call.input.query));
  for (const [name, value] of Object.entries(call.input.header)) {
    expect(request.headers[name.toLowerCase()]).toBe(String(value));
  }
  if (call.input.body) expect(pairsOf(request.body)).toEqual(asWire(call.input.body));
  else expect(request.body).toBe("");
}

/**
 * A create ends well. A read may end in the fake's Twilio error instead (the example participant
 * SID is not one the fresh fake holds, or the fake does not serve the read): the sample then
 * throws that error, and what it put on the wire is still checked.
 */
export function expectAnswered(call: Call, run: Run) {
  if (run.code === 0) return;
  expect(call.method, run.stderr).toBe("GET");
  expect(run.stderr).toMatch(/TwilioApiError: GET http:\/\/127\.0\.0\.1:\d+\/\S+ failed with HTTP \d{3}/);
}
