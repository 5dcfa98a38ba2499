// Path values cannot steer the request: `.`, `..` and empty are refused before the network, and
// every other ConversationSid goes out as exactly one percent-encoded segment at exactly the
// participants route, where it decodes back to the very string the caller gave. Redirects,
// which would send the POST somewhere else, are never followed.
import { describe, expect, it } from "vitest";
import { TwilioApiError, TwilioValidationError } from "../../src/index.js";
import { rawServer, rejection, setup, SIDS, TRANSPORTS } from "./support.js";

/** Nasty ConversationSid values that are legal (a conversation may be addressed by unique name). */
const NASTY_PATH_VALUES: readonly string[] = [
  "../",
  "../../../../etc/passwd",
  "..%2f",
  "..%2F..%2FServices",
  "%2e%2e",
  "%2e%2e%2f",
  ".%2e",
  "%252e%252e%252f", // double-encoded traversal
  "..\\",
  "..\\..\\windows\\win.ini",
  "...",
  ". ",
  " ..",
  "..;",
  "..;/",
  "/",
  "a/b",
  "//evil.example.com/x",
  "?",
  "?Identity=mallory",
  "#",
  "#fragment",
  "%",
  "%zz",
  "%00",
  "\u0000", // NUL
  "\r\n",
  "CH1\r\nX-Injected: 1",
  "\t\u000b\u000c\u0001\u001f\u007f", // control characters
  " ",
  "+",
  "&ConversationSid=other",
  "@evil.example.com",
  "http://evil.example.com/",
  "{ChatServiceSid}",
  "😀",
  "👩‍👩‍👧‍👦", // emoji with zero-width joiners
  "\u202egnp.exe", // right-to-left override
  "\ufeff\u200b", // BOM, zero-width space
  "é", // NFC
  "e\u0301", // NFD: must not be normalised into the previous one
  "\uff0e\uff0e", // fullwidth full stops: NFKC turns them into ".."
  "\u2024\u2024", // one-dot leaders: NFKC turns them into ".."
  "\uff0e\uff0e\uff0f", // fullwidth "../"
  "x".repeat(1000),
  `${SIDS.conversation}/../../${SIDS.conversation}`,
];

/** Values that must never leave the client. */
const REFUSED: readonly [string, string][] = [
  ["", "empty"],
  [".", "current-directory segment"],
  ["..", "parent-directory segment"],
];

const ROUTE = /^\/v1\/Services\/(IS[0-9a-f]{32})\/Conversations\/([^/?#]*)\/Participants$/;

describe.each(TRANSPORTS)("%s", (_transport, create) => {
  describe("hostile ConversationSid values", () => {
    it(`has at least 30 nasty values (${NASTY_PATH_VALUES.length})`, () => {
      expect(NASTY_PATH_VALUES.length).toBeGreaterThanOrEqual(30);
      expect(new Set(NASTY_PATH_VALUES).size).toBe(NASTY_PATH_VALUES.length);
    });

    it.each(REFUSED)("refuses %j (%s) with zero requests", async (value) => {
      const { fake, client } = await setup(create);
      const error = await rejection(
        client.createServiceConversationParticipant({
          path: { ChatServiceSid: fake.serviceSid, ConversationSid: value },
          body: { Identity: "x" },
        }),
      );
      expect(error).toBeInstanceOf(TwilioValidationError);
      expect(error.problems.map((p: { in: string; field: string }) => [p.in, p.field])).toContainEqual([
        "path",
        "ConversationSid",
      ]);
      expect(fake.requests).toHaveLength(0);
    });

    it("refuses a lone surrogate, which has no UTF-8 form to send", async () => {
      const { fake, client } = await setup(create);
      const error = await rejection(
        client.createServiceConversationParticipant({
          path: { ChatServiceSid: fake.serviceSid, ConversationSid: "a\ud800b" },
        }),
      );
      expect(error.problems).toEqual([
        expect.objectContaining({ in: "path", field: "ConversationSid", rule: "unicode" }),
      ]);
      expect(fake.requests).toHaveLength(0);
    });

    it("sends every other value as exactly one segment at exactly the participants route, decoding to the input", async () => {
      const { fake, client } = await setup(create);
      // Each value names a conversation of its own (by unique name), so the fake answers 201 only
      // if it resolved exactly that value.
      const conversations = new Map(
        NASTY_PATH_VALUES.map((v) => [v, fake.addConversation(fake.serviceSid, { uniqueName: v }).sid]),
      );

      for (const [i, value] of NASTY_PATH_VALUES.entries()) {
        const participant = await client.createServiceConversationParticipant({
          path: { ChatServiceSid: fake.serviceSid, ConversationSid: value },
          body: { Identity: `p${i}` },
        });
        expect(participant.conversation_sid, JSON.stringify(value)).toBe(conversations.get(value));
      }

      const requests = fake.requests;
      expect(requests).toHaveLength(NASTY_PATH_VALUES.length); // nothing else reached the server
      for (const [i, value] of NASTY_PATH_VALUES.entries()) {
        const target = requests[i]!.url;
        const match = ROUTE.exec(target);
        expect(match, `${JSON.stringify(value)} → ${target}`).not.toBeNull();
        const segment = match![2]!;
        expect(segment, JSON.stringify(value)).toMatch(/^(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})+$/); // unreserved or %XX only
        expect(segment).not.toMatch(/^\.{1,2}$/);
        expect(decodeURIComponent(segment)).toBe(value);
        expect(match![1]).toBe(fake.serviceSid);
        expect(requests[i]!.form).toEqual({ Identity: `p${i}` });
      }
      expect(fake.participants).toHaveLength(NASTY_PATH_VALUES.length);
    });

    it("refuses traversal and separators in ChatServiceSid too (it must be a SID)", async () => {
      const { fake, client } = await setup(create);
      for (const value of [
        "..",
        "../IS0123456789abcdef0123456789abcdef",
        `${fake.serviceSid}/..`,
        `${fake.serviceSid}?x`,
        `${fake.serviceSid}#`,
        "%2e%2e",
      ]) {
        const error = await rejection(
          client.createServiceConversationParticipant({
            path: { ChatServiceSid: value, ConversationSid: fake.conversationSid },
          }),
        );
        expect(error).toBeInstanceOf(TwilioValidationError);
        expect(error.problems.map((p: { field: string }) => p.field)).toContain("ChatServiceSid");
      }
      expect(fake.requests).toHaveLength(0);
    });
  });

  describe("redirects are never followed", () => {
    it.each([301, 302, 303, 307, 308])(
      "a %i is a TwilioApiError after one request, and its Location is never called",
      async (status) => {
        const server = await rawServer((req, res) => {
          if (req.url.endsWith("/Participants")) {
            res.writeHead(status, {
              Location: "/v1/Services/IS0123456789abcdef0123456789abcdef/Conversations/CHother/Participants",
            });
            res.end();
          } else {
            res.writeHead(201, { "Content-Type": "application/json" });
            res.end('{"sid":"MB0123456789abcdef0123456789abcdef"}');
          }
        });
        const client = create({ accountSid: SIDS.account, authToken: "t", baseUrl: server.baseUrl, maxRetries: 3 });
        const error = await rejection(
          client.createServiceConversationParticipant({
            path: { ChatServiceSid: SIDS.service, ConversationSid: SIDS.conversation },
            body: { Identity: "x" },
          }),
        );
        expect(error).toBeInstanceOf(TwilioApiError);
        expect([error.status, error.attempts]).toEqual([status, 1]);
        expect(error.message).toContain("never followed");
        expect(server.requests.map((r) => r.url)).toEqual([
          `/v1/Services/${SIDS.service}/Conversations/${SIDS.conversation}/Participants`,
        ]);
      },
    );
  });
});
