// Issue 11, "a reused keep-alive socket that the server just closed": a server that closes idle
// connections without a `Keep-Alive: timeout` hint, and calls spaced at about its idle time, so that
// a pooled socket is often picked just as the server closes it. None of the 60 calls may fail, and
// the server must have received each exactly once (a stale socket's request never reached it).
import { afterEach, describe, expect, it } from "vitest";
import { createConversationsClient } from "../../src/node.js";
import { startIdleClosingServer, type IdleClosingServer } from "../helpers/idle-closing-server.js";
import { PARTICIPANT, SIDS } from "./support.js";

const create = {
  path: { ChatServiceSid: SIDS.service, ConversationSid: SIDS.conversation },
  body: { Identity: "alice" },
};
const IDLE_MS = 40;
const CALLS = 60;

let server: IdleClosingServer | undefined;
afterEach(async () => {
  await server?.close();
});

describe("stale pooled sockets (the Node transport)", () => {
  it(`${CALLS} calls spaced at the server's idle timeout: none fails, none is received twice`, async () => {
    server = await startIdleClosingServer(IDLE_MS, (res) => {
      res.writeHead(201, { "Content-Type": "application/json" });
      res.end(JSON.stringify(PARTICIPANT));
    });
    // maxRetries 0: the client's own retry policy must not be what hides a failure.
    const client = createConversationsClient({
      accountSid: SIDS.account,
      authToken: "t",
      baseUrl: server.baseUrl,
      maxRetries: 0,
    });
    const failures: unknown[] = [];
    for (let i = 0; i < CALLS; i++) {
      await client.createServiceConversationParticipant(create).catch((e) => failures.push(e));
      await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    }
    expect(failures).toEqual([]);
    expect(server.requests).toBe(CALLS);
    // The race was there to be lost: the server closed connections under the client many times.
    expect(server.connections).toBeGreaterThan(1);
  });
});
