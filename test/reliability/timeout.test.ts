// Timeouts: one attempt may take timeoutMs, from sending to the end of the body. A timeout is an
// ambiguous outcome (Twilio may have acted), so it is never resent.
import { describe, expect, it } from "vitest";
import { TwilioTimeoutError, TwilioValidationError } from "../../src/index.js";
import { faults } from "../../src/testing/index.js";
import { rawServer, rejection, setup, SIDS, TRANSPORTS } from "./support.js";

describe.each(TRANSPORTS)("%s", (_transport, create) => {
  describe("timeoutMs", () => {
    it("a slow server with timeoutMs: 300 → TwilioTimeoutError after exactly one attempt", async () => {
      const { fake, clientWith, path, log } = await setup(create);
      fake.inject(faults.delay(1500)); // the fake then creates the participant anyway, as Twilio would
      const error = await rejection(
        clientWith({ timeoutMs: 300, maxRetries: 3 }).createServiceConversationParticipant({
          path,
          body: { Identity: "slow" },
        }),
      );

      expect(error).toBeInstanceOf(TwilioTimeoutError);
      expect(error.attempts).toBe(1);
      expect(error.timeoutMs).toBe(300);
      expect(error.message).toContain("timed out after 300 ms");
      expect(error.message).toContain("not resent");
      expect(log.events.map((e) => [e.attempt, e.outcome, e.status, e.retryInMs])).toEqual([
        [1, "timeout", undefined, undefined],
      ]);
      await fake.idle();
      expect(fake.requests).toHaveLength(1);
      expect(fake.participants.map((p) => p.identity)).toEqual(["slow"]); // why it is never resent
    });

    it("is set per call, over the client's", async () => {
      const { fake, clientWith, path } = await setup(create);
      fake.inject(faults.delay(1500, false));
      const client = clientWith({ timeoutMs: 30_000 });
      const error = await rejection(
        client.createServiceConversationParticipant({ path, body: { Identity: "x" }, timeoutMs: 300 }),
      );
      expect(error).toBeInstanceOf(TwilioTimeoutError);
      expect([error.timeoutMs, error.attempts]).toEqual([300, 1]);
      await fake.idle();
      expect(fake.requests).toHaveLength(1);
      expect(fake.participants).toHaveLength(0);
    });

    it("covers the response body, not only the headers", async () => {
      const server = await rawServer((_req, res) => {
        res.writeHead(201, { "Content-Type": "application/json", "Content-Length": "1000" });
        res.write('{"sid":"MB'); // then nothing more
      });
      const client = create({ accountSid: SIDS.account, authToken: "t", baseUrl: server.baseUrl, timeoutMs: 300 });
      const error = await rejection(
        client.createServiceConversationParticipant({
          path: { ChatServiceSid: SIDS.service, ConversationSid: SIDS.conversation },
        }),
      );
      expect(error).toBeInstanceOf(TwilioTimeoutError);
      expect(error.attempts).toBe(1);
      expect(server.requests).toHaveLength(1);
    });

    it("is per attempt: a 429 resend that then hangs times out on attempt 2", async () => {
      const { fake, clientWith, path } = await setup(create);
      fake.inject(faults.rateLimited("0"), faults.delay(1500, false));
      const error = await rejection(
        clientWith({ timeoutMs: 300 }).createServiceConversationParticipant({ path, body: { Identity: "x" } }),
      );
      expect(error).toBeInstanceOf(TwilioTimeoutError);
      expect(error.attempts).toBe(2);
      await fake.idle();
      expect(fake.requests).toHaveLength(2);
    });

    it.each([-1, 1.5, Number.NaN, 2 ** 31, "300"])(
      "refuses timeoutMs %s before sending anything",
      async (timeoutMs) => {
        const { fake, clientWith, client, path } = await setup(create);
        expect(() => clientWith({ timeoutMs: timeoutMs as number })).toThrow(TwilioValidationError);
        const error = await rejection(
          client.createServiceConversationParticipant({ path, timeoutMs: timeoutMs as number }),
        );
        expect(error).toBeInstanceOf(TwilioValidationError);
        expect(error.problems).toEqual([expect.objectContaining({ field: "timeoutMs" })]);
        expect(fake.requests).toHaveLength(0);
      },
    );
  });
});
