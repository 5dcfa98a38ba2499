// Retries: only 429 and 503 are resent, as often as maxRetries allows, after the wait Twilio asked
// for (Retry-After in seconds or as an HTTP date) or a jittered backoff, and always with the same
// bytes. A wait above the cap fails at once. 500, 502 and 504 are final after one try.
import { describe, expect, it } from "vitest";
import { TwilioApiError } from "../../src/index.js";
import { faults } from "../../src/testing/index.js";
import { rejection, setup, TRANSPORTS } from "./support.js";

const body = {
  Identity: "ünïcødé 👩‍💻 + & = %",
  Attributes: '{"tier":"gold","tags":["a","b"]}',
  RoleSid: "RL0123456789abcdef0123456789abcdef",
  DateCreated: new Date("2024-02-29T12:34:56.789Z"),
};

/** The parts of a request a resend must repeat exactly. */
const wire = (r: { method: string; url: string; headers: Record<string, unknown>; body: string }) => ({
  method: r.method,
  url: r.url,
  body: r.body,
  contentType: r.headers["content-type"],
  authorization: r.headers.authorization,
  userAgent: r.headers["user-agent"],
  webhook: r.headers["x-twilio-webhook-enabled"],
});

describe.each(TRANSPORTS)("%s", (_transport, create) => {
  describe("429 and 503 are resent", () => {
    it("waits for Retry-After: 1, then resends once with a byte-identical request", async () => {
      const { fake, client, path, log } = await setup(create);
      fake.inject(faults.rateLimited("1"));
      const started = performance.now();
      const participant = await client.createServiceConversationParticipant({
        path,
        body,
        header: { "X-Twilio-Webhook-Enabled": "false" },
      });
      const waited = performance.now() - started;

      expect(participant.identity).toBe(body.Identity);
      expect(waited).toBeGreaterThanOrEqual(900); // a lower bound only: Retry-After: 1 was honoured
      const [first, second, ...rest] = fake.requests;
      expect(rest).toEqual([]);
      expect(wire(second!)).toEqual(wire(first!));
      expect(Buffer.from(second!.body).equals(Buffer.from(first!.body))).toBe(true);
      expect(fake.participants).toHaveLength(1);
      expect(log.events.map((e) => [e.attempt, e.status, e.outcome, e.retryInMs])).toEqual([
        [1, 429, "http-error", 1000],
        [2, 201, "ok", undefined],
      ]);
    });

    it("honours Retry-After as an HTTP date", async () => {
      const { fake, client, path, log } = await setup(create);
      fake.inject(faults.rateLimited(new Date(Date.now() + 3000).toUTCString()));
      await client.createServiceConversationParticipant({ path, body: { Identity: "dated" } });

      expect(fake.requests).toHaveLength(2);
      const wait = log.events[0]!.retryInMs!;
      // The date has whole seconds, so the wait is about 2 s to 3 s: far above the 500 ms the
      // first backoff could reach, so the date was what was used.
      expect(wait).toBeGreaterThan(1000);
      expect(wait).toBeLessThanOrEqual(3000);
    });

    it("resends after the floor wait (100 ms) for an HTTP date in the past", async () => {
      const { fake, client, path, log } = await setup(create);
      fake.inject(faults.unavailable(new Date(Date.now() - 60_000).toUTCString()));
      await client.createServiceConversationParticipant({ path, body: { Identity: "past" } });
      expect(fake.requests).toHaveLength(2);
      expect(log.events[0]!.retryInMs).toBe(100);
    });

    // Date.parse alone reads "1.5" or "-1" as dates in 2001: that would resend at once.
    it.each(["1.5", "-1", "0.5", "soon"])(
      "falls back to the backoff for a Retry-After of %j (neither seconds nor an HTTP date)",
      async (value) => {
        const { fake, client, path, log } = await setup(create);
        fake.inject(faults.rateLimited(value));
        await client.createServiceConversationParticipant({ path, body: { Identity: "odd" } });
        expect(fake.requests).toHaveLength(2);
        const wait = log.events[0]!.retryInMs!;
        expect(wait).toBeGreaterThanOrEqual(250);
        expect(wait).toBeLessThanOrEqual(500);
      },
    );

    it("backs off exponentially with jitter when no Retry-After is given", async () => {
      const { fake, client, path, log } = await setup(create);
      fake.inject(faults.unavailable(), faults.rateLimited());
      await client.createServiceConversationParticipant({ path, body: { Identity: "backoff" } });
      expect(fake.requests).toHaveLength(3);
      const [w1, w2] = log.events.map((e) => e.retryInMs);
      expect(w1).toBeGreaterThanOrEqual(250);
      expect(w1).toBeLessThanOrEqual(500);
      expect(w2).toBeGreaterThanOrEqual(500);
      expect(w2).toBeLessThanOrEqual(1000);
    });
  });

  describe("a wait above the cap fails at once", () => {
    it("fails a 429 asking for 60 s (cap 30 s) after one attempt, with the wait in the error", async () => {
      const { fake, client, path } = await setup(create);
      fake.inject(faults.rateLimited("60"));
      const error = await rejection(
        client.createServiceConversationParticipant({ path, body: { Identity: "capped" } }),
      );
      expect(error).toBeInstanceOf(TwilioApiError);
      expect(error.status).toBe(429);
      expect(error.attempts).toBe(1);
      expect(error.retryAfterMs).toBe(60_000);
      expect(error.message).toContain("60000 ms");
      expect(error.message).toContain("maxRetryAfterMs");
      expect(error.message).toContain("after 1 attempt");
      expect(fake.requests).toHaveLength(1);
      expect(fake.participants).toHaveLength(0);
    });

    it("applies a caller's own cap, and to HTTP dates on a 503", async () => {
      const { fake, clientWith, path } = await setup(create);
      const client = clientWith({ maxRetryAfterMs: 500 });
      fake.inject(faults.rateLimited("1"), faults.unavailable(new Date(Date.now() + 10_000).toUTCString()));
      const first = await rejection(client.createServiceConversationParticipant({ path, body: { Identity: "a" } }));
      expect([first.status, first.retryAfterMs, first.attempts]).toEqual([429, 1000, 1]);
      const second = await rejection(client.createServiceConversationParticipant({ path, body: { Identity: "b" } }));
      expect(second.status).toBe(503);
      expect(second.retryAfterMs).toBeGreaterThan(500);
      expect(second.message).toContain(`${second.retryAfterMs} ms`);
      expect(fake.requests).toHaveLength(2);
    });
  });

  describe("maxRetries", () => {
    it("defaults to 2: three 503s are three attempts, and the error says so", async () => {
      const { fake, client, path } = await setup(create);
      fake.inject(...Array.from({ length: 5 }, () => faults.unavailable("0")));
      const error = await rejection(client.createServiceConversationParticipant({ path, body: { Identity: "x" } }));
      expect(error).toBeInstanceOf(TwilioApiError);
      expect(error.attempts).toBe(3);
      expect(error.message).toContain("after 3 attempts");
      expect(fake.requests).toHaveLength(3);
      expect(fake.participants).toHaveLength(0);
    });

    it("maxRetries: 1 on 503s makes exactly 2 attempts", async () => {
      const { fake, clientWith, path } = await setup(create);
      fake.inject(...Array.from({ length: 5 }, () => faults.unavailable("0")));
      const error = await rejection(
        clientWith({ maxRetries: 1 }).createServiceConversationParticipant({ path, body: { Identity: "x" } }),
      );
      expect(error.status).toBe(503);
      expect(error.attempts).toBe(2);
      expect(error.message).toContain("after 2 attempts");
      expect(error.message).toContain("maxRetries 1");
      expect(fake.requests).toHaveLength(2);
    });

    it("is set per client: maxRetries: 0 never resends", async () => {
      const { fake, clientWith, path } = await setup(create);
      fake.inject(faults.rateLimited("0"));
      const error = await rejection(
        clientWith({ maxRetries: 0 }).createServiceConversationParticipant({ path, body: { Identity: "x" } }),
      );
      expect([error.status, error.attempts]).toEqual([429, 1]);
      expect(error.message).toContain("after 1 attempt");
      expect(fake.requests).toHaveLength(1);
    });

    it("is set per call, over the client's", async () => {
      const { fake, clientWith, path } = await setup(create);
      const never = clientWith({ maxRetries: 0 });
      fake.inject(faults.rateLimited("0"), faults.unavailable("0"));
      const participant = await never.createServiceConversationParticipant({
        path,
        body: { Identity: "per-call" },
        maxRetries: 2,
      });
      expect(participant.identity).toBe("per-call");
      expect(fake.requests).toHaveLength(3);

      const generous = clientWith({ maxRetries: 5 });
      fake.inject(...Array.from({ length: 5 }, () => faults.unavailable("0")));
      const error = await rejection(
        generous.createServiceConversationParticipant({ path, body: { Identity: "y" }, maxRetries: 1 }),
      );
      expect(error.attempts).toBe(2);
      expect(fake.requests).toHaveLength(5);
      expect(fake.participants.map((p) => p.identity)).toEqual(["per-call"]);
    });
  });

  describe("ambiguous and final statuses are sent once", () => {
    it.each([500, 502, 504])("%i is sent once even with maxRetries: 5", async (status) => {
      const { fake, clientWith, path, log } = await setup(create);
      fake.inject(faults.status(status, { "Retry-After": "0" }));
      const error = await rejection(
        clientWith({ maxRetries: 5 }).createServiceConversationParticipant({ path, body: { Identity: "once" } }),
      );
      expect(error).toBeInstanceOf(TwilioApiError);
      expect(error.status).toBe(status);
      expect(error.attempts).toBe(1);
      expect(error.message).toContain("after 1 attempt");
      expect(error.message).toContain("not resent");
      expect(fake.requests).toHaveLength(1);
      expect(log.events).toHaveLength(1);
      expect(log.events[0]!.retryInMs).toBeUndefined();
    });

    it.each([400, 401, 403, 404, 405, 409])("%i is final after one attempt", async (status) => {
      const { fake, clientWith, path } = await setup(create);
      fake.inject(faults.status(status));
      const error = await rejection(
        clientWith({ maxRetries: 5 }).createServiceConversationParticipant({ path, body: { Identity: "final" } }),
      );
      expect([error.status, error.attempts]).toEqual([status, 1]);
      expect(fake.requests).toHaveLength(1);
    });

    it("a duplicate is Twilio's 409 / 50433, not a second participant", async () => {
      const { fake, client, path } = await setup(create);
      await client.createServiceConversationParticipant({ path, body: { Identity: "twice" } });
      const error = await rejection(client.createServiceConversationParticipant({ path, body: { Identity: "twice" } }));
      expect([error.status, error.code, error.attempts]).toEqual([409, 50433, 1]);
      expect(fake.participants).toHaveLength(1);
    });
  });
});
