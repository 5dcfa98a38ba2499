// Property: random valid participants (chat identities of any characters, SMS bindings with and
// without a proxy address, some already there) added concurrently through addParticipant while
// random faults strike creates and lookups. In the end no identity or binding is stored twice, every
// call that resolved got the stored participant, and a stored participant whose calls all rejected
// was reported as unknown (TwilioOutcomeUnknownError): none is lost.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  TwilioError,
  TwilioOutcomeUnknownError,
  type AddParticipantResult,
  type ConversationsClient,
} from "../../src/index.js";
import {
  faults,
  startFakeConversations,
  type Fault,
  type FakeConversations,
  type Participant,
} from "../../src/testing/index.js";
import { runs as depth } from "../helpers/depth.js";
import { TRANSPORTS, type Create } from "../reliability/support.js";

/** Runs per transport (TEST_DEPTH=deep: 2,000), split over parallel workers (each with its own fake server) to stay quick. */
const RUNS = depth(500, 2_000);
const WORKERS = 25;

type Body = { Identity: string } | { "MessagingBinding.Address": string; "MessagingBinding.ProxyAddress"?: string };

/** Identities of any code points, except the three a URL path cannot carry as one segment. */
const identity = fc.string({ unit: "binary", minLength: 1, maxLength: 40 }).filter((s) => s !== "." && s !== "..");
const participant = fc.oneof(
  identity.map((Identity) => ({ kind: "chat" as const, Identity })),
  fc.record({
    kind: fc.constant("sms" as const),
    address: fc.integer({ min: 0, max: 3 }),
    proxy: fc.option(fc.integer({ min: 0, max: 1 }), { nil: undefined }),
  }),
);

const target = fc.constantFrom<Fault["on"]>("create", "create", "read");
const fault: fc.Arbitrary<Fault> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(faults.status(500), faults.html502(), faults.status(504), faults.empty500(), faults.reset()),
      fc.boolean(),
      target,
    )
    .map(([f, commit, on]) => ({ ...f, commit, on })),
  target.map((on) => ({ ...faults.truncatedJson(), on })),
  fc.tuple(fc.constantFrom(faults.rateLimited("0"), faults.unavailable("0")), target).map(([f, on]) => ({ ...f, on })),
);

const scenario = fc.record({
  participants: fc.array(participant, { minLength: 1, maxLength: 3 }),
  /** Each add picks one of the participants: the same one may be added by several calls at once. */
  adds: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  /** Participants already in the conversation before the adds. */
  existing: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  faults: fc.array(fault, { maxLength: 4 }),
  maxRetries: fc.integer({ min: 0, max: 3 }),
});

type Picked = { kind: "chat"; Identity: string } | { kind: "sms"; address: number; proxy: number | undefined };

const bodyOf = (p: Picked, run: number): Body =>
  p.kind === "chat"
    ? { Identity: p.Identity }
    : {
        // A run-unique number: a binding is unique across all conversations of the fake (50416).
        "MessagingBinding.Address": `+1555${String(run).padStart(6, "0")}${p.address}`,
        ...(p.proxy === undefined ? {} : { "MessagingBinding.ProxyAddress": `+1501712266${p.proxy}` }),
      };

const keyOf = (b: Body | Participant): string =>
  "Identity" in b
    ? `i:${b.Identity}`
    : "identity" in b && b.identity !== null
      ? `i:${b.identity}`
      : "MessagingBinding.Address" in b
        ? `b:${b["MessagingBinding.Address"]}|${b["MessagingBinding.ProxyAddress"] ?? null}`
        : `b:${(b as Participant).messaging_binding?.address}|${
            (b as Participant).messaging_binding?.proxy_address ?? null
          }`;

const seen = { runs: 0, adds: 0, created: 0, existing: 0, unknown: 0, otherErrors: 0, faults: 0 };

async function worker(create: Create, seed: number, runs: number) {
  let fake: FakeConversations | undefined;
  let run = 0;
  try {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        if (run++ % 100 === 0) {
          await fake?.close();
          fake = await startFakeConversations();
        }
        const f = fake!;
        const conversation = f.addConversation(f.serviceSid).sid;
        const path = { ChatServiceSid: f.serviceSid, ConversationSid: conversation };
        const bodies = s.participants.map((p) => bodyOf(p, seed * 1_000_000 + run));
        const client: ConversationsClient = create({
          accountSid: f.accountSid,
          authToken: f.authToken,
          baseUrl: f.baseUrl,
          maxRetries: s.maxRetries,
          timeoutMs: 5_000,
        });
        for (const [i, body] of bodies.entries()) {
          if (s.existing[i]) await client.createServiceConversationParticipant({ path, body }).catch(() => {}); // a duplicate pick is refused
        }
        f.inject(...s.faults);
        const picks = s.adds.map((n) => bodies[n % bodies.length]!);
        const results = await Promise.allSettled(
          picks.map((body) => client.addParticipant({ path, body }, { settleMs: 0 })),
        );
        await f.idle();
        f.clearFaults(); // each run stands alone, so a counterexample replays as shrunk
        const stored = f.participants.filter((p) => p.conversation_sid === conversation);

        // Never two participants for one identity or binding.
        const keys = stored.map(keyOf);
        expect(new Set(keys).size, JSON.stringify(keys)).toBe(keys.length);
        for (const [i, r] of results.entries()) {
          const key = keyOf(picks[i]!);
          if (r.status === "fulfilled") {
            const value: AddParticipantResult = r.value;
            // Resolved: with exactly the participant stored for it.
            expect(stored.filter((p) => keyOf(p) === key)).toEqual([value.participant]);
            seen[value.outcome]++;
          } else {
            expect(r.reason).toBeInstanceOf(TwilioError);
            if (r.reason instanceof TwilioOutcomeUnknownError) seen.unknown++;
            else seen.otherErrors++;
          }
        }
        // Never lost: a stored participant whose every call rejected was reported as unknown (or was there before).
        for (const p of stored) {
          const mine = results.filter((_, i) => keyOf(picks[i]!) === keyOf(p));
          const before = bodies.some((b, i) => s.existing[i] && keyOf(b) === keyOf(p));
          if (mine.length && !before && mine.every((r) => r.status === "rejected")) {
            expect(
              mine.some((r) => (r as PromiseRejectedResult).reason instanceof TwilioOutcomeUnknownError),
              keyOf(p),
            ).toBe(true);
          }
        }
        seen.runs++;
        seen.adds += picks.length;
        seen.faults += s.faults.length;
      }),
      { numRuns: runs, seed },
    );
  } finally {
    await fake?.close();
  }
}

describe("property: addParticipant under random faults", () => {
  describe.each(TRANSPORTS)("%s", (_transport, create) => {
    it(`never two participants for one identity or binding, never a lost one (${RUNS} runs)`, async () => {
      const before = seen.runs;
      const base = Math.floor(Math.random() * 1e6);
      await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(create, base + w, RUNS / WORKERS)));
      expect(seen.runs - before).toBe(RUNS);
    }, 300_000);
  });

  it("the runs covered every outcome", () => {
    console.log(`addParticipant property: ${JSON.stringify(seen)}`);
    expect(seen.runs).toBe(RUNS * TRANSPORTS.length);
    for (const k of ["created", "existing", "unknown", "otherErrors"] as const) expect(seen[k], k).toBeGreaterThan(0);
  });
});
