// The two reads of the spec (fetch one participant, list them) as spec-driven methods, with no
// handwritten code of their own: the request each puts on the wire, and their validation.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createConversationsClient, TwilioValidationError } from "../../src/index.js";
import { participantBody, SIDS, startRecordingServer, type RecordingServer } from "../helpers/recording-server.js";

const page = {
  participants: [participantBody],
  meta: {
    page: 0,
    page_size: 2,
    first_page_url: "https://x.test/1",
    previous_page_url: null,
    url: "https://x.test/1",
    next_page_url: null,
    key: "participants",
  },
};

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer((req, res) => {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(
      JSON.stringify(req.url.includes("/Participants?") || req.url.endsWith("/Participants") ? page : participantBody),
    );
  });
});
afterAll(() => server.close());
beforeEach(() => void server.requests.splice(0));

const client = () =>
  createConversationsClient({ accountSid: SIDS.account, authToken: "t", baseUrl: server.baseUrl, maxRetries: 0 });
const path = { ChatServiceSid: SIDS.service, ConversationSid: SIDS.conversation };
const base = `/v1/Services/${SIDS.service}/Conversations/${SIDS.conversation}/Participants`;

describe("fetchServiceConversationParticipant", () => {
  it("is a GET of one participant by SID, or by identity as one encoded segment", async () => {
    expect(await client().fetchServiceConversationParticipant({ path: { ...path, Sid: SIDS.participant } })).toEqual(
      participantBody,
    );
    await client().fetchServiceConversationParticipant({ path: { ...path, Sid: "ali/ce?#" } });
    expect(server.requests.map((r) => `${r.method} ${r.url} ${r.body}`)).toEqual([
      `GET ${base}/${SIDS.participant} `,
      `GET ${base}/ali%2Fce%3F%23 `,
    ]);
    expect(server.requests[0]!.headers["content-type"]).toBeUndefined();
  });

  it("refuses an identity over 256 characters, or `..`, naming Sid; nothing is sent", async () => {
    for (const [Sid, rule] of [
      ["x".repeat(257), "maxLength"],
      ["..", "pattern"],
    ] as const) {
      const error = await client()
        .fetchServiceConversationParticipant({ path: { ...path, Sid } })
        .catch((e) => e);
      expect(error).toBeInstanceOf(TwilioValidationError);
      expect(error.problems).toEqual([expect.objectContaining({ in: "path", field: "Sid", rule })]);
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe("listServiceConversationParticipant", () => {
  it("is a GET with the paging parameters in the query; awaited, it gives the first page", async () => {
    expect(
      await client().listServiceConversationParticipant({ path, query: { PageSize: 2, Page: 0, PageToken: "PT1" } }),
    ).toEqual(page);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${base}?PageSize=2&Page=0&PageToken=PT1`]);
  });

  it.each([
    [{ PageSize: 0 }, "PageSize", "minimum", "PageSize must be at least 1"],
    [{ PageSize: 101 }, "PageSize", "maximum", "PageSize must be at most 100"],
    [{ PageSize: 2.5 }, "PageSize", "type", "PageSize must be of type integer"],
    [{ PageSize: "2" }, "PageSize", "type", "PageSize must be of type integer"],
    [{ Page: -1 }, "Page", "minimum", "Page must be at least 0"],
  ])("refuses %j, naming the field and the rule; nothing is sent", async (query, field, rule, message) => {
    const error = await client()
      .listServiceConversationParticipant({ path, query: query as never })
      .catch((e) => e);
    expect(error).toBeInstanceOf(TwilioValidationError);
    expect(error.problems).toEqual([{ in: "query", field, rule, message }]);
    expect(server.requests).toHaveLength(0);
  });
});
