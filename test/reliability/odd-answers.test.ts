// Issue 11, items 5–8: odd error bodies keep their class, unusable 2xx bodies never pass for a
// resource, every credential form is scrubbed, and small misuses (a rejecting logger, timeoutMs 0,
// a fetch that ignores the signal, a shared signal, Retry-After: 0) change nothing they should not.
import { createServer, type AddressInfo, type Socket } from "node:net";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { TwilioApiError, TwilioTimeoutError, TwilioValidationError } from "../../src/index.js";
import { faults } from "../../src/testing/index.js";
import { onCleanup, rawServer, rejection, setup, TRANSPORTS, type Create } from "./support.js";

const SID = "AC0123456789abcdef0123456789abcdef";
const TOKEN = "s3cr3t-auth-token-0123456789";
const path = {
  ChatServiceSid: "IS0123456789abcdef0123456789abcdef",
  ConversationSid: "CH0123456789abcdef0123456789abcdef",
};
const basic = Buffer.from(`${SID}:${TOKEN}`).toString("base64");

/** A client for a loopback server that answers every request with `status`, `body` and `headers`. */
async function answering(
  create: Create,
  status: number,
  body: string,
  headers: Record<string, string> = {},
  extra = {},
) {
  const server = await rawServer((_req, res) => {
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(body);
  });
  const client = create({ accountSid: SID, authToken: TOKEN, baseUrl: server.baseUrl, maxRetries: 0, ...extra });
  return { server, call: () => client.createServiceConversationParticipant({ path, body: { Identity: "alice" } }) };
}

/** Every Buffer reachable from `value` (an error's own fields and its causes'), as bytes a tracker might ship. */
function buffersIn(value: unknown, seen = new Set<unknown>()): Buffer[] {
  if (typeof value !== "object" || value === null || seen.has(value)) return [];
  seen.add(value);
  if (Buffer.isBuffer(value)) return [value];
  const fields = [...Object.getOwnPropertyNames(value), "cause"].map((key) => (value as Record<string, unknown>)[key]);
  return fields.flatMap((field) => buffersIn(field, seen));
}

/** Everything of an error a user could print or ship somewhere. */
const everything = (e: any) =>
  [e.message, e.stack, JSON.stringify(e), JSON.stringify(Object.entries(e)), String(e.rawBody)].join("\n");

describe.each(TRANSPORTS)("%s", (_transport, create) => {
  describe("error bodies of any JSON shape give TwilioApiError with what could be read", () => {
    it.each([null, 42, { url: "x" }, ["a"]])("a 409 whose more_info is %j", async (moreInfo) => {
      const { call } = await answering(
        create,
        409,
        JSON.stringify({ code: 50433, message: "Participant already exists", more_info: moreInfo, status: 409 }),
      );
      const error = await rejection(call());
      expect(error).toBeInstanceOf(TwilioApiError);
      expect([error.status, error.code, error.twilioMessage, error.moreInfo]).toEqual([
        409,
        50433,
        "Participant already exists",
        undefined,
      ]);
    });

    it.each([
      '"text"',
      "[1,2]",
      "null",
      "17",
      '{"code":"50433","message":7}',
      '{ "error" : "busy",\n  "id": 12345678901234567890, "id": 1.50 }',
    ])("a 409 whose body is %s keeps that body, byte for byte", async (body) => {
      const { call } = await answering(create, 409, body);
      const error = await rejection(call());
      expect(error).toBeInstanceOf(TwilioApiError);
      expect([error.status, error.code]).toEqual([409, undefined]);
      // As sent, though openapi-fetch parsed it: not re-serialized (spacing, big numbers, repeated keys).
      expect(error.rawBody).toBe(body);
    });
  });

  describe("only a JSON object is a resource", () => {
    it.each(["null", "[]", '"created"', "3"])(
      "a 201 with body %s rejects, keeping the status, and is not resent",
      async (body) => {
        const { server, call } = await answering(create, 201, body, {}, { maxRetries: 3 });
        const error = await rejection(call());
        expect(error).toBeInstanceOf(TwilioApiError);
        expect(error.status).toBe(201);
        expect(error.message).toContain("is not a JSON object");
        expect(server.requests).toHaveLength(1); // a POST whose fate is unknown is never resent
      },
    );
  });

  describe("every credential form is scrubbed", () => {
    it("from Twilio's code field: a string code is not a code, and the token never reaches message, stack or JSON", async () => {
      const { call } = await answering(
        create,
        400,
        JSON.stringify({ code: `${TOKEN}`, message: `bad ${TOKEN}`, more_info: TOKEN }),
      );
      const error = await rejection(call());
      expect(error.code).toBeUndefined();
      expect(everything(error)).not.toContain(TOKEN);
    });

    it.each([
      ["percent-encoded Authorization", encodeURIComponent(`Basic ${basic}`)],
      ["percent-encoded user:token", encodeURIComponent(`${SID}:${TOKEN}`)],
      ["base64 token alone", Buffer.from(TOKEN).toString("base64")],
    ])("from an echo of the %s in rawBody", async (_name, echo) => {
      const { call } = await answering(create, 502, `<html>proxy saw: ${echo}</html>`, { "Content-Type": "text/html" });
      const error = await rejection(call());
      expect(error.rawBody).toContain("[redacted]");
      expect(everything(error)).not.toContain(echo);
    });

    it("from a malformed answer echoing the credentials: nothing in the error or its causes holds them", async () => {
      // A gateway that echoes the request's Authorization back in a header line HTTP cannot parse.
      const sockets = new Set<Socket>();
      const server = createServer((socket) => {
        sockets.add(socket);
        socket.once("data", (data: Buffer) => {
          const auth = /authorization: Basic (\S+)\r\n/i.exec(data.toString())?.[1] ?? "";
          const echoed = `X-Seen: ${Buffer.from(auth, "base64").toString()}\r\nX-Raw: ${auth}`;
          socket.end(`HTTP/1.1 502 Bad Gateway\r\n${echoed}\r\nnot a header line\r\n\r\n`);
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      onCleanup(() => {
        for (const socket of sockets) socket.destroy();
        server.close();
      });
      const { port } = server.address() as AddressInfo;
      const client = create({ accountSid: SID, authToken: TOKEN, baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0 });
      const error = await rejection(client.createServiceConversationParticipant({ path, body: { Identity: "a" } }));
      const all = [inspect(error, { depth: 20, maxStringLength: Infinity }), ...buffersIn(error).map(String)].join(
        "\n",
      );
      expect(sockets.size).toBe(1); // the answer was sent
      expect(all).not.toContain(TOKEN);
      expect(all).not.toContain(basic);
    });

    it("a maxResponseBytes cut inside an echoed token keeps no part of it", async () => {
      const prefix = "<html>headers: authorization: Basic ";
      for (const keep of [4, 12, 30]) {
        const { call } = await answering(
          create,
          502,
          `${prefix}${basic} end</html>`,
          { "Content-Type": "text/html" },
          { maxResponseBytes: prefix.length + keep },
        );
        const error = await rejection(call());
        expect(error.rawBody).toBe(prefix);
        expect(everything(error)).not.toContain(basic.slice(0, keep));
      }
    });
  });

  describe("small misuses", () => {
    it("a logger that returns a rejected promise is ignored (no unhandled rejection)", async () => {
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on("unhandledRejection", onUnhandled);
      onCleanup(() => void process.off("unhandledRejection", onUnhandled));
      const { clientWith, path: fakePath } = await setup(create);
      const logger = { debug: () => Promise.reject(new Error("log sink down")) };
      const participant = await clientWith({ logger }).createServiceConversationParticipant({
        path: fakePath,
        body: { Identity: "kept" },
      });
      expect(participant.identity).toBe("kept");
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    });

    it("timeoutMs: 0 is refused, client-wide and per call, naming the option and the rule", async () => {
      expect(() => create({ accountSid: SID, authToken: TOKEN, timeoutMs: 0 })).toThrow(TwilioValidationError);
      const { server, call } = await answering(create, 201, "{}");
      const client = create({ accountSid: SID, authToken: TOKEN, baseUrl: server.baseUrl });
      const error = await rejection(
        client.createServiceConversationParticipant({ path, body: { Identity: "a" }, timeoutMs: 0 }),
      );
      expect(error).toBeInstanceOf(TwilioValidationError);
      expect(error.problems).toContainEqual(expect.objectContaining({ field: "timeoutMs", rule: "minimum" }));
      expect(server.requests).toHaveLength(0);
      void call;
    });

    it("a custom fetch that drops the abort signal still times out", async () => {
      const server = await rawServer(() => {}); // never answers
      const fetch = (request: Request) =>
        globalThis.fetch(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          duplex: "half",
        } as RequestInit);
      const client = create({
        accountSid: SID,
        authToken: TOKEN,
        baseUrl: server.baseUrl,
        fetch,
        timeoutMs: 200,
        maxRetries: 0,
      });
      const error = await rejection(client.createServiceConversationParticipant({ path, body: { Identity: "slow" } }));
      expect(error).toBeInstanceOf(TwilioTimeoutError);
      expect(error.requestSent).toBe(true);
    });

    it("twenty calls sharing one AbortSignal print no listener warning", async () => {
      const warnings: Error[] = [];
      const onWarning = (w: Error) => warnings.push(w);
      process.on("warning", onWarning);
      onCleanup(() => void process.off("warning", onWarning));
      const { fake, client, path: fakePath } = await setup(create);
      fake.inject(...Array.from({ length: 20 }, () => faults.rateLimited("0")));
      const signal = new AbortController().signal;
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          // Enough retries that no call runs out whichever of the 20 429s it draws (one call may draw three).
          client.createServiceConversationParticipant({
            path: fakePath,
            body: { Identity: `shared-${i}` },
            signal,
            maxRetries: 20,
          }),
        ),
      );
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning")).toEqual([]);
    });

    it("Retry-After: 0 still waits the floor between attempts", async () => {
      const { fake, clientWith, path: fakePath, log } = await setup(create);
      fake.inject(...Array.from({ length: 4 }, () => faults.rateLimited("0")));
      await clientWith({ maxRetries: 10 }).createServiceConversationParticipant({
        path: fakePath,
        body: { Identity: "patient" },
      });
      expect(fake.requests).toHaveLength(5);
      expect(log.events.slice(0, 4).map((e) => e.retryInMs)).toEqual([100, 100, 100, 100]);
    });
  });
});
