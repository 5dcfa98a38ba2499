// The logger sees every attempt — method, URL without credentials, status, attempt, wait,
// duration — and a logger that throws cannot change a call's outcome.
import { describe, expect, it } from "vitest";
import { TwilioApiError } from "../../src/index.js";
import { faults } from "../../src/testing/index.js";
import { rejection, setup, TRANSPORTS } from "./support.js";

const throwing = {
  debug: () => {
    throw new Error("logger broke");
  },
};

describe.each(TRANSPORTS)("%s", (_transport, create) => {
  describe("logger", () => {
    it("gets one event per attempt with method, URL, status, attempt, wait and duration", async () => {
      const { fake, client, path, log } = await setup(create);
      fake.inject(faults.unavailable("0"));
      await client.createServiceConversationParticipant({ path, body: { Identity: "logged" } });
      const url = `${fake.baseUrl}/v1/Services/${path.ChatServiceSid}/Conversations/${path.ConversationSid}/Participants`;
      expect(log.events).toEqual([
        {
          method: "POST",
          url,
          attempt: 1,
          status: 503,
          outcome: "http-error",
          durationMs: expect.any(Number),
          retryInMs: 100,
        },
        {
          method: "POST",
          url,
          attempt: 2,
          status: 201,
          outcome: "ok",
          durationMs: expect.any(Number),
          retryInMs: undefined,
        },
      ]);
      expect(log.events.every((e) => e.durationMs >= 0)).toBe(true);
      expect(log.lines).toEqual([`POST ${url} → 503 (attempt 1)`, `POST ${url} → 201 (attempt 2)`]);
    });

    it("a logger that throws does not turn a created participant into an error", async () => {
      const { fake, clientWith, path } = await setup(create);
      const participant = await clientWith({ logger: throwing }).createServiceConversationParticipant({
        path,
        body: { Identity: "kept" },
      });
      expect(participant.identity).toBe("kept");
      expect(fake.requests).toHaveLength(1);
    });

    it("a logger that throws does not stop a resend, nor change a final error", async () => {
      const { fake, clientWith, path } = await setup(create);
      fake.inject(faults.rateLimited("0"), faults.status(500));
      const error = await rejection(
        clientWith({ logger: throwing }).createServiceConversationParticipant({ path, body: { Identity: "x" } }),
      );
      expect(error).toBeInstanceOf(TwilioApiError);
      expect([error.status, error.attempts]).toEqual([500, 2]);
      expect(fake.requests).toHaveLength(2);
    });
  });
});
