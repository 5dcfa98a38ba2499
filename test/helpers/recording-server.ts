// A real HTTP server on 127.0.0.1 that records every request as it arrived and answers with a
// handler the test injects (openapi-fetch style: observe the wire, mock nothing).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  rawHeaders: string[];
  body: string;
}

export type Handler = (req: Recorded, res: ServerResponse) => void;

export interface RecordingServer {
  url: string;
  requests: Recorded[];
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export const SIDS = {
  account: "AC0123456789abcdef0123456789abcdef",
  service: "IS0123456789abcdef0123456789abcdef",
  conversation: "CH0123456789abcdef0123456789abcdef",
  participant: "MB0123456789abcdef0123456789abcdef",
  role: "RL0123456789abcdef0123456789abcdef",
} as const;

/** A valid 201 body, as Twilio would send it. */
export const participantBody = {
  account_sid: SIDS.account,
  chat_service_sid: SIDS.service,
  conversation_sid: SIDS.conversation,
  sid: SIDS.participant,
  identity: "alice",
  attributes: "{}",
  messaging_binding: null,
  role_sid: null,
  date_created: "2023-05-04T09:42:00Z",
  date_updated: "2023-05-04T09:42:00Z",
  url: `https://conversations.twilio.com/v1/Services/${SIDS.service}/Conversations/${SIDS.conversation}/Participants/${SIDS.participant}`,
  last_read_message_index: null,
  last_read_timestamp: null,
};

export const created: Handler = (_req, res) => {
  res.writeHead(201, { "Content-Type": "application/json", "Twilio-Request-Id": "RQ0123456789abcdef0123456789abcdef" });
  res.end(JSON.stringify(participantBody));
};

export async function startRecordingServer(handler: Handler = created): Promise<RecordingServer> {
  const requests: Recorded[] = [];
  let current = handler;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const recorded = {
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(recorded);
      current(recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    handle: (h) => void (current = h),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Parses a form body strictly (no `+` as space: the client encodes spaces as %20). */
export function formFields(body: string): [string, string][] {
  return body === ""
    ? []
    : body.split("&").map((pair) => {
        const [k, v = ""] = pair.split("=");
        return [decodeURIComponent(k!), decodeURIComponent(v)];
      });
}
