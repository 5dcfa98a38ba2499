// What the samples tests share: running a command, a fake for a call's example path, the
// environment a reader's shell has, and the checks on what a sample put on the wire.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect } from "vitest";
import { startFakeConversations, type FakeConversations, type RecordedRequest } from "../../src/testing/index.js";

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
export interface Run { code: number; stdout: string; stderr: string }

/** Runs a command; never throws on a non-zero exit, so tests can assert on the output. */
export async function exec(file: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(file, args, { ...options, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string; message: string };
    return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? e.message };
  }
}

/** A fresh fake holding the service and conversation the call's examples name. */
export const fakeFor = (call: Call) => startFakeConversations({
  services: { [String(call.input.path.ChatServiceSid)]: [String(call.input.path.ConversationSid)] },
});

/** The environment a reader's shell has: the fake's credentials only (no proxy: nothing leaves loopback). */
export const envFor = (fake: FakeConversations, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH, HOME: process.env.HOME,
  TWILIO_ACCOUNT_SID: fake.accountSid, TWILIO_AUTH_TOKEN: fake.authToken, ...extra,
});

const encode = (v: unknown) =>
  encodeURIComponent(String(v)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const asWire = (fields: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v === null ? "" : String(v)]));

/** The one request a sample sent is the call's: method, path, query, header and form body. */
export function expectOnTheWire(requests: RecordedRequest[], call: Call) {
  expect(requests.map((r) => `${r.method} ${r.url}`)).toHaveLength(1);
  const [request] = requests as [RecordedRequest];
  const [path, search = ""] = request.url.split("?");
  expect(request.method).toBe(call.method);
  expect(path).toBe(call.path.replace(/\{(\w+)\}/g, (_, name: string) => encode(call.input.path[name])));
  expect(Object.fromEntries(new URLSearchParams(search))).toEqual(asWire(call.input.query));
  for (const [name, value] of Object.entries(call.input.header)) {
    expect(request.headers[name.toLowerCase()]).toBe(String(value));
  }
  if (call.input.body) expect(request.form).toEqual(asWire(call.input.body));
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
