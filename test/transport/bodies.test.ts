// Issue 11, "unusable 2xx bodies": the Node transport asks for and decodes compressed answers as
// fetch does (gzip, deflate, br), and a body the connection cut short keeps its status, with what
// arrived, in both transports (isCutShort), so a 201 is never reported as "may not have been sent".
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { createConversationsClient as createWebClient, TwilioApiError } from "../../src/index.js";
import { createConversationsClient as createNodeClient } from "../../src/node.js";
import { isCutShort, isTruncated, isUndecodable } from "../../src/internal/transport.js";
import { fetchTransport } from "../../src/internal/transport/fetch.js";
import { createNodeTransport } from "../../src/internal/transport/node-http.js";
import { NodeRequest } from "../../src/internal/transport/node-request.js";
import { loopback, PARTICIPANT, SIDS, type Respond } from "./support.js";

const create = {
  path: { ChatServiceSid: SIDS.service, ConversationSid: SIDS.conversation },
  body: { Identity: "alice" },
};
const ENCODERS = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync } as const;

/** Answers `status` with `body` as JSON, compressed with `coding`. */
const compressed =
  (status: number, body: unknown, coding: keyof typeof ENCODERS): Respond =>
  (_req, res) => {
    const bytes = ENCODERS[coding](Buffer.from(JSON.stringify(body)));
    res.writeHead(status, {
      "Content-Type": "application/json",
      "Content-Encoding": coding,
      "Content-Length": bytes.length,
    });
    res.end(bytes);
  };

describe("compressed answers (the Node transport)", () => {
  it("a gzip-encoded 201 is the participant; the request asked for gzip, deflate, br", async () => {
    const server = await loopback(compressed(201, PARTICIPANT, "gzip"));
    const client = createNodeClient({ accountSid: SIDS.account, authToken: "t", baseUrl: server.baseUrl });
    expect(await client.createServiceConversationParticipant(create)).toEqual(PARTICIPANT);
    expect(server.requests[0]!.headers["accept-encoding"]).toBe("gzip, deflate, br");
  });

  it("a gzip-encoded 409 is the TwilioApiError with Twilio's code and message", async () => {
    const server = await loopback(
      compressed(409, { code: 50433, message: "Participant already exists", status: 409 }, "gzip"),
    );
    const client = createNodeClient({ accountSid: SIDS.account, authToken: "t", baseUrl: server.baseUrl });
    const error = await client.createServiceConversationParticipant(create).catch((e) => e);
    expect(error).toBeInstanceOf(TwilioApiError);
    expect([error.status, error.code]).toEqual([409, 50433]);
    expect(error.message).toContain("Participant already exists");
  });

  it.each(["deflate", "br"] as const)("%s decodes as fetch decodes it", async (coding) => {
    const server = await loopback(compressed(200, { coding }, coding));
    const viaNode = await (
      await createNodeTransport({ maxResponseBytes: 1 << 20 }).fetch(
        new NodeRequest(`${server.baseUrl}/x`) as unknown as Request,
      )
    ).json();
    expect(viaNode).toEqual(await (await fetch(`${server.baseUrl}/x`)).json());
    expect(viaNode).toEqual({ coding });
  });

  it.each([
    ["deflate", "raw deflate (no zlib header), which some servers send", deflateRawSync],
    ["gzip, gzip", "gzip twice: the last coding is undone first", (b: Buffer) => gzipSync(gzipSync(b))],
    ["gzip, br", "br over gzip", (b: Buffer) => brotliCompressSync(gzipSync(b))],
  ] as const)("Content-Encoding %s: %s, decoded as fetch decodes it", async (coding, _what, encode) => {
    const server = await loopback((_req, res) => {
      res.writeHead(201, { "Content-Type": "application/json", "Content-Encoding": coding });
      res.end(encode(Buffer.from(JSON.stringify(PARTICIPANT))));
    });
    const client = createNodeClient({ accountSid: SIDS.account, authToken: "t", baseUrl: server.baseUrl });
    expect(await client.createServiceConversationParticipant(create)).toEqual(PARTICIPANT);
    expect(await (await fetch(`${server.baseUrl}/x`)).json()).toEqual(PARTICIPANT);
  });

  it("the cap counts decoded bytes, so a small compressed body cannot fill memory", async () => {
    const server = await loopback(compressed(200, { padding: "x".repeat(100_000) }, "gzip"));
    const response = await createNodeTransport({ maxResponseBytes: 1000 }).fetch(
      new NodeRequest(`${server.baseUrl}/x`) as unknown as Request,
    );
    expect([(await response.text()).length, isTruncated(response)]).toEqual([1000, true]);
  });
});

describe.each([
  [
    "node:http",
    createNodeClient,
    () => createNodeTransport({ maxResponseBytes: 1 << 20 }),
    NodeRequest as unknown as typeof Request,
  ],
  ["global fetch", createWebClient, () => fetchTransport((r) => fetch(r), { maxResponseBytes: 1 << 20 }), Request],
] as const)("a body cut short by the connection closing, through %s", (_name, make, transport, RequestClass) => {
  /** A 201 that promises 1000 bytes, sends 7, and closes. */
  const cutShort: Respond = (_req, res, socket) => {
    res.writeHead(201, { "Content-Type": "application/json", "Content-Length": "1000" });
    res.write('{"sid":', () => socket.destroy());
  };

  it("the transport resolves the status with the partial body, marked cut short (not truncated)", async () => {
    const server = await loopback(cutShort);
    const response = await transport().fetch(new RequestClass(`${server.baseUrl}/x`, { method: "POST", body: "a" }));
    expect([response.status, await response.text(), isCutShort(response), isTruncated(response)]).toEqual([
      201,
      '{"sid":',
      true,
      false,
    ]);
  });

  it("through the client the 201 is a TwilioApiError with its status, never a connection error, and not resent", async () => {
    const server = await loopback(cutShort);
    const client = make({ accountSid: SIDS.account, authToken: "t", baseUrl: server.baseUrl, maxRetries: 3 });
    const error = await client.createServiceConversationParticipant(create).catch((e) => e);
    expect(error).toBeInstanceOf(TwilioApiError);
    expect([error.status, error.attempts, error.rawBody]).toEqual([201, 1, '{"sid":']);
    expect(server.requests).toHaveLength(1);
  });
});

describe.each([
  ["node:http", createNodeClient],
  ["global fetch", createWebClient],
] as const)("a body its Content-Encoding misdescribes, through %s", (_name, make) => {
  /** `status` with a plain HTML page labelled `coding`, as a misconfigured gateway sends. */
  const mislabelled =
    (status: number, coding: string): Respond =>
    (_req, res) => {
      res.writeHead(status, { "Content-Type": "text/html", "Content-Encoding": coding });
      res.end("<html><body>Too Many Requests</body></html>");
    };

  it.each(["gzip", "deflate", "br"])("a 429 labelled %s keeps its status: refused, so resent", async (coding) => {
    const server = await loopback(mislabelled(429, coding));
    const client = make({ accountSid: SIDS.account, authToken: "t", baseUrl: server.baseUrl, maxRetries: 1 });
    const error = await client.createServiceConversationParticipant(create).catch((e) => e);
    expect(error).toBeInstanceOf(TwilioApiError);
    expect([error.status, error.attempts]).toEqual([429, 2]);
    expect(error.message).toContain("does not match its Content-Encoding");
    expect(server.requests).toHaveLength(2);
  });

  it("a 201 labelled gzip is an unusable success: a TwilioApiError 201, not resent", async () => {
    const server = await loopback(mislabelled(201, "gzip"));
    const client = make({ accountSid: SIDS.account, authToken: "t", baseUrl: server.baseUrl, maxRetries: 3 });
    const error = await client.createServiceConversationParticipant(create).catch((e) => e);
    expect(error).toBeInstanceOf(TwilioApiError);
    expect([error.status, error.attempts]).toEqual([201, 1]);
    expect(error.message).toContain("could not be decoded as its Content-Encoding says");
    expect(server.requests).toHaveLength(1);
  });

  it("the transport marks it undecodable, with its status", async () => {
    const server = await loopback(mislabelled(400, "gzip"));
    const transport =
      make === createNodeClient
        ? createNodeTransport({ maxResponseBytes: 1 << 20 })
        : fetchTransport((r) => fetch(r), { maxResponseBytes: 1 << 20 });
    const RequestClass = make === createNodeClient ? (NodeRequest as unknown as typeof Request) : Request;
    const response = await transport.fetch(new RequestClass(`${server.baseUrl}/x`));
    const text = await response.text(); // the Node transport marks the body once it has read it
    expect([response.status, text, isUndecodable(response), isCutShort(response)]).toEqual([400, "", true, false]);
  });
});

describe.each([
  ["node:http", createNodeClient],
  ["global fetch", createWebClient],
] as const)("a status outside 200–599 from a broken gateway, through %s", (_name, make) => {
  it("is a TwilioApiError with that status, not a connection error", async () => {
    const server = await loopback((_req, res) => {
      res.writeHead(999, { "Content-Type": "text/plain" });
      res.end("odd");
    });
    const client = make({ accountSid: SIDS.account, authToken: "t", baseUrl: server.baseUrl, maxRetries: 0 });
    const error = await client.createServiceConversationParticipant(create).catch((e) => e);
    expect(error).toBeInstanceOf(TwilioApiError);
    expect([error.status, error.rawBody]).toEqual([999, "odd"]);
  });
});
