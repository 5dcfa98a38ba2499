// addParticipant under every fault of its matrix (matrix.ts), for a chat and an SMS participant,
// on both transports: exactly one participant stored and returned (or the documented error), and
// exactly the requests expected, every create byte-identical.
import { describe, expect, it } from "vitest";
import { TwilioApiError, TwilioConnectionError, TwilioError, TwilioOutcomeUnknownError } from "../../src/index.js";
import { startFakeConversations, type RecordedRequest } from "../../src/testing/index.js";
import { onCleanup, outcome, refusedPort, TRANSPORTS } from "../reliability/support.js";
import { ADD_CLIENT, ADD_MATRIX, SETTLE_MS, type AddCase, type Step } from "./matrix.js";

const CLASSES = { TwilioApiError, TwilioConnectionError, TwilioOutcomeUnknownError };
const KINDS = [
  ["chat", { Identity: "matrix-user", Attributes: '{"case":1}' }, "fetch"],
  ["SMS", { "MessagingBinding.Address": "+15558675310", "MessagingBinding.ProxyAddress": "+15017122661" }, "list"],
] as const;

/** Which step a recorded request was: a create, or the kind of lookup this participant needs. */
function step(r: RecordedRequest, lookup: "fetch" | "list"): Step | string {
  if (r.method === "POST" && /\/Participants$/.test(r.url)) return "C";
  const isFetch = /\/Participants\/[^/?]+$/.test(r.url);
  if (r.method === "GET" && (lookup === "fetch" ? isFetch : /\/Participants(\?|$)/.test(r.url))) return "L";
  return `${r.method} ${r.url}`;
}

describe.each(TRANSPORTS)("%s", (_transport, create) => {
  describe.each(KINDS)("%s participant", (_kind, body, lookup) => {
    it.each(ADD_MATRIX.map((c) => [c.name, c] as const))("%s", async (_name, c: AddCase) => {
      const fake = await startFakeConversations();
      onCleanup(() => fake.close());
      fake.inject(...c.faults(lookup));
      const baseUrl = c.refused ? `http://127.0.0.1:${await refusedPort()}` : fake.baseUrl;
      const client = create({ accountSid: fake.accountSid, authToken: fake.authToken, baseUrl, ...ADD_CLIENT });
      const path = { ChatServiceSid: fake.serviceSid, ConversationSid: fake.conversationSid };
      const result = await outcome(
        client.addParticipant({ path, body }, { settleMs: c.slow ? SETTLE_MS.slow : SETTLE_MS.fast })
      );
      await fake.idle(); // a create that timed out may still be stored
      const stored = fake.participants;
      const e = c.expect;

      expect(stored).toHaveLength(e.participants);
      if (e.outcome) {
        expect(result.ok, String(!result.ok && result.error)).toBe(true);
        const value = (result as { value: { outcome: string; participant: unknown } }).value;
        expect(value.outcome).toBe(e.outcome);
        expect(value.participant).toEqual(stored[0]);
      } else {
        expect(result.ok).toBe(false);
        const error = (result as { error: any }).error;
        expect(error).toBeInstanceOf(CLASSES[e.error!]);
        expect(error).toBeInstanceOf(TwilioError);
        expect(error.name).toBe(e.error);
        if (e.status !== undefined) expect(error.status).toBe(e.status);
        if (e.lookup !== undefined) {
          expect(error.lookup).toBe(e.lookup);
          expect(error.creates).toBe(e.requests.filter((s) => s === "C").length);
          expect(error.message).toMatch(/unknown/);
        }
      }
      const requests = fake.requests;
      expect(requests.map((r) => step(r, lookup))).toEqual(e.requests);
      // Every create is the same request, byte for byte.
      expect(new Set(requests.filter((r) => r.method === "POST").map((r) => r.body)).size).toBeLessThanOrEqual(1);
    });
  });
});
