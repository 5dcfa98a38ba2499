// Twilio's paged lists through a generated list method, against a loopback server that serves the
// pages: awaiting gives the first page, `for await` every item, lazily; next_page_url is followed
// only on the client's origin and the list's path, and a loop stops. A GET is resent after an
// ambiguous answer (500), where a POST never is.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createConversationsClient, TwilioApiError, TwilioPagingError } from "../../src/index.js";
import { participantBody, SIDS, startRecordingServer, type RecordingServer } from "../helpers/recording-server.js";

let server: RecordingServer;
beforeAll(async () => void (server = await startRecordingServer()));
afterAll(() => server.close());
beforeEach(() => void server.requests.splice(0));

const path = { ChatServiceSid: SIDS.service, ConversationSid: SIDS.conversation };
const listPath = `/v1/Services/${SIDS.service}/Conversations/${SIDS.conversation}/Participants`;
const client = () =>
  createConversationsClient({
    accountSid: SIDS.account,
    authToken: "token-0123456789",
    baseUrl: server.baseUrl,
    maxRetries: 1,
  });

/** Serves `pages` pages of two participants each; `nextOf` may replace the next_page_url. */
function servePages(pages: number, nextOf: (page: number, own: string | null) => string | null = (_p, own) => own) {
  server.handle((req, res) => {
    const url = new URL(req.url, server.baseUrl);
    const page = Number(url.searchParams.get("Page") ?? 0);
    const size = Number(url.searchParams.get("PageSize") ?? 50);
    const own =
      page + 1 < pages
        ? `${server.baseUrl}${listPath}?PageSize=${size}&Page=${page + 1}&PageToken=PT${page + 1}`
        : null;
    const participants = [0, 1].map((i) => ({ ...participantBody, identity: `p${page}-${i}` }));
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(
      JSON.stringify({
        participants,
        meta: {
          page,
          page_size: size,
          first_page_url: null,
          previous_page_url: null,
          url: `${server.baseUrl}${req.url}`,
          next_page_url: nextOf(page, own),
          key: "participants",
        },
      }),
    );
  });
}

describe("a list method", () => {
  it("awaited, gives the first page with its meta; nothing is sent until then", async () => {
    servePages(3);
    const pending = client().listServiceConversationParticipant({ path, query: { PageSize: 2 } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.requests).toHaveLength(0);
    const page = await pending;
    expect(page.participants?.map((p) => p.identity)).toEqual(["p0-0", "p0-1"]);
    expect(page.meta?.next_page_url).toContain("Page=1");
    expect(server.requests.map((r) => r.url)).toEqual([`${listPath}?PageSize=2`]);
  });

  it("iterated, yields every item across three pages, sending each next page's query as Twilio gave it", async () => {
    servePages(3);
    const identities: string[] = [];
    for await (const participant of client().listServiceConversationParticipant({ path, query: { PageSize: 2 } })) {
      identities.push(participant.identity!);
    }
    expect(identities).toEqual(["p0-0", "p0-1", "p1-0", "p1-1", "p2-0", "p2-1"]);
    expect(server.requests.map((r) => r.url)).toEqual([
      `${listPath}?PageSize=2`,
      `${listPath}?PageSize=2&Page=1&PageToken=PT1`,
      `${listPath}?PageSize=2&Page=2&PageToken=PT2`,
    ]);
    expect(server.requests.every((r) => r.method === "GET" && r.headers.authorization?.startsWith("Basic "))).toBe(
      true,
    );
  });

  it("stops lazily: breaking out after the first item sends no second request", async () => {
    servePages(3);
    for await (const _participant of client().listServiceConversationParticipant({ path })) break;
    expect(server.requests).toHaveLength(1);
  });

  // Both foreign origins resolve to loopback: were the check wrong, nothing would leave the machine.
  it.each([
    ["another host name", () => `${server.baseUrl.replace("127.0.0.1", "localhost")}${listPath}?Page=1`],
    ["another port", () => `http://127.0.0.1:1${listPath}?Page=1`],
  ])("refuses a next_page_url on %s: the credentials never go there", async (_name, foreign) => {
    servePages(3, (page, own) => (page === 0 ? foreign() : own));
    const seen: string[] = [];
    const error = await (async () => {
      for await (const participant of client().listServiceConversationParticipant({ path }))
        seen.push(participant.identity!);
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    // A refusal of the client's own, not an answer of Twilio's (it was a TwilioApiError "status 200").
    expect(error).toBeInstanceOf(TwilioPagingError);
    expect(error).not.toBeInstanceOf(TwilioApiError);
    expect(error).toMatchObject({ name: "TwilioPagingError", attempts: 0, url: foreign() });
    expect((error as Error).message).toMatch(
      / was not sent: the previous page's meta.next_page_url is not on the client's origin/,
    );
    expect((error as Error).message).not.toMatch(/attempts?\b/);
    expect(seen).toEqual(["p0-0", "p0-1"]);
    expect(server.requests).toHaveLength(1);
  });

  it("refuses a next_page_url on its origin but another path", async () => {
    servePages(3, (page, own) =>
      page === 0 ? `${server.baseUrl}/v1/Services/${SIDS.service}/Conversations/OTHER/Participants?Page=1` : own,
    );
    const error = await (async () => {
      for await (const _ of client().listServiceConversationParticipant({ path }));
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as Error).message).toMatch(/is not this list's path/);
    expect(server.requests).toHaveLength(1);
  });

  it("stops with an error when a page points to itself (the list loops)", async () => {
    servePages(3, (page) => `${server.baseUrl}${listPath}?PageSize=50&Page=${page}&PageToken=PT${page}`);
    let items = 0;
    const error = await (async () => {
      for await (const _ of client().listServiceConversationParticipant({
        path,
        query: { PageSize: 50, Page: 1, PageToken: "PT1" },
      }))
        items++;
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as Error).message).toMatch(/already read \(the list loops\)/);
    expect([items, server.requests.length]).toEqual([2, 1]);
  });

  it("stops when a next page comes back to a page read earlier: the first, known by its request alone", async () => {
    // No meta.url: the first page is known by the URL it was asked for. Page 1 leads back to it,
    // spelled with its query in another order.
    servePages(3, (page, own) => (page === 1 ? `${server.baseUrl}${listPath}?PageToken=PT0&PageSize=50` : own));
    const seen: string[] = [];
    const error = await (async () => {
      for await (const p of client().listServiceConversationParticipant({
        path,
        query: { PageSize: 50, PageToken: "PT0" },
      }))
        seen.push(p.identity!);
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as Error).message).toMatch(/already read \(the list loops\)/);
    expect(seen).toEqual(["p0-0", "p0-1", "p1-0", "p1-1"]);
    expect(server.requests).toHaveLength(2);
  });

  it("follows a next page whose path spells the list's segments another way (%3a, %3A and ':' are one)", async () => {
    const conversation = "team:alpha(1)";
    const encoded = `/v1/Services/${SIDS.service}/Conversations/team%3Aalpha%281%29/Participants`;
    const respelled = `/v1/Services/${SIDS.service}/Conversations/team%3aalpha(1)/Participants`;
    server.handle((req, res) => {
      const page = Number(new URL(req.url, server.baseUrl).searchParams.get("Page") ?? 0);
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(
        JSON.stringify({
          participants: [{ ...participantBody, identity: `p${page}` }],
          meta: { next_page_url: page === 0 ? `${server.baseUrl}${respelled}?Page=1` : null },
        }),
      );
    });
    const seen: string[] = [];
    for await (const p of client().listServiceConversationParticipant({
      path: { ...path, ConversationSid: conversation },
    }))
      seen.push(p.identity!);
    expect(seen).toEqual(["p0", "p1"]);
    // Only its query is taken: the request goes to the list's path as the client spells it.
    expect(server.requests.map((r) => r.url)).toEqual([encoded, `${encoded}?Page=1`]);
  });

  it("refuses a page without its items array (its items would be skipped unseen), after resending the GET", async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ participant: [participantBody], meta: { next_page_url: null } }));
    });
    const error = await (async () => {
      for await (const _ of client().listServiceConversationParticipant({ path }));
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TwilioApiError);
    expect((error as Error).message).toMatch(/the 200 response body has no "participants" array/);
    expect(server.requests).toHaveLength(2); // maxRetries 1: a GET is resent, its outcome changes nothing
  });

  it("rejects (never throws) when a path value cannot be sent, and sends nothing", async () => {
    servePages(1);
    const call = () => client().listServiceConversationParticipant({ path: { ...path, ConversationSid: "ab\uD800c" } });
    expect(call).not.toThrow();
    const error = await call().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as Error).name).toBe("TwilioValidationError");
    expect((error as Error).message).toMatch(/ConversationSid/);
    expect(server.requests).toHaveLength(0);
  });

  it("checks PageSize against the spec (1–100) before sending", async () => {
    servePages(1);
    const error = await client()
      .listServiceConversationParticipant({ path, query: { PageSize: 101 } })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect((error as Error).name).toBe("TwilioValidationError");
    expect((error as Error).message).toMatch(/PageSize/);
    expect(server.requests).toHaveLength(0);
  });

  it("is a GET: resent after a 500 (its outcome changes nothing), where a POST is not", async () => {
    let calls = 0;
    server.handle((_req, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(500, { "Content-Type": "application/json" });
        return res.end(JSON.stringify({ code: 20500, message: "Internal Server Error", status: 500 }));
      }
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(
        JSON.stringify({
          participants: [],
          meta: { page: 0, page_size: 50, url: null, next_page_url: null, key: "participants" },
        }),
      );
    });
    const page = await client().listServiceConversationParticipant({ path });
    expect(page.participants).toEqual([]);
    expect(server.requests.map((r) => r.method)).toEqual(["GET", "GET"]);
  });
});
