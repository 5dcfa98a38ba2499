// The request on the wire: one POST to the exact path with Twilio's headers and form body, for both
// transports (global fetch and node:http); the Node transport sends what global fetch sends (the
// same method, path, headers and body for the same call, the same URL parsing), and no caller
// header that could desync the connection.
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createConversationsClient as createWebClient, VERSION } from "../../src/index.js";
import { createConversationsClient as createNodeClient } from "../../src/node.js";
import { createNodeTransport } from "../../src/internal/transport/node-http.js";
import { NodeRequest } from "../../src/internal/transport/node-request.js";
import { formFields, startRecordingServer, type RecordingServer } from "../helpers/recording-server.js";
import { json, loopback, PARTICIPANT, SIDS, type Arrived } from "./support.js";

const authToken = "wire-test-token";
let server: RecordingServer;
beforeAll(async () => void (server = await startRecordingServer()));
afterAll(() => server.close());
beforeEach(() => void server.requests.splice(0));

const path = { ChatServiceSid: SIDS.service, ConversationSid: SIDS.conversation };
const TRANSPORTS = [
  ["global fetch", createWebClient],
  ["node:http", createNodeClient],
] as const;

describe.each(TRANSPORTS)("the request on the wire (%s)", (_transport, createConversationsClient) => {
  const client = () =>
    createConversationsClient({ accountSid: SIDS.account, authToken, baseUrl: server.baseUrl, maxRetries: 0 });

  it("is one POST to the exact path with Twilio's headers", async () => {
    await client().createServiceConversationParticipant({
      path,
      body: { Identity: "alice" },
      header: { "X-Twilio-Webhook-Enabled": "true" },
    });
    expect(server.requests).toHaveLength(1);
    const [req] = server.requests;
    expect(req!.method).toBe("POST");
    expect(req!.url).toBe(`/v1/Services/${SIDS.service}/Conversations/${SIDS.conversation}/Participants`);
    expect(req!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(req!.headers.accept).toBe("application/json");
    expect(req!.headers["user-agent"]).toBe(`twilio-conversations-participants/${VERSION}`);
    expect(req!.headers["x-twilio-webhook-enabled"]).toBe("true");
    expect(req!.headers.authorization).toBe(`Basic ${Buffer.from(`${SIDS.account}:${authToken}`).toString("base64")}`);
  });

  it("sends every body field with the spec's exact (dotted) key, in spec order", async () => {
    const body = {
      Identity: "alice",
      "MessagingBinding.Address": "+15558675310",
      "MessagingBinding.ProxyAddress": "+15017122661",
      "MessagingBinding.ProjectedAddress": "+15017122662",
      DateCreated: "2023-05-04T09:42:00.123Z",
      DateUpdated: "2023-05-05T10:00:00+02:00",
      Attributes: '{"role":"agent","n":[1,2]}',
      RoleSid: SIDS.role,
    };
    await client().createServiceConversationParticipant({ path, body });
    expect(formFields(server.requests[0]!.body)).toEqual(Object.entries(body));
  });

  it("sends a Date as ISO-8601 with its milliseconds", async () => {
    await client().createServiceConversationParticipant({
      path,
      body: { DateCreated: new Date(Date.UTC(2024, 1, 29, 23, 59, 58, 7)) },
    });
    expect(server.requests[0]!.body).toBe("DateCreated=2024-02-29T23%3A59%3A58.007Z");
  });

  it("percent-encodes non-ASCII and reserved characters in UTF-8 (RFC 3986), spaces as %20", async () => {
    await client().createServiceConversationParticipant({ path, body: { Identity: "Zoë & 李 +1=2 ~*!'()/?#%🎉" } });
    expect(server.requests[0]!.body).toBe(
      "Identity=Zo%C3%AB%20%26%20%E6%9D%8E%20%2B1%3D2%20~%2A%21%27%28%29%2F%3F%23%25%F0%9F%8E%89",
    );
    expect(formFields(server.requests[0]!.body)).toEqual([["Identity", "Zoë & 李 +1=2 ~*!'()/?#%🎉"]]);
  });

  it("omits undefined fields and sends an empty form when there are none", async () => {
    await client().createServiceConversationParticipant({ path, body: { Identity: undefined, RoleSid: undefined } });
    await client().createServiceConversationParticipant({ path });
    expect(server.requests.map((r) => r.body)).toEqual(["", ""]);
    expect(server.requests[1]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(server.requests[1]!.headers["x-twilio-webhook-enabled"]).toBeUndefined();
  });

  it("sends a conversation's unique name as one encoded path segment", async () => {
    await client().createServiceConversationParticipant({
      path: { ...path, ConversationSid: "support/ticket#42?x=1 é" },
    });
    expect(server.requests[0]!.url).toBe(
      `/v1/Services/${SIDS.service}/Conversations/support%2Fticket%2342%3Fx%3D1%20%C3%A9/Participants`,
    );
  });

  it("authenticates with an API key as the Basic user, and extends the User-Agent", async () => {
    const c = createConversationsClient({
      apiKey: "SK0123456789abcdef0123456789abcdef",
      apiSecret: "key-secret",
      baseUrl: server.baseUrl,
      userAgent: "my-app/1.2",
    });
    await c.createServiceConversationParticipant({ path });
    const req = server.requests[0]!;
    expect(req.headers.authorization).toBe(
      `Basic ${Buffer.from("SK0123456789abcdef0123456789abcdef:key-secret").toString("base64")}`,
    );
    expect(req.headers["user-agent"]).toBe(`twilio-conversations-participants/${VERSION} my-app/1.2`);
  });

  it("reads credentials from TWILIO_* environment variables by default", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { TWILIO_ACCOUNT_SID: SIDS.account, TWILIO_AUTH_TOKEN: "env-token" });
    try {
      await createConversationsClient({ baseUrl: server.baseUrl }).createServiceConversationParticipant({ path });
    } finally {
      process.env = saved;
    }
    expect(server.requests[0]!.headers.authorization).toBe(
      `Basic ${Buffer.from(`${SIDS.account}:env-token`).toString("base64")}`,
    );
  });

  it("resolves to the parsed 201 body", async () => {
    const participant = await client().createServiceConversationParticipant({ path, body: { Identity: "alice" } });
    expect(participant.sid).toBe(SIDS.participant);
    expect(participant.messaging_binding).toBeNull();
  });
});

describe("the host", () => {
  it("builds the default and regional hosts from the spec's servers", async () => {
    // No loopback server can answer for twilio.com: observe the request at the injected fetch.
    const urls: string[] = [];
    const fetch = async (request: Request) => {
      urls.push(request.url);
      return new Response(JSON.stringify({}), { status: 201 });
    };
    await createWebClient({
      accountSid: SIDS.account,
      authToken,
      fetch,
    }).createServiceConversationParticipant({ path });
    await createWebClient({
      accountSid: SIDS.account,
      authToken,
      fetch,
      region: "ie1",
      edge: "dublin",
    }).createServiceConversationParticipant({ path });
    expect(urls.map((u) => new URL(u).origin)).toEqual([
      "https://conversations.twilio.com",
      "https://conversations.dublin.ie1.twilio.com",
    ]);
    expect(() => createWebClient({ accountSid: SIDS.account, authToken, region: "mars1" })).toThrow(
      /region must be one of us1, ie1, au1/,
    );
  });
});

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
    expect(viaNode.bytes.equals(viaFetch.bytes)).toBe(true);
    expect(withoutFetchOnly(viaNode.headers)).toEqual(withoutFetchOnly(viaFetch.headers));
    // What those headers are, so the comparison above cannot pass on two empty sets.
    expect(viaNode.headers).toMatchObject({
      host: `127.0.0.1:${server.port}`,
      "content-type": "application/x-www-form-urlencoded",
      "content-length": String(viaFetch.bytes.length),
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
    expect(arrived.body).toBe("a=1&b=2");
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
    expect(arrived.body).toBe(text);
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
    expect(server.requests.map((r) => [r.body, r.headers["content-type"] ?? ""])).toEqual([
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

  it("a raw POST speaks Twilio's form encoding, as a typed create does, on both transports", async () => {
    const server = await loopback(json(201, PARTICIPANT));
    for (const make of [createNodeClient, createWebClient]) {
      const { raw } = make({ accountSid: SIDS.account, authToken: "t", baseUrl: server.baseUrl });
      const body = { Identity: "a b&c=d", "MessagingBinding.Address": "+15550001111", Attributes: '{"n":1}' };
      const { data } = await raw.POST(path, { params, body } as never);
      expect(data).toEqual(PARTICIPANT);
    }
    expect(server.requests).toHaveLength(2);
    for (const arrived of server.requests) {
      expect(arrived.headers["content-type"]).toBe("application/x-www-form-urlencoded");
      expect(arrived.body).toBe(
        "Identity=a%20b%26c%3Dd&MessagingBinding.Address=%2B15550001111&Attributes=%7B%22n%22%3A1%7D",
      );
    }
  });

  it('a raw GET whose path value is "..", "." or empty is refused and nothing is sent; a GET carries no Content-Type', async () => {
    const server = await loopback(json(200, PARTICIPANT));
    for (const make of [createNodeClient, createWebClient]) {
      const { raw } = make({ accountSid: SIDS.account, authToken: "t", baseUrl: server.baseUrl });
      const one = "/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Participants/{Sid}" as const;
      const [requests, connections] = [server.requests.length, server.connections];
      for (const Sid of ["..", ".", ""]) {
        const call = raw.GET(one, { params: { path: { ...params.path, Sid } } } as never);
        await expect(call).rejects.toMatchObject({
          name: "TwilioValidationError",
          problems: [{ in: "path", field: "Sid", rule: "segment" }],
        });
      }
      await expect(raw.GET(one, { params } as never)).rejects.toMatchObject({
        problems: [{ in: "path", field: "Sid", rule: "required" }],
      });
      expect([server.requests.length, server.connections]).toEqual([requests, connections]);
      await raw.GET(one, { params: { path: { ...params.path, Sid: "..a" } } } as never);
    }
    expect(server.requests.map((r) => [r.url.split("/").at(-1), r.headers["content-type"]])).toEqual([
      ["..a", undefined],
      ["..a", undefined],
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
      body: "swapped",
      headers: { "x-swapped": "yes", "content-type": "text/plain" },
    });
  });
});
