// The Node transport sends what global fetch sends: the same method, path, headers and body for
// the same call, the same URL parsing, and no caller header that could desync the connection.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createConversationsClient as createWebClient } from "../../src/index.js";
import { createConversationsClient as createNodeClient } from "../../src/node.js";
import { createNodeTransport } from "../../src/internal/transport/node-http.js";
import { NodeRequest } from "../../src/internal/transport/node-request.js";
import { json, loopback, PARTICIPANT, SIDS, type Arrived } from "./support.js";

/**
 * Headers global fetch adds on its own, and Accept-Encoding, which both send but Node's fetch
 * without `br` (the Node transport asks for all three it decodes, as browsers' fetch does).
 */
const FETCH_ONLY = ["accept-language", "sec-fetch-mode", "accept-encoding"];

const withoutFetchOnly = (headers: Arrived["headers"]) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !FETCH_ONLY.includes(name)));

describe("the same request as global fetch", () => {
  it("for the same call: method, path, every header but fetch's own three, and the body, byte for byte", async () => {
    const server = await loopback(json(201, PARTICIPANT));
    const options = {
      accountSid: SIDS.account,
      authToken: "token-0123456789",
      baseUrl: server.baseUrl,
      userAgent: "app/1.2",
    };
    const input = {
      path: { ChatServiceSid: SIDS.service, ConversationSid: "CH with space/slash?query#hash" },
      header: { "X-Twilio-Webhook-Enabled": "true" as const },
      body: {
        Identity: "Zoë 😀 & co+1=2",
        Attributes: '{"note":"naïve ✓"}',
        RoleSid: SIDS.role,
        DateCreated: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)),
        "MessagingBinding.Address": "+1 555 0100",
      },
    };
    await createWebClient(options).createServiceConversationParticipant(input);
    await createNodeClient(options).createServiceConversationParticipant(input);

    const [viaFetch, viaNode] = server.requests as [Arrived, Arrived];
    expect(viaNode.method).toBe(viaFetch.method);
    expect(viaNode.url).toBe(viaFetch.url);
    expect(viaNode.body.equals(viaFetch.body)).toBe(true);
    expect(withoutFetchOnly(viaNode.headers)).toEqual(withoutFetchOnly(viaFetch.headers));
    // What those headers are, so the comparison above cannot pass on two empty sets.
    expect(viaNode.headers).toMatchObject({
      host: `127.0.0.1:${server.port}`,
      "content-type": "application/x-www-form-urlencoded",
      "content-length": String(viaFetch.body.length),
      "x-twilio-webhook-enabled": "true",
      accept: "application/json",
    });
    expect(viaNode.headers["user-agent"]).toMatch(/ app\/1\.2$/);
    expect(viaFetch.headers["accept-encoding"]).toMatch(/^gzip, deflate/);
    expect(viaNode.headers["accept-encoding"]).toBe("gzip, deflate, br");
  });

  it("parses request URLs as fetch does: dot segments, escapes, odd characters, queries", async () => {
    const server = await loopback(json(200, {}));
    const transport = createNodeTransport({ maxResponseBytes: 1 << 20 });
    const send = async (path: string) => {
      await (await fetch(server.baseUrl + path)).text();
      await (await transport.fetch(new NodeRequest(server.baseUrl + path) as unknown as Request)).text();
      const [viaFetch, viaNode] = server.requests.splice(0) as [Arrived, Arrived];
      return { viaFetch: viaFetch.url, viaNode: viaNode.url };
    };
    const tricky = [
      "/a/./b",
      "/a/../b",
      "/a/b/..",
      "/a/.",
      "/.../x",
      "/a/%2e%2E/b",
      "/a/%2E/b",
      "/a/.%2e",
      "/a//b",
      "/a\\b",
      "/sp ace",
      "/ü/€",
      "/%zz",
      "/a;b=c,d",
      "/a?b=1&c='q'",
      '/a?q="x"<y>',
      "/a?",
      "/a?b#frag",
      "/a#x",
      "/a/b?c/../d",
      "/{x}",
      "/a|b",
      "/a^b",
      "/`x`",
    ];
    for (const path of tricky) {
      const { viaFetch, viaNode } = await send(path);
      expect(viaNode, path).toBe(viaFetch);
    }
    const pathChars = fc.constantFrom(..."ab/.%2eE?#&='\"<> ü\\;:@!$()*+,~-_".split(""));
    await fc.assert(
      fc.asyncProperty(
        fc.array(pathChars, { maxLength: 24 }).map((cs) => `/${cs.join("")}`),
        async (path) => {
          const { viaFetch, viaNode } = await send(path);
          expect(viaNode).toBe(viaFetch);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("headers the caller cannot use to break the connection", () => {
  it("a CR or LF in a header value is refused before anything is sent", async () => {
    const server = await loopback(json(201, PARTICIPANT));
    const client = createNodeClient({ accountSid: SIDS.account, authToken: "t", baseUrl: server.baseUrl });
    await expect(
      client.raw.POST("/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Participants", {
        params: { path: { ChatServiceSid: SIDS.service, ConversationSid: SIDS.conversation } },
        headers: { "X-Note": "a\r\nX-Injected: 1" },
      } as never),
    ).rejects.toThrow(TypeError);
    expect(server.requests).toHaveLength(0);
    expect(server.connections).toBe(0);
  });

  it("Content-Length, Transfer-Encoding, Host and Connection from the caller are replaced by the transport's own", async () => {
    const server = await loopback(json(201, PARTICIPANT));
    const transport = createNodeTransport({ maxResponseBytes: 1 << 20 });
    const request = new NodeRequest(`${server.baseUrl}/x`, {
      method: "POST",
      headers: {
        "Content-Length": "0",
        "Transfer-Encoding": "chunked",
        Host: "evil.example",
        Connection: "close",
        "Content-Type": "text/plain",
      },
      body: "a=1&b=2",
    });
    await (await transport.fetch(request as unknown as Request)).text();
    const [arrived] = server.requests as [Arrived];
    expect(arrived.body.toString()).toBe("a=1&b=2");
    expect(arrived.headers).toMatchObject({
      "content-length": "7",
      host: `127.0.0.1:${server.port}`,
      connection: "keep-alive",
      "content-type": "text/plain",
    });
    expect(arrived.headers["transfer-encoding"]).toBeUndefined();
  });
});

describe("bodies", () => {
  it("a non-ASCII string body goes out as UTF-8, with its length in bytes", async () => {
    const server = await loopback(json(200, {}));
    const transport = createNodeTransport({ maxResponseBytes: 1 << 20 });
    const text = "Zoë 😀 ✓";
    await (
      await transport.fetch(
        new NodeRequest(`${server.baseUrl}/x`, { method: "POST", body: text }) as unknown as Request,
      )
    ).text();
    const [arrived] = server.requests as [Arrived];
    expect(arrived.body.toString("utf8")).toBe(text);
    expect(arrived.headers["content-length"]).toBe(String(Buffer.byteLength(text)));
    expect(arrived.headers["content-type"]).toBe("text/plain;charset=UTF-8"); // fetch's default for a string
  });

  it("other body kinds are serialized as fetch serializes them", async () => {
    const server = await loopback(json(200, {}));
    const transport = createNodeTransport({ maxResponseBytes: 1 << 20 });
    const bodies: [BodyInit, string][] = [
      [new URLSearchParams({ a: "1 2", b: "é" }), "application/x-www-form-urlencoded;charset=UTF-8"],
      [new Blob(["blob"], { type: "text/x-blob" }), "text/x-blob"],
      [new TextEncoder().encode("bytes"), ""],
      [new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode("stream")), c.close()) }), ""],
    ];
    for (const [body] of bodies) {
      await (
        await transport.fetch(new NodeRequest(`${server.baseUrl}/x`, { method: "PUT", body }) as unknown as Request)
      ).text();
    }
    expect(server.requests.map((r) => [r.body.toString(), r.headers["content-type"] ?? ""])).toEqual([
      ["a=1+2&b=%C3%A9", bodies[0]![1]],
      ["blob", "text/x-blob"],
      ["bytes", ""],
      ["stream", ""],
    ]);
    // A body-less POST says so, as fetch does; a GET with a body is refused, as fetch refuses it.
    await (
      await transport.fetch(new NodeRequest(`${server.baseUrl}/x`, { method: "POST" }) as unknown as Request)
    ).text();
    expect(server.requests.at(-1)!.headers["content-length"]).toBe("0");
    expect(() => new NodeRequest(`${server.baseUrl}/x`, { method: "GET", body: "x" })).toThrow(TypeError);
  });
});

describe("the openapi-fetch API on the Node transport (the `raw` client)", () => {
  const path = "/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Participants" as const;
  const params = { path: { ChatServiceSid: SIDS.service, ConversationSid: SIDS.conversation } };

  it("every parseAs works on the transport's Response", async () => {
    const server = await loopback(json(201, PARTICIPANT));
    const { raw } = createNodeClient({ accountSid: SIDS.account, authToken: "t", baseUrl: server.baseUrl });
    const call = (parseAs: string) =>
      raw.POST(path, { params, body: { Identity: "a" }, parseAs } as never) as Promise<{
        data: unknown;
        response: Response;
      }>;
    expect((await call("json")).data).toEqual(PARTICIPANT);
    expect(JSON.parse((await call("text")).data as string)).toEqual(PARTICIPANT);
    expect(JSON.parse(new TextDecoder().decode((await call("arrayBuffer")).data as ArrayBuffer))).toEqual(PARTICIPANT);
    expect(JSON.parse(await ((await call("blob")).data as Blob).text())).toEqual(PARTICIPANT);
    expect(JSON.parse(await new Response((await call("stream")).data as ReadableStream).text())).toEqual(PARTICIPANT);
    const { response } = await call("json");
    expect([
      response.status,
      response.ok,
      response.headers.get("Content-Type"),
      response.headers.has("x-absent"),
    ]).toEqual([201, true, "application/json", false]);
    // Defaults from the client (credentials, User-Agent) went out with the raw calls too.
    expect(server.requests.every((r) => r.headers.authorization?.startsWith("Basic ") && r.headers["user-agent"])).toBe(
      true,
    );
  });

  it("the transport adds credentials, User-Agent and Accept after middleware: a middleware never sees the secret, and may override them", async () => {
    const server = await loopback(json(201, PARTICIPANT));
    for (const make of [createNodeClient, createWebClient]) {
      const { raw } = make({ accountSid: SIDS.account, authToken: "secret-token", baseUrl: server.baseUrl });
      const seen: [string, string][] = [];
      raw.use({
        onRequest: ({ request }) => {
          request.headers.forEach((value, name) => seen.push([name, value]));
          request.headers.set("Accept", "application/problem+json");
        },
      });
      await raw.POST(path, { params, body: { Identity: "a" } } as never);
      expect(seen.map(([name]) => name)).toEqual(["content-type"]);
      expect(JSON.stringify(seen)).not.toContain("secret-token");
    }
    expect(server.requests).toHaveLength(2);
    for (const { headers } of server.requests) {
      expect(headers.authorization).toBe(`Basic ${Buffer.from(`${SIDS.account}:secret-token`).toString("base64")}`);
      expect(headers["user-agent"]).toMatch(/^twilio-conversations-participants\//);
      expect(headers.accept).toBe("application/problem+json"); // the middleware's, not the default
    }
  });

  it("every call gets its own path: raw calls after a typed one, and a params object changed between raw calls", async () => {
    const server = await loopback(json(201, PARTICIPANT));
    const client = createNodeClient({ accountSid: SIDS.account, authToken: "t", baseUrl: server.baseUrl });
    const conversation = (n: number) => `CH${String(n).repeat(32)}`;
    await client.createServiceConversationParticipant({
      path: { ChatServiceSid: SIDS.service, ConversationSid: conversation(1) },
      body: { Identity: "a" },
    });
    const shared = { path: { ChatServiceSid: SIDS.service, ConversationSid: conversation(2) } };
    await client.raw.POST(path, { params: shared, body: { Identity: "a" } } as never);
    shared.path.ConversationSid = conversation(3);
    await client.raw.POST(path, { params: shared, body: { Identity: "a" } } as never);
    await client.createServiceConversationParticipant({
      path: { ChatServiceSid: SIDS.service, ConversationSid: "a b#?" },
      body: { Identity: "a" },
    });
    expect(server.requests.map((r) => r.url.split("/")[5])).toEqual([
      conversation(1),
      conversation(2),
      conversation(3),
      "a%20b%23%3F",
    ]);
  });

  it("a middleware may swap in a web Request: the transport sends that one", async () => {
    const server = await loopback(json(201, PARTICIPANT));
    const { raw } = createNodeClient({ accountSid: SIDS.account, authToken: "t", baseUrl: server.baseUrl });
    raw.use({
      onRequest: ({ request }) =>
        new Request(request.url, {
          method: "POST",
          headers: { "X-Swapped": "yes", "Content-Type": "text/plain" },
          body: "swapped",
        }),
    });
    const { data } = await raw.POST(path, { params, body: { Identity: "a" } } as never);
    expect(data).toEqual(PARTICIPANT);
    expect(server.requests[0]).toMatchObject({
      body: Buffer.from("swapped"),
      headers: { "x-swapped": "yes", "content-type": "text/plain" },
    });
  });
});
