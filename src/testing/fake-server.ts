// An embedded fake of Twilio's participants endpoint: a real HTTP server on 127.0.0.1 that checks
// auth, content type, path and body with the same generated validators as the client, and keeps
// participants in memory. For this package's tests and for users' own.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { operationTable } from "../../generated/operations.js";
import { problemsOf } from "../internal/validate.js";
import { applyCors } from "./cors.js";
import { commits, type Fault } from "./faults.js";
import { decodeForm } from "./form.js";
import { newSid, Store, type Participant } from "./store.js";
import { errorNameForStatus, twilioErrorBody, type TwilioErrorName } from "./twilio-errors.js";

const entry = operationTable.createServiceConversationParticipant;
const ROUTE = new RegExp(`^${entry.path.replace(/\{[^}]+\}/g, "([^/?#]+)")}$`);

export interface FakeConversationsOptions {
  /** @default a random `AC…` SID */
  accountSid?: string;
  /** @default a random token */
  authToken?: string;
  /** API keys accepted besides the account's credentials: key SID (`SK…`) → secret. */
  apiKeys?: Record<string, string>;
  /**
   * The services and conversations that exist: service SID → its conversations (a SID, or a SID
   * and/or unique name). The first of each becomes `serviceSid` / `conversationSid`.
   * @default one random service holding one random conversation
   */
  services?: Record<string, Array<string | { sid?: string; uniqueName?: string }>>;
  /** @default 0 (an ephemeral port) */
  port?: number;
  /** Cap on a request body, in bytes. @default 65536 */
  maxBodyBytes?: number;
  /**
   * Answer CORS, for a browser page on another origin in development: `true` allows any origin, a
   * string or list exactly those (`"http://127.0.0.1:5173"`). Preflights are answered and not
   * recorded. Twilio itself does not answer CORS: in production the call belongs on your server.
   * @default false
   */
  cors?: boolean | string | readonly string[];
}

/** A request as the fake server received it. */
export interface RecordedRequest {
  method: string;
  /** The raw request target, still percent-encoded. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The decoded form fields, or undefined when the body was not a valid form. */
  form: Record<string, string> | undefined;
}

export interface FakeConversations {
  /** `http://127.0.0.1:PORT`: pass it as the client's `baseUrl`. */
  readonly baseUrl: string;
  readonly accountSid: string;
  readonly authToken: string;
  /** A service and a conversation that exist from the start. */
  readonly serviceSid: string;
  readonly conversationSid: string;
  /** Every participant created, in order (a copy). */
  readonly participants: Participant[];
  /** Every request received, in order (a copy). */
  readonly requests: RecordedRequest[];
  addService(sid?: string): string;
  addConversation(serviceSid: string, options?: { sid?: string; uniqueName?: string }): { sid: string; uniqueName: string | undefined };
  /** Queues faults: each applies to one later request to the endpoint, in order. */
  inject(...faults: Fault[]): void;
  /**
   * Resolves once every request received so far is fully handled, including injected delays: a
   * client that timed out has given up, but the server may still create the participant.
   */
  idle(): Promise<void>;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

/** Starts the fake Conversations server on 127.0.0.1. */
export async function startFakeConversations(options: FakeConversationsOptions = {}): Promise<FakeConversations> {
  const accountSid = options.accountSid ?? newSid("AC");
  const authToken = options.authToken ?? newSid("").toLowerCase();
  const credentials = new Map<string, string>([[accountSid, authToken], ...Object.entries(options.apiKeys ?? {})]);
  const maxBodyBytes = options.maxBodyBytes ?? 65536;
  const store = new Store();
  const layout = options.services ?? { [newSid("IS")]: [{}] };
  for (const [service, conversations] of Object.entries(layout)) {
    store.addService(service);
    for (const c of conversations) store.addConversation(service, typeof c === "string" ? { sid: c } : c);
  }
  const serviceSid = Object.keys(layout)[0] ?? store.addService();
  const first = store.services.get(serviceSid)!.values().next().value;
  const conversationSid = first?.sid ?? store.addConversation(serviceSid).sid;
  const requests: RecordedRequest[] = [];
  const pending: Fault[] = [];
  const sockets = new Set<Socket>();
  let baseUrl = "";

  const inFlight = new Set<Promise<unknown>>();
  const corsAllowance = { method: entry.method, headers: Object.keys(entry.fields.header) };
  const server = createServer((req, res) => {
    if (applyCors(options.cors, corsAllowance, req, res)) return;
    const work = readBody(req, maxBodyBytes).then(
      (body) => handle(req, res, body),
      () => reply(res, "badRequest", `request body over ${maxBodyBytes} bytes`),
    );
    inFlight.add(work);
    const done = () => void inFlight.delete(work);
    work.then(done, done);
  });
  server.keepAliveTimeout = 5000;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse, body: string) {
    const url = req.url ?? "/";
    const form = decodeForm(body);
    requests.push({ method: req.method ?? "", url, headers: { ...req.headers }, body, form: form.ok ? form.fields : undefined });

    const match = ROUTE.exec(url);
    if (!match) return reply(res, "notFound", `The requested resource ${url} was not found`);
    const fault = pending.shift();
    // After a delay the request is processed even if the client gave up: Twilio would have too.
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault && !commits(fault)) return applyFault(res, fault);

    if (req.method !== entry.method) return reply(res, "methodNotAllowed");
    if (!authorized(req.headers.authorization)) return reply(res, "authenticate");
    const contentType = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    if (contentType !== entry.requestContentType) {
      return reply(res, "badRequest", `Content-Type must be ${entry.requestContentType}, got ${contentType || "none"}`);
    }
    if (!form.ok) return reply(res, "badRequest", `Invalid form body: ${form.reason}`);

    let path: Record<string, string>;
    try {
      path = Object.fromEntries(Object.keys(entry.fields.path).map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
    } catch {
      return reply(res, "notFound", `The requested resource ${url} was not found`);
    }
    const header: Record<string, string> = {};
    for (const name of Object.keys(entry.fields.header)) {
      const value = req.headers[name.toLowerCase()];
      if (typeof value === "string") header[name] = value;
    }
    const problems = problemsOf(entry.validate, { path, header, body: form.fields });
    if (problems.length) return reply(res, "badRequest", `Invalid parameter: ${problems.map((p) => p.message).join("; ")}`);
    const { ChatServiceSid, ConversationSid } = path as { ChatServiceSid: string; ConversationSid: string };
    const conversation = store.findConversation(ChatServiceSid, ConversationSid);
    if (!conversation) return reply(res, "notFound", `The requested resource ${url.split("?")[0]} was not found`);

    const f = form.fields;
    const clash = conversation.participants.find((p) =>
      (f.Identity !== undefined && p.identity === f.Identity) ||
      (f["MessagingBinding.Address"] !== undefined && p.messaging_binding?.address === f["MessagingBinding.Address"] &&
        (p.messaging_binding?.proxy_address ?? null) === (f["MessagingBinding.ProxyAddress"] ?? null)));
    if (clash) {
      return f.Identity !== undefined && clash.identity === f.Identity
        ? reply(res, "participantExists", `Participant already exists: identity ${f.Identity} in Conversation ${conversation.sid}`)
        : reply(res, "bindingExists", `A binding for this participant and proxy address already exists in Conversation ${conversation.sid}`);
    }

    const participant = createParticipant(ChatServiceSid, conversation.sid, f);
    conversation.participants.push(participant);
    const json = JSON.stringify(participant);
    if (fault?.reset) return destroyAfterRead(res);
    if (fault?.status !== undefined) return applyFault(res, fault);
    send(res, 201, fault?.truncate ? json.slice(0, json.length >> 1) : json, fault?.headers);
  }

  function createParticipant(chatServiceSid: string, conversationSidValue: string, f: Record<string, string>): Participant {
    const sid = newSid("MB");
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z"); // Twilio's own dates have no ms
    const address = f["MessagingBinding.Address"];
    const projected = f["MessagingBinding.ProjectedAddress"];
    return {
      account_sid: accountSid,
      chat_service_sid: chatServiceSid,
      conversation_sid: conversationSidValue,
      sid,
      identity: f.Identity ?? null,
      attributes: f.Attributes ?? "{}",
      messaging_binding:
        address !== undefined || projected !== undefined
          ? {
              type: address?.startsWith("whatsapp:") ? "whatsapp" : "sms",
              address: address ?? null,
              proxy_address: f["MessagingBinding.ProxyAddress"] ?? null,
              projected_address: projected ?? null,
            }
          : null,
      role_sid: f.RoleSid ?? null,
      date_created: f.DateCreated ?? now,
      date_updated: f.DateUpdated ?? f.DateCreated ?? now,
      url: `${baseUrl}/v1/Services/${chatServiceSid}/Conversations/${conversationSidValue}/Participants/${sid}`,
      last_read_message_index: null,
      last_read_timestamp: null,
    };
  }

  function authorized(header: string | undefined): boolean {
    const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? "");
    if (!m) return false;
    const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    return colon > 0 && credentials.get(decoded.slice(0, colon)) === decoded.slice(colon + 1);
  }

  function applyFault(res: ServerResponse, fault: Fault) {
    if (fault.reset) return destroyAfterRead(res);
    const status = fault.status ?? 500;
    const name = errorNameForStatus(status);
    const body = fault.body ?? JSON.stringify(name ? twilioErrorBody(name) : { code: 20500, message: "Injected fault", more_info: "https://www.twilio.com/docs/errors/20500", status });
    send(res, status, body, fault.headers);
  }

  function reply(res: ServerResponse, name: TwilioErrorName, message?: string) {
    const body = twilioErrorBody(name, message);
    send(res, body.status, JSON.stringify(body));
  }

  const listening = new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  await listening;
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    accountSid,
    authToken,
    serviceSid,
    conversationSid,
    get participants() {
      return store.allParticipants().map((p) => structuredClone(p));
    },
    get requests() {
      return requests.map((r) => structuredClone(r));
    },
    addService: (sid) => store.addService(sid),
    addConversation: (service, opts) => {
      const { sid, uniqueName } = store.addConversation(service, opts);
      return { sid, uniqueName };
    },
    inject: (...faults) => void pending.push(...faults),
    idle: async () => {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Twilio-Request-Id": newSid("RQ"),
    "Content-Length": Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

function destroyAfterRead(res: ServerResponse) {
  res.socket?.destroy();
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.destroy();
        reject(new Error("too large"));
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
