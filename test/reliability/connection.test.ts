// Connection failures: one before any byte was sent (refused) is resent with backoff, and counted;
// one after the request was written (a reset) is ambiguous, so it is final after one attempt.
import { createServer as createNetServer, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { TwilioConnectionError } from "../../src/index.js";
import { faults, startFakeConversations } from "../../src/testing/index.js";
import { onCleanup, recorder, refusedPort, rejection, setup, SIDS, TRANSPORTS } from "./support.js";

const path = { ChatServiceSid: SIDS.service, ConversationSid: SIDS.conversation };

describe.each(TRANSPORTS)("%s", (_transport, create) => {
  describe("refused connections are resent", () => {
    it("a refused port → TwilioConnectionError after 1 + maxRetries attempts, requestSent false", async () => {
      const log = recorder();
      const client = create({
        accountSid: SIDS.account,
        authToken: "t",
        baseUrl: `http://127.0.0.1:${await refusedPort()}`,
        logger: log.logger,
      });
      const error = await rejection(client.createServiceConversationParticipant({ path }));

      expect(error).toBeInstanceOf(TwilioConnectionError);
      expect(error.attempts).toBe(3);
      expect(error.requestSent).toBe(false);
      expect(error.errno).toBe("ECONNREFUSED");
      expect(error.message).toContain("after 3 attempts");
      expect(log.events.map((e) => [e.attempt, e.outcome])).toEqual([
        [1, "connection-error"],
        [2, "connection-error"],
        [3, "connection-error"],
      ]);
      expect(log.events.map((e) => e.retryInMs === undefined)).toEqual([false, false, true]);
    });

    it("maxRetries per call bounds it: 0 → one attempt", async () => {
      const client = create({
        accountSid: SIDS.account,
        authToken: "t",
        baseUrl: `http://127.0.0.1:${await refusedPort()}`,
      });
      const error = await rejection(client.createServiceConversationParticipant({ path, maxRetries: 0 }));
      expect(error).toBeInstanceOf(TwilioConnectionError);
      expect([error.attempts, error.requestSent]).toEqual([1, false]);
    });

    it("succeeds when the server comes up during the backoff, creating exactly one participant", async () => {
      const port = await refusedPort();
      let fake: Awaited<ReturnType<typeof startFakeConversations>> | undefined;
      // Start the server when attempt 1 is refused; the resend follows a backoff of at least 250 ms,
      // far longer than a loopback listen takes.
      const log = recorder((event) => {
        if (event.attempt !== 1) return;
        void startFakeConversations({ port, accountSid: SIDS.account, authToken: "t" }).then((f) => {
          f.addConversation(f.addService(SIDS.service), { sid: SIDS.conversation });
          fake = f;
          onCleanup(() => f.close());
        });
      });
      const client = create({
        accountSid: SIDS.account,
        authToken: "t",
        baseUrl: `http://127.0.0.1:${port}`,
        logger: log.logger,
      });
      const participant = await client.createServiceConversationParticipant({ path, body: { Identity: "late" } });
      expect(participant.identity).toBe("late");
      expect(log.events.map((e) => [e.attempt, e.outcome])).toEqual([
        [1, "connection-error"],
        [2, "ok"],
      ]);
      expect(fake!.requests).toHaveLength(1);
      expect(fake!.participants).toHaveLength(1);
    });
  });

  describe("a reset after the request was written is never resent", () => {
    it("reset after the request was read → one attempt, requestSent true", async () => {
      const { fake, clientWith, path: fakePath } = await setup(create);
      fake.inject(faults.reset());
      const error = await rejection(
        clientWith({ maxRetries: 5 }).createServiceConversationParticipant({ path: fakePath, body: { Identity: "r" } }),
      );
      expect(error).toBeInstanceOf(TwilioConnectionError);
      expect(error.attempts).toBe(1);
      expect(error.requestSent).toBe(true);
      expect(error.message).toContain("after 1 attempt");
      expect(error.message).toContain("not resent");
      expect(fake.requests).toHaveLength(1);
      expect(fake.participants).toHaveLength(0);
    });

    it("reset after Twilio created the participant → still one attempt, and exactly one participant", async () => {
      const { fake, clientWith, path: fakePath } = await setup(create);
      fake.inject(faults.reset(true));
      const error = await rejection(
        clientWith({ maxRetries: 5 }).createServiceConversationParticipant({ path: fakePath, body: { Identity: "r" } }),
      );
      expect(error).toBeInstanceOf(TwilioConnectionError);
      expect([error.attempts, error.requestSent]).toEqual([1, true]);
      expect(fake.requests).toHaveLength(1);
      expect(fake.participants.map((p) => p.identity)).toEqual(["r"]);
    });

    it("a connection dropped once the request bytes arrived is not resent", async () => {
      let connections = 0;
      const sockets = new Set<Socket>();
      const server = createNetServer((socket) => {
        connections++;
        sockets.add(socket);
        socket.once("data", () => socket.destroy()); // the request reached us; no answer
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      onCleanup(
        () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            for (const s of sockets) s.destroy();
          }),
      );
      const port = (server.address() as { port: number }).port;
      const client = create({
        accountSid: SIDS.account,
        authToken: "t",
        baseUrl: `http://127.0.0.1:${port}`,
        maxRetries: 5,
      });
      const error = await rejection(client.createServiceConversationParticipant({ path }));
      expect(error).toBeInstanceOf(TwilioConnectionError);
      expect([error.attempts, error.requestSent]).toEqual([1, true]);
      expect(connections).toBe(1);
    });
  });
});
