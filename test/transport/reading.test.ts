// How the Node transport reads a response: at most maxResponseBytes of it, chunked or not, UTF-8
// split anywhere, and never past an abort or a timeout; and how global fetch's body is read: once.
import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createConversationsClient as createWebClient,
  TwilioApiError,
  TwilioTimeoutError,
  type TransportFetch,
} from "../../src/index.js";
import { createConversationsClient } from "../../src/node.js";
import { isCutShort, isTruncated } from "../../src/internal/transport.js";
import { createNodeTransport } from "../../src/internal/transport/node-http.js";
import { NodeRequest } from "../../src/internal/transport/node-request.js";
import { json, loopback, PARTICIPANT, SIDS } from "./support.js";

const get = (url: string, signal?: AbortSignal) =>
  new NodeRequest(url, { signal: signal ?? null }) as unknown as Request;
const create = {
  path: { ChatServiceSid: SIDS.service, ConversationSid: SIDS.conversation },
  body: { Identity: "alice" },
};

/** Writes `parts` as separate chunks of a chunked response (no Content-Length). */
const chunked = (status: number, parts: (string | Buffer)[]) => (_req: unknown, res: ServerResponse) => {
  res.writeHead(status, { "Content-Type": "application/json" });
  for (const part of parts) res.write(part);
  res.end();
};

describe("the body cap (maxResponseBytes)", () => {
  it("a body of exactly the cap is whole; one byte more is cut at the cap and marked", async () => {
    const server = await loopback((req, res) => res.end("x".repeat(Number(req.url.slice(1)))));
    const transport = createNodeTransport({ maxResponseBytes: 10 });
    const exact = await transport.fetch(get(`${server.baseUrl}/10`));
    expect([await exact.text(), isTruncated(exact)]).toEqual(["x".repeat(10), false]);
    const over = await transport.fetch(get(`${server.baseUrl}/11`));
    expect([await over.text(), isTruncated(over)]).toEqual(["x".repeat(10), true]);
  });

  it("stops reading mid-stream: the rest is never read and that connection is not reused", async () => {
    const server = await loopback(chunked(200, ["123456", "789012", "345678"]));
    const transport = createNodeTransport({ maxResponseBytes: 10 });
    const response = await transport.fetch(get(`${server.baseUrl}/a`));
    expect(await response.text()).toBe("1234567890");
    expect(isTruncated(response)).toBe(true);
    await server.allClosed();
    await (await transport.fetch(get(`${server.baseUrl}/b`))).text();
    expect(server.connections).toBe(2);
  });

  it("through the client: an oversized 201 is a TwilioApiError, and a huge error body is kept only up to the cap", async () => {
    const server = await loopback((req, res) => {
      const big = req.url.includes("Participants") && server.requests.length === 1;
      res.writeHead(big ? 201 : 500, { "Content-Type": big ? "application/json" : "text/html" });
      res.end(big ? JSON.stringify({ ...PARTICIPANT, padding: "p".repeat(5000) }) : `<html>${"e".repeat(5000)}</html>`);
    });
    const client = createConversationsClient({
      accountSid: SIDS.account,
      authToken: "t",
      baseUrl: server.baseUrl,
      maxResponseBytes: 100,
    });
    const oversized = await client.createServiceConversationParticipant(create).catch((e) => e);
    expect(oversized).toBeInstanceOf(TwilioApiError);
    expect(oversized.message).toContain("exceeded maxResponseBytes");
    expect(Buffer.byteLength(oversized.rawBody)).toBeLessThanOrEqual(100);
    const failed = await client.createServiceConversationParticipant({ ...create, maxRetries: 0 }).catch((e) => e);
    expect(failed).toMatchObject({ status: 500 });
    expect(Buffer.byteLength(failed.rawBody)).toBeLessThanOrEqual(100);
  });
});

describe("decoding", () => {
  it("a chunked response whose UTF-8 characters are split across chunks decodes whole", async () => {
    const text = JSON.stringify({ identity: "Zoë 😀 ✓", attributes: "naïve" });
    const bytes = Buffer.from(text);
    // Cut inside every multi-byte character: one byte per chunk.
    const server = await loopback(
      chunked(
        200,
        [...bytes].map((b) => Buffer.from([b])),
      ),
    );
    const response = await createNodeTransport({ maxResponseBytes: 1 << 20 }).fetch(get(`${server.baseUrl}/x`));
    expect(response.headers.get("transfer-encoding")).toBe("chunked");
    expect(await response.text()).toBe(text);
  });

  it("through the client: a chunked 201 with non-ASCII fields is the participant, exactly", async () => {
    const participant = { ...PARTICIPANT, identity: "Zoë 😀", attributes: '{"note":"naïve ✓"}' };
    const json = Buffer.from(JSON.stringify(participant));
    const server = await loopback(chunked(201, [json.subarray(0, 41), json.subarray(41, 43), json.subarray(43)]));
    const client = createConversationsClient({ accountSid: SIDS.account, authToken: "t", baseUrl: server.baseUrl });
    expect(await client.createServiceConversationParticipant(create)).toEqual(participant);
  });

  it("decodes as fetch does: a leading BOM is dropped, invalid bytes become U+FFFD", async () => {
    const server = await loopback((_req, res) =>
      res.end(Buffer.concat([Buffer.from('\uFEFF{"a":"'), Buffer.from([0xff]), Buffer.from('"}')])),
    );
    const viaNode = await (
      await createNodeTransport({ maxResponseBytes: 1 << 20 }).fetch(get(`${server.baseUrl}/x`))
    ).text();
    expect(viaNode).toBe(await (await fetch(`${server.baseUrl}/x`)).text());
    expect(viaNode).toBe('{"a":"\uFFFD"}');
  });

  it("a body can be read once, as with fetch", async () => {
    const server = await loopback((_req, res) => res.end("{}"));
    const response = await createNodeTransport({ maxResponseBytes: 1 << 20 }).fetch(get(`${server.baseUrl}/x`));
    expect(await response.json()).toEqual({});
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
  });
});

describe("aborts and timeouts", () => {
  /** A server that sends the headers and part of the body, then nothing more. */
  const stalls = () =>
    loopback((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": "1000" });
      res.write('{"partial":');
    });

  it("an abort after the headers, mid-body, rejects the read with the reason and closes the connection", async () => {
    const server = await stalls();
    const transport = createNodeTransport({ maxResponseBytes: 1 << 20 });
    const controller = new AbortController();
    const response = await transport.fetch(get(`${server.baseUrl}/x`, controller.signal));
    const reading = response.text();
    const reason = new Error("caller gave up");
    controller.abort(reason);
    await expect(reading).rejects.toBe(reason);
    await server.allClosed();
  });

  it("an abort before any response rejects the fetch with the reason; an aborted signal sends nothing", async () => {
    const server = await loopback(() => {}); // never answers
    const transport = createNodeTransport({ maxResponseBytes: 1 << 20 });
    const controller = new AbortController();
    const pending = transport.fetch(get(`${server.baseUrl}/x`, controller.signal));
    await server.received(1);
    controller.abort("stop");
    await expect(pending).rejects.toBe("stop");
    await server.allClosed();
    // Already aborted: nothing is sent, which the rejection says (the reason is its cause).
    await expect(transport.fetch(get(`${server.baseUrl}/y`, controller.signal))).rejects.toMatchObject({
      requestSent: false,
      cause: "stop",
    });
    expect(server.requests).toHaveLength(1);
  });

  it("through the client: a body that stalls past timeoutMs is a TwilioTimeoutError, not resent", async () => {
    const server = await stalls();
    const client = createConversationsClient({
      accountSid: SIDS.account,
      authToken: "t",
      baseUrl: server.baseUrl,
      timeoutMs: 200,
      maxRetries: 3,
    });
    const error = await client.createServiceConversationParticipant(create).catch((e) => e);
    expect(error).toBeInstanceOf(TwilioTimeoutError);
    expect(error.attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
    await server.allClosed();
  });

  it("a connection closed mid-body keeps the status: the partial body, marked cut short; through the client a 201 stays an API error", async () => {
    const server = await loopback((_req, res, socket) => {
      res.writeHead(201, { "Content-Type": "application/json", "Content-Length": "1000" });
      res.write('{"sid":', () => socket.destroy());
    });
    const response = await createNodeTransport({ maxResponseBytes: 1 << 20 }).fetch(get(`${server.baseUrl}/x`));
    expect([response.status, await response.text(), isCutShort(response), isTruncated(response)]).toEqual([
      201,
      '{"sid":',
      true,
      false,
    ]);
    const client = createConversationsClient({
      accountSid: SIDS.account,
      authToken: "t",
      baseUrl: server.baseUrl,
      maxRetries: 3,
    });
    const error = await client.createServiceConversationParticipant(create).catch((e) => e);
    expect(error).toBeInstanceOf(TwilioApiError);
    expect([error.status, error.attempts]).toEqual([201, 1]);
  });
});

describe("the global-fetch transport reads a body once", () => {
  afterEach(() => vi.restoreAllMocks());

  it("the network body is read once, by the transport; openapi-fetch, the client and a raw caller take that text, never a copy's", async () => {
    const taken = { code: 50433, message: "Participant already exists", status: 409 };
    const server = await loopback((req, res, socket) =>
      (req.body.includes("taken") ? json(409, taken) : json(201, PARTICIPANT))(req, res, socket),
    );
    // Global fetch, with every byte of each body the network gave counted as it is read.
    let bytesRead = 0;
    const counting: TransportFetch = async (request) => {
      const response = await fetch(request);
      const counted = new TransformStream<Uint8Array, Uint8Array>({
        transform: (chunk, controller) => {
          bytesRead += chunk.byteLength;
          controller.enqueue(chunk);
        },
      });
      const { status, statusText, headers } = response;
      return new Response(response.body!.pipeThrough(counted), { status, statusText, headers });
    };
    // A second read would go through a Response's own body methods (openapi-fetch reads with them).
    const reads = (["text", "json", "arrayBuffer", "blob", "bytes"] as const).map((name) =>
      vi.spyOn(Response.prototype, name),
    );
    const client = createWebClient({
      accountSid: SIDS.account,
      authToken: "t",
      baseUrl: server.baseUrl,
      fetch: counting,
    });

    expect(await client.createServiceConversationParticipant(create)).toEqual(PARTICIPANT);
    const refused = await client
      .createServiceConversationParticipant({ ...create, body: { Identity: "taken" } })
      .catch((e) => e);
    expect(refused).toBeInstanceOf(TwilioApiError);
    expect([refused.status, refused.code, refused.twilioMessage]).toEqual([409, 50433, taken.message]);
    const path = "/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Participants" as const;
    const { data, response } = (await client.raw.POST(path, {
      params: { path: create.path },
      body: { Identity: "a" },
    } as never)) as {
      data: unknown;
      response: Response;
    };
    expect(data).toEqual(PARTICIPANT);
    expect([response.status, response.ok, response.headers.get("content-type"), response.bodyUsed]).toEqual([
      201,
      true,
      "application/json",
      true,
    ]);
    await expect(response.text()).rejects.toThrow(TypeError); // read once, as with fetch

    const sent = [PARTICIPANT, taken, PARTICIPANT].map((body) => Buffer.byteLength(JSON.stringify(body)));
    expect(bytesRead).toBe(sent[0]! + sent[1]! + sent[2]!);
    expect(reads.map((spy) => spy.mock.calls.length)).toEqual([0, 0, 0, 0, 0]);
  });

  it("a raw caller gets every parseAs from the text read, and the response's own URL", async () => {
    const server = await loopback(json(201, PARTICIPANT));
    const { raw } = createWebClient({ accountSid: SIDS.account, authToken: "t", baseUrl: server.baseUrl });
    const path = "/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Participants" as const;
    const call = (parseAs: string) =>
      raw.POST(path, { params: { path: create.path }, body: { Identity: "a" }, parseAs } as never) as Promise<{
        data: unknown;
        response: Response;
      }>;
    expect(JSON.parse((await call("text")).data as string)).toEqual(PARTICIPANT);
    expect(JSON.parse(new TextDecoder().decode((await call("arrayBuffer")).data as ArrayBuffer))).toEqual(PARTICIPANT);
    expect(JSON.parse(await ((await call("blob")).data as Blob).text())).toEqual(PARTICIPANT);
    expect(JSON.parse(await new Response((await call("stream")).data as ReadableStream).text())).toEqual(PARTICIPANT);
    const { response } = await call("json");
    expect(response.url).toBe(
      `${server.baseUrl}/v1/Services/${SIDS.service}/Conversations/${SIDS.conversation}/Participants`,
    );
  });
});
