// A caller's abort: it surfaces at once, as the caller's own abort reason (not a TwilioError), and
// nothing is sent after it — not during a request, and not during a wait between retries.
import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { TwilioError, TwilioValidationError } from "../../src/index.js";
import { faults } from "../../src/testing/index.js";
import { rawServer, recorder, refusedPort, rejection, setup, SIDS, sleep, TRANSPORTS, type Create } from "./support.js";

const path = { ChatServiceSid: SIDS.service, ConversationSid: SIDS.conversation };

/** A loopback server that reads each request and never answers: only an abort can end a call. */
async function hangingServer(create: Create) {
  const server = await rawServer(() => {});
  const client = create({ accountSid: SIDS.account, authToken: "t", baseUrl: server.baseUrl, maxRetries: 5 });
  return { server, client };
}

describe.each(TRANSPORTS)("%s", (_transport, create) => {
  describe("caller abort", () => {
    it("an already-aborted signal rejects with its reason and sends nothing", async () => {
      const { server, client } = await hangingServer(create);
      const reason = new Error("caller gave up");
      const error = await rejection(
        client.createServiceConversationParticipant({ path, signal: AbortSignal.abort(reason) }),
      );
      expect(error).toBe(reason);
      expect(server.requests).toHaveLength(0);
    });

    it("an abort during the request rejects at once with the caller's reason and is never resent", async () => {
      const { server, client } = await hangingServer(create);
      const controller = new AbortController();
      const reason = { why: "shutting down" };
      const call = client.createServiceConversationParticipant({ path, signal: controller.signal });
      await server.received(1);
      controller.abort(reason);
      const error = await rejection(call); // the server never answers: only the abort can settle this
      expect(error).toBe(reason);
      expect(error).not.toBeInstanceOf(TwilioError);
      await sleep(700); // longer than the first backoff: a resend would have arrived by now
      expect(server.requests).toHaveLength(1);
    });

    it("an abort without a reason surfaces as the platform's AbortError", async () => {
      const { server, client } = await hangingServer(create);
      const controller = new AbortController();
      const call = client.createServiceConversationParticipant({ path, signal: controller.signal });
      await server.received(1);
      controller.abort();
      const error = await rejection(call);
      expect(error).toBe(controller.signal.reason);
      expect(error.name).toBe("AbortError");
    });

    it("the caller's own AbortSignal.timeout surfaces as its TimeoutError, not TwilioTimeoutError", async () => {
      const { server, client } = await hangingServer(create);
      const signal = AbortSignal.timeout(200);
      const error = await rejection(client.createServiceConversationParticipant({ path, signal }));
      expect(error).toBe(signal.reason);
      expect(error.name).toBe("TimeoutError");
      expect(error).not.toBeInstanceOf(TwilioError);
      expect(server.requests).toHaveLength(1);
    });

    it("an abort during the wait after a 429 rejects at once and the resend never happens", async () => {
      const controller = new AbortController();
      const reason = new Error("stop");
      // Abort as soon as the client announces the wait (from a later task, as a real caller would).
      const log = recorder((event) => event.retryInMs !== undefined && setImmediate(() => controller.abort(reason)));
      const { fake, clientWith, path: fakePath } = await setup(create);
      fake.inject(faults.rateLimited("1"));
      const error = await rejection(
        clientWith({ logger: log.logger }).createServiceConversationParticipant({
          path: fakePath,
          body: { Identity: "x" },
          signal: controller.signal,
        }),
      );
      expect(error).toBe(reason);
      expect(log.events.map((e) => [e.attempt, e.status, e.retryInMs])).toEqual([[1, 429, 1000]]);
      await sleep(1300); // past the Retry-After: the resend would have arrived by now
      expect(fake.requests).toHaveLength(1);
      expect(fake.participants).toHaveLength(0);
    });

    it("an abort during the backoff after a refused connection rejects at once", async () => {
      const controller = new AbortController();
      const reason = new Error("stop");
      const log = recorder((event) => event.retryInMs !== undefined && setImmediate(() => controller.abort(reason)));
      const client = create({
        accountSid: SIDS.account,
        authToken: "t",
        baseUrl: `http://127.0.0.1:${await refusedPort()}`,
        logger: log.logger,
      });
      const error = await rejection(client.createServiceConversationParticipant({ path, signal: controller.signal }));
      expect(error).toBe(reason);
      expect(log.events).toHaveLength(1);
    });

    it("one signal shared by many calls: one listener on it, and its abort stops every call in flight", async () => {
      const { server, client } = await hangingServer(create);
      const controller = new AbortController();
      const reason = new Error("shutting down");
      const calls = Array.from({ length: 12 }, () =>
        rejection(client.createServiceConversationParticipant({ path, signal: controller.signal })),
      );
      await server.received(12);
      // A listener per call would make Node warn past ten. (What the calls leave on a long-lived signal
      // is measured by `npm run bench`'s memory run, whose calls all share one.)
      expect(getEventListeners(controller.signal, "abort").length).toBeLessThanOrEqual(1);
      controller.abort(reason);
      expect(await Promise.all(calls)).toEqual(Array.from({ length: 12 }, () => reason));
      expect(server.requests).toHaveLength(12);
    });

    it("an abort after the call resolved changes nothing", async () => {
      const { fake, client, path: fakePath } = await setup(create);
      const controller = new AbortController();
      const participant = await client.createServiceConversationParticipant({
        path: fakePath,
        body: { Identity: "done" },
        signal: controller.signal,
      });
      controller.abort();
      expect(participant.identity).toBe("done");
      expect(fake.participants).toHaveLength(1);
    });

    it("a signal that is not an AbortSignal is refused before sending", async () => {
      const { server, client } = await hangingServer(create);
      const error = await rejection(
        client.createServiceConversationParticipant({ path, signal: { aborted: false } as unknown as AbortSignal }),
      );
      expect(error).toBeInstanceOf(TwilioValidationError);
      expect(error.problems).toEqual([expect.objectContaining({ field: "signal", rule: "type" })]);
      expect(server.requests).toHaveLength(0);
    });
  });
});
