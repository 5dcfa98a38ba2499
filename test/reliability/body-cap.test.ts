// Response bodies are capped: the client reads at most maxResponseBytes of any body (an endless one
// cannot hang or exhaust it) and keeps at most 2 KiB of a body in an error.
import { describe, expect, it } from "vitest";
import { TwilioApiError } from "../../src/index.js";
import { rawServer, rejection, SIDS, TRANSPORTS } from "./support.js";

const path = { ChatServiceSid: SIDS.service, ConversationSid: SIDS.conversation };
const participant = JSON.stringify({
  sid: "MB0123456789abcdef0123456789abcdef",
  account_sid: SIDS.account,
  chat_service_sid: SIDS.service,
  conversation_sid: SIDS.conversation,
});

/** A server that answers `status` with a body that never ends. */
async function endless(status: number) {
  return rawServer((_req, res) => {
    res.writeHead(status, { "Content-Type": status === 201 ? "application/json" : "text/html" });
    const chunk = Buffer.alloc(64 * 1024, "<p>lorem ipsum</p>");
    if (status === 201) res.write('{"sid":"');
    const pump = () => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once("drain", pump);
    };
    res.on("close", () => res.removeAllListeners("drain"));
    pump();
  });
}

describe.each(TRANSPORTS)("%s", (_transport, create) => {
  describe("response bodies are capped", () => {
    it("an endless error body: one TwilioApiError, keeping at most 2 KiB", async () => {
      const server = await endless(502);
      const client = create({
        accountSid: SIDS.account,
        authToken: "t",
        baseUrl: server.baseUrl,
        maxResponseBytes: 256 * 1024,
      });
      const error = await rejection(client.createServiceConversationParticipant({ path }));
      expect(error).toBeInstanceOf(TwilioApiError);
      expect([error.status, error.attempts]).toEqual([502, 1]);
      expect(error.rawBody.length).toBeLessThanOrEqual(2048);
      expect(error.rawBody).toMatch(/^<p>lorem ipsum<\/p>/);
      expect(server.requests).toHaveLength(1);
    });

    it("an endless 201 body: a TwilioApiError saying it exceeded maxResponseBytes (Twilio may have acted)", async () => {
      const server = await endless(201);
      const client = create({
        accountSid: SIDS.account,
        authToken: "t",
        baseUrl: server.baseUrl,
        maxResponseBytes: 100_000,
      });
      const error = await rejection(client.createServiceConversationParticipant({ path }));
      expect(error).toBeInstanceOf(TwilioApiError);
      expect([error.status, error.attempts]).toEqual([201, 1]);
      expect(error.message).toContain("exceeded maxResponseBytes");
      expect(error.message).toContain("look the resource up");
      expect(server.requests).toHaveLength(1);
    });

    it("a 201 body of exactly maxResponseBytes is whole; one byte more is over", async () => {
      const server = await rawServer((_req, res) => {
        res.writeHead(201, { "Content-Type": "application/json" });
        res.end(participant);
      });
      const size = Buffer.byteLength(participant);
      const exact = create({
        accountSid: SIDS.account,
        authToken: "t",
        baseUrl: server.baseUrl,
        maxResponseBytes: size,
      });
      expect((await exact.createServiceConversationParticipant({ path })).sid).toBe(
        "MB0123456789abcdef0123456789abcdef",
      );
      const under = create({
        accountSid: SIDS.account,
        authToken: "t",
        baseUrl: server.baseUrl,
        maxResponseBytes: size - 1,
      });
      const error = await rejection(under.createServiceConversationParticipant({ path }));
      expect(error.message).toContain("exceeded maxResponseBytes");
      expect(server.requests).toHaveLength(2);
    });

    it("an error body is cut at maxResponseBytes before anything is kept", async () => {
      const server = await rawServer((_req, res) => {
        res.writeHead(500, { "Content-Type": "text/plain" });
        res.end("x".repeat(5000));
      });
      const client = create({
        accountSid: SIDS.account,
        authToken: "t",
        baseUrl: server.baseUrl,
        maxResponseBytes: 100,
      });
      const error = await rejection(client.createServiceConversationParticipant({ path }));
      expect(error.rawBody).toBe("x".repeat(100));
    });

    it("a body-less non-2xx (304) is a TwilioApiError, not a connection error", async () => {
      const server = await rawServer((_req, res) => {
        res.writeHead(304);
        res.end();
      });
      const client = create({ accountSid: SIDS.account, authToken: "t", baseUrl: server.baseUrl, maxRetries: 3 });
      const error = await rejection(client.createServiceConversationParticipant({ path }));
      expect(error).toBeInstanceOf(TwilioApiError);
      expect([error.status, error.attempts]).toEqual([304, 1]);
      expect(server.requests).toHaveLength(1);
    });
  });
});
