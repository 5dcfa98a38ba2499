// The fake server's CORS option, on the wire (headers a browser would act on). Chromium calling the
// fake from a page on another loopback origin is in the runtime matrix (test/runtimes/).
import { afterEach, describe, expect, it } from "vitest";
import {
  faults, startFakeConversations, type FakeConversations, type FakeConversationsOptions,
} from "../../src/testing/index.js";

const PAGE = "http://127.0.0.1:5173";
let fake: FakeConversations | undefined;
afterEach(() => fake?.close());

async function start(options: FakeConversationsOptions = {}) {
  fake = await startFakeConversations(options);
  return fake;
}

const route = (f: FakeConversations, conversation = f.conversationSid) =>
  `${f.baseUrl}/v1/Services/${f.serviceSid}/Conversations/${conversation}/Participants`;

/** What Chromium sends before a cross-origin POST with Authorization. */
const preflight = (f: FakeConversations, origin = PAGE) =>
  fetch(route(f), {
    method: "OPTIONS",
    headers: {
      Origin: origin, "Access-Control-Request-Method": "POST",
      "Access-Control-Request-Headers": "authorization,x-twilio-webhook-enabled",
    },
  });

const post = (f: FakeConversations, body: string, origin = PAGE, conversation?: string) =>
  fetch(route(f, conversation), {
    method: "POST",
    headers: {
      Origin: origin, Authorization: `Basic ${btoa(`${f.accountSid}:${f.authToken}`)}`,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body,
  });

const corsHeaders = (r: Response) => [...r.headers.keys()].filter((name) => name.startsWith("access-control-"));

describe("the fake server's CORS option", () => {
  it("is off by default: no CORS header on a preflight or an answer", async () => {
    const f = await start();
    expect(corsHeaders(await preflight(f))).toEqual([]);
    const created = await post(f, "Identity=a");
    expect(created.status).toBe(201);
    expect(corsHeaders(created)).toEqual([]);
  });

  it("answers a preflight from the allowed origin, without recording it or using a fault", async () => {
    const f = await start({ cors: PAGE });
    f.inject(faults.rateLimited("3"));
    const answer = await preflight(f);
    expect(answer.status).toBe(204);
    expect(answer.headers.get("access-control-allow-origin")).toBe(PAGE);
    expect(answer.headers.get("access-control-allow-methods")?.split(", ").sort()).toEqual(["GET", "POST"]); // the create and the reads
    const allowHeaders = answer.headers.get("access-control-allow-headers");
    expect(allowHeaders).toBe("Authorization, Content-Type, X-Twilio-Webhook-Enabled");
    expect(answer.headers.get("vary")).toBe("Origin");
    expect(f.requests).toEqual([]);

    const limited = await post(f, "Identity=a"); // the queued fault is still the next request's
    expect(limited.status).toBe(429);
    expect(limited.headers.get("access-control-allow-origin")).toBe(PAGE);
    expect(limited.headers.get("access-control-expose-headers")).toBe("Twilio-Request-Id, Retry-After");
    expect(f.requests.map((r) => r.method)).toEqual(["POST"]);
  });

  it("lets the page read every answer: 201, 404 and 409 carry the allowed origin", async () => {
    const f = await start({ cors: [PAGE, "http://localhost:5173"] });
    for (const [conversation, status] of [[undefined, 201], ["CHmissing", 404], [undefined, 409]] as const) {
      const answer = await post(f, "Identity=a", PAGE, conversation);
      expect(answer.status).toBe(status);
      expect(answer.headers.get("access-control-allow-origin")).toBe(PAGE);
      expect(answer.headers.get("access-control-expose-headers")).toBe("Twilio-Request-Id, Retry-After");
    }
    expect(f.participants).toHaveLength(1);
  });

  it("allows no other origin: the preflight is answered without Allow-* headers", async () => {
    const f = await start({ cors: PAGE });
    const answer = await preflight(f, "http://127.0.0.1:8080");
    expect(answer.status).toBe(204);
    expect(corsHeaders(answer)).toEqual([]);
    const created = await post(f, "Identity=a", "http://127.0.0.1:8080");
    expect(corsHeaders(created)).toEqual([]);
    expect(created.headers.get("vary")).toBe("Origin");
  });

  it("with `cors: true` allows any origin with `*`", async () => {
    const f = await start({ cors: true });
    const answer = await preflight(f, "http://127.0.0.2:9999");
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
    expect(answer.headers.get("access-control-allow-headers")).toMatch(/^Authorization, /);
    expect((await post(f, "Identity=a", "http://127.0.0.2:9999")).headers.get("access-control-allow-origin")).toBe("*");
  });
});
