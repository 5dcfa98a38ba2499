// Issue 21, "scrub by meaning, not by spelling": servers on loopback send the credentials back in
// every spelling of spellings.ts — in a JSON error, a non-JSON body, the status text, the request-id
// header, a page's next_page_url, a header line HTTP cannot parse — and a CONNECT proxy answers 407
// with its own user:password in the status text. Every string reachable from the error and every
// logger event is read every way (spellings.ts `readings`): none holds the token or the password.
import { createServer as createTcpServer, type AddressInfo, type Socket } from "node:net";
import type { ServerResponse } from "node:http";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TwilioConnectionError, TwilioError, type ClientOptions } from "../../src/index.js";
import { createConversationsClient as createNodeClient } from "../../src/node.js";
import { Scrubber } from "../../src/internal/scrub.js";
import { startConnectProxy } from "../helpers/connect-proxy.js";
import { leaking, spellings, stringsIn } from "./spellings.js";
import { onCleanup, outcome, rawServer, recorder, SIDS, TRANSPORTS, type Create } from "./support.js";

const SID = "AC5ec12e75ec12e75ec12e75ec12e75ec1";
const TOKEN = "AUTHTOKEN-c0ffee-d0n0tl3ak-7a11";
const PROXY_USER = "proxyuser";
const PROXY_PASSWORD = "pr0xy-pa55w0rd-e1ght";

/** Every spelling of the token, of `sid:token`, and of the Authorization header's value. */
const ECHOES: [string, string][] = [
  ...spellings(TOKEN).map(([name, text]): [string, string] => [`token, ${name}`, text]),
  ...spellings(`${SID}:${TOKEN}`).map(([name, text]): [string, string] => [`sid:token, ${name}`, text]),
  ...spellings(`Basic ${Buffer.from(`${SID}:${TOKEN}`).toString("base64")}`).map(([name, text]): [string, string] => [
    `Authorization, ${name}`,
    text,
  ]),
];

const path = { ChatServiceSid: SIDS.service, ConversationSid: SIDS.conversation };
const listPath = `/v1/Services/${SIDS.service}/Conversations/${SIDS.conversation}/Participants`;

/** Where a server puts the echo: `answer` writes the response (`first` tells a list's first page). */
interface Place {
  name: string;
  answer(echo: string, res: ServerResponse, url: string, base: string): void;
  call(client: ReturnType<Create>): Promise<unknown>;
}

const createOne = (client: ReturnType<Create>) =>
  client.createServiceConversationParticipant({ path, body: { Identity: "alice" } });

async function listAll(client: ReturnType<Create>) {
  for await (const _ of client.listServiceConversationParticipant({ path })) {
    // reading every page
  }
}

const page = (next: string) =>
  JSON.stringify({ participants: [], meta: { page: 0, page_size: 50, key: "participants", next_page_url: next } });

const PLACES: Place[] = [
  {
    name: "a JSON error's message, more_info and details",
    answer: (echo, res) =>
      res
        .writeHead(400, { "Content-Type": "application/json" })
        .end(JSON.stringify({ code: 20001, message: `bad ${echo}`, more_info: echo, details: { [echo]: [echo] } })),
    call: createOne,
  },
  {
    name: "a non-JSON body",
    answer: (echo, res) =>
      res.writeHead(502, { "Content-Type": "text/html" }).end(`<html><pre>authorization: ${echo}</pre></html>`),
    call: createOne,
  },
  {
    name: "the status text",
    answer: (echo, res) => res.writeHead(502, `Bad Gateway ${echo}`).end(),
    call: createOne,
  },
  {
    name: "the Twilio-Request-Id header",
    answer: (echo, res) =>
      res
        .writeHead(500, { "Content-Type": "application/json", "Twilio-Request-Id": echo })
        .end(JSON.stringify({ code: 20500, message: "Internal error" })),
    call: createOne,
  },
  {
    name: "a list page's next_page_url, followed (the next page fails)",
    answer: (echo, res, url, base) => {
      if (!url.includes("PageToken")) {
        const next = `${base}${listPath}?PageSize=50&Page=1&PageToken=${encodeURIComponent(echo)}`;
        res.writeHead(200, { "Content-Type": "application/json" }).end(page(next));
      } else res.writeHead(500, { "Content-Type": "application/json" }).end(JSON.stringify({ code: 20500 }));
    },
    call: listAll,
  },
  {
    name: "a list page's next_page_url, refused (another origin)",
    answer: (echo, res) =>
      res
        .writeHead(200, { "Content-Type": "application/json" })
        .end(page(`https://elsewhere.example${listPath}?PageToken=${encodeURIComponent(echo)}&Raw=${echo}`)),
    call: listAll,
  },
];

/** Runs `call` against a server answering with `echo` spelled in; returns every string produced. */
async function strings(
  create: Create,
  baseUrl: string,
  call: Place["call"],
  credentials: ClientOptions = { accountSid: SID, authToken: TOKEN },
): Promise<string[]> {
  const log = recorder();
  const client = create({ ...credentials, baseUrl, logger: log.logger, maxRetries: 0 });
  const result = await outcome(call(client));
  expect(result.ok).toBe(false);
  expect((result as { error: unknown }).error).toBeInstanceOf(TwilioError);
  return [...stringsIn((result as { error: unknown }).error), ...log.lines, ...stringsIn(log.events)];
}

describe.each(TRANSPORTS)("%s: no spelling of the credentials survives", (_transport, create) => {
  it.each(PLACES.map((p) => [p.name, p] as const))("echoed in %s", async (_name, place) => {
    let echo = "";
    const server = await rawServer((req, res) => place.answer(echo, res, req.url, server.baseUrl));
    const leaked: string[] = [];
    for (const [name, text] of ECHOES) {
      echo = text;
      const found = leaking(await strings(create, server.baseUrl, place.call), TOKEN);
      if (found.length) leaked.push(`${name}: ${found[0]}`);
    }
    expect(leaked).toEqual([]);
  });

  it("with an API key: every spelling of the secret and apiKey:secret, echoed in a JSON error and a body", async () => {
    const [apiKey, apiSecret] = ["SK5ec12e75ec12e75ec12e75ec12e75ec1", "APISECRET-5ecre7-n3v3rpr1n7-9b"];
    let echo = "";
    const server = await rawServer((_req, res) =>
      res
        .writeHead(400, { "Content-Type": "application/json" })
        .end(JSON.stringify({ code: 20001, message: `bad ${echo}`, details: { seen: `<pre>${echo}</pre>` } })),
    );
    const leaked: string[] = [];
    for (const [name, text] of [...spellings(apiSecret), ...spellings(`${apiKey}:${apiSecret}`)]) {
      echo = text;
      const texts = await strings(create, server.baseUrl, createOne, { accountSid: SID, apiKey, apiSecret });
      if (leaking(texts, apiSecret).length) leaked.push(name);
    }
    expect(leaked).toEqual([]);
  });

  it("echoed in a header line HTTP cannot parse (the parser's error and its bytes)", async () => {
    let echo = "";
    const sockets = new Set<Socket>();
    const server = createTcpServer((socket) => {
      sockets.add(socket);
      socket.on("error", () => {});
      socket.once("data", () =>
        socket.end(`HTTP/1.1 502 Bad Gateway\r\nX-Seen: ${echo}\r\nnot a header line ${echo}\r\n\r\n`),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    onCleanup(() => {
      for (const socket of sockets) socket.destroy();
      server.close();
    });
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const leaked: string[] = [];
    for (const [name, text] of ECHOES) {
      echo = text;
      const found = leaking(await strings(create, baseUrl, createOne), TOKEN);
      if (found.length) leaked.push(`${name}: ${found[0]}`);
    }
    expect(sockets.size).toBeGreaterThan(0);
    expect(leaked).toEqual([]);
  });
});

describe("node:http: a proxy's 407 carrying its own user:password", () => {
  const forms = [
    ["plain", `${PROXY_USER}:${PROXY_PASSWORD}`],
    ["base64", Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString("base64")],
    ["percent-encoded", encodeURIComponent(`${PROXY_USER}:${PROXY_PASSWORD}`).replaceAll("-", "%2d")],
    ["the password alone, HTML-escaped", [...PROXY_PASSWORD].map((c) => `&#${c.charCodeAt(0)};`).join("")],
  ];
  it.each(forms)("in the status text, %s: not in the error, its cause chain or the log", async (_name, echo) => {
    const proxy = await startConnectProxy(407, `Proxy Authentication Required (you sent ${echo})`);
    onCleanup(() => proxy.close());
    const target = await rawServer((_req, res) => res.writeHead(201).end("{}"));
    // Read when the client is made (the scrubber, the transport) and when it sends (the proxy agent).
    const saved = process.env.HTTP_PROXY;
    process.env.HTTP_PROXY = `http://${PROXY_USER}:${PROXY_PASSWORD}@${new URL(proxy.url).host}`;
    onCleanup(() => {
      if (saved === undefined) delete process.env.HTTP_PROXY;
      else process.env.HTTP_PROXY = saved;
    });
    const log = recorder();
    const client = createNodeClient({
      accountSid: SID,
      authToken: TOKEN,
      baseUrl: `http://localhost:${target.port}`,
      logger: log.logger,
      maxRetries: 0,
    });
    const result = await outcome(createOne(client));
    expect(proxy.connects).toHaveLength(1); // the proxy did answer
    const error = (result as { error: any }).error;
    expect(error).toBeInstanceOf(TwilioConnectionError);
    expect(error.cause.message).toContain("407");
    const texts = [...stringsIn(error), ...log.lines, ...stringsIn(log.events)];
    expect(leaking(texts, PROXY_PASSWORD)).toEqual([]);
    expect(target.requests).toHaveLength(0);
  });
});

describe("the scrubber, over random text (fast-check)", () => {
  const scrubber = new Scrubber([[SID, TOKEN]]);
  /** A spelling of the token: one of spellings.ts, or each character spelled its own way. */
  const perCharacter = fc
    .array(
      fc.constantFrom<(c: string) => string>(
        (c) => c,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
        (c) => `%${c.charCodeAt(0).toString(16)}`,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()}`,
        (c) => `&#${c.charCodeAt(0)};`,
        (c) => `&#x${c.charCodeAt(0).toString(16)};`,
        (c) => `&#X${c.charCodeAt(0).toString(16).toUpperCase()};`,
      ),
      { minLength: TOKEN.length, maxLength: TOKEN.length },
    )
    .map((spell) => [...TOKEN].map((c, i) => spell[i]!(c)).join(""));
  const spelled = fc.oneof(fc.constantFrom(...ECHOES.map(([, text]) => text)), perCharacter);
  const around = fc.string({ unit: fc.constantFrom(...'ab %&#;\\u=+/:-_xQ0"<>'.split("")), maxLength: 30 });

  it("no reading of the scrubbed text holds the token", () => {
    fc.assert(
      fc.property(around, spelled, around, (before, secret, after) => {
        const text = `${before}${secret}${after}`;
        expect(leaking([scrubber.text(text)], TOKEN)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it("a cut anywhere keeps no start of the token that a reading could show", () => {
    const start = TOKEN.slice(0, 6);
    fc.assert(
      fc.property(around, spelled, around, fc.nat(200), (before, secret, after, cutAt) => {
        const kept = scrubber.cut(`${before}${secret}${after}`, cutAt, true);
        expect(kept.length).toBeLessThanOrEqual(cutAt);
        expect(leaking([kept], start)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it("an escape begun right before or after the token hides none of it, in a text or a cut", () => {
    // Read greedily, `%a` + `AUTH…` is the byte 0xAA then `UTH…`. The properties above meet such a
    // case by chance (a few runs in 20); here every way an escape can begin is set against the token.
    const edge = fc.constantFrom(
      ...["", "%", "%a", "%A", "%2", "%25", "%25a", "&#", "&#x", "&#X4", "&#1", "&#6", "&", "&lt", "&amp", "&amp;#x"],
      ...["\\", "\\u", "\\u00"],
    );
    const start = TOKEN.slice(0, 6);
    fc.assert(
      fc.property(around, edge, spelled, edge, around, fc.nat(200), (before, open, secret, close, after, cutAt) => {
        const text = `${before}${open}${secret}${close}${after}`;
        expect(leaking([scrubber.text(text)], TOKEN)).toEqual([]);
        const kept = scrubber.cut(text, cutAt, true);
        expect(kept.length).toBeLessThanOrEqual(cutAt);
        expect(leaking([kept], start)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it("a character spelled escapes deep, behind an escape begun before the token, hides none of it", () => {
    // Each character 0 to 3 escapes deep, each layer escaping the first character of the one below
    // (`a`, `%61`, `&#x25;61`, `\u0026#x25;61`): decoding a whole layer at once, the escape begun
    // before the token swallows its first character, while the raw text spells another only nested.
    const hex = (c: string, width: number) => c.charCodeAt(0).toString(16).padStart(width, "0");
    const kinds = fc.constantFrom<(c: string) => string>(
      (c) => `%${hex(c, 2).toUpperCase()}`,
      (c) => `%${hex(c, 2)}`,
      (c) => `\\u${hex(c, 4)}`,
      (c) => `&#${c.charCodeAt(0)};`,
      (c) => `&#x${hex(c, 2)};`,
    );
    const nested = fc.array(kinds, { maxLength: 3 });
    const deep = fc
      .array(nested, { minLength: TOKEN.length, maxLength: TOKEN.length })
      .map((layers) => [...TOKEN].map((c, i) => layers[i]!.reduce((s, kind) => kind(s[0]!) + s.slice(1), c)).join(""));
    const open = fc.constantFrom(
      "",
      "%",
      "%a",
      "%A",
      "%2",
      "&#x4",
      "&#x",
      "&#1",
      "&#",
      "&",
      "&lt",
      "&amp",
      "\\",
      "\\u",
    );
    const start = TOKEN.slice(0, 6);
    fc.assert(
      fc.property(around, open, deep, around, fc.nat(200), (before, begun, secret, after, cutAt) => {
        const text = `${before}${begun}${secret}${after}`;
        expect(leaking([scrubber.text(text)], TOKEN)).toEqual([]);
        const kept = scrubber.cut(text, cutAt, true);
        expect(kept.length).toBeLessThanOrEqual(cutAt);
        expect(leaking([kept], start)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });
});
