// An embedded fake of Twilio's participants endpoint: a real HTTP server on 127.0.0.1 that checks
// auth, content type, path and body with the same generated validators as the client, and keeps
// participants in memory. For this package's tests and for users' own.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { operationTable } from "../../generated/operations.js";
import { problemsOf } from "../internal/validate.js";
import { queryFromUrl } from "../internal/wire.js";
import { applyCors } from "./cors.js";
import type { FakeConversationsOptions } from "./options.js";
import { commits, strikes, type Fault } from "./faults.js";
import { decodeForm, type FormResult } from "./form.js";
import { CreateCounts } from "./create-counts.js";
import { CreateRate, overLimit, TWILIO_ACTIONS_PER_SECOND } from "./limits.js";
import { findParticipant, listPage, type PageQuery } from "./reads.js";
import { newSid, Store, type Conversation, type Participant } from "./store.js";
import { errorNameForStatus, twilioErrorBody, type TwilioErrorName } from "./twilio-errors.js";

const entry = operationTable.createServiceConversationParticipant;
/** The operation each kind of request is, from the spec (the list shares the create's path). */
const OPERATIONS = {
  create: entry,
  list: operationTable.listServiceConversationParticipant,
  fetch: operationTable.fetchServiceConversationParticipant,
  conversation: operationTable.fetchServiceConversation,
} as const;
type Kind = keyof typeof OPERATIONS;
const routeOf = (template: string) => new RegExp(`^${template.replace(/\{[^}]+\}/g, "([^/?#]+)")}$`);
const ROUTE = routeOf(entry.path);
const ITEM_ROUTE = routeOf(OPERATIONS.fetch.path);
const CONVERSATION_ROUTE = routeOf(OPERATIONS.conversation.path);
/** The spec's default PageSize (its schema's `default`, which Twilio applies when none is sent). */
const DEFAULT_PAGE_SIZE = 50;

/** An error the fake answers with instead of creating. */
type Refusal = { name: TwilioErrorName; message: string };

/**
 * @internal The operations the fake serves (not every one the spec may grow), as the table gives
 * them: their methods and header parameters make its CORS answer; the docs tests run the rest's
 * samples elsewhere.
 */
export const SERVED_OPERATIONS = [
  operationTable.createServiceConversationParticipant,
  operationTable.fetchServiceConversationParticipant,
  operationTable.listServiceConversationParticipant,
  operationTable.fetchServiceConversation,
] as const;

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
  /**
   * The most participant creates each conversation (by SID) received in any one second, rejected
   * ones included: a client's pacing as the server saw it.
   */
  createsPerSecond(): Record<string, number>;
  /** Creates refused with 429 (code 50063) by `rateLimit`, per conversation SID. */
  rateLimited(): Record<string, number>;
  addService(sid?: string): string;
  /** Deletes a conversation (by SID or unique name) and its participants: later requests to it get 404 / 20404. */
  removeConversation(serviceSid: string, conversation: string): boolean;
  /**
   * Revokes credentials (the account's, or an API key's by its SID): every later request made with
   * them is answered 401 / 20003, as Twilio answers a rotated token.
   * @example fake.revoke(fake.accountSid)
   */
  revoke(userName?: string): void;
  /**
   * Every later request the fault strikes gets it, until `failAll()` with no argument: a service
   * that fails every create (`fake.failAll(faults.status(500))`), or every read.
   */
  failAll(fault?: Fault): void;
  /**
   * Other traffic in a conversation (messages, updates) using `actionsPerSecond` of its 30 actions
   * per second, spread over each second; it counts against `rateLimit` like the creates do.
   * Returns a function that stops it (`close` stops it too).
   * @example const stop = fake.backgroundTraffic(fake.conversationSid, 10)
   */
  backgroundTraffic(conversation: string, actionsPerSecond: number): () => void;
  addConversation(
    serviceSid: string,
    options?: { sid?: string; uniqueName?: string },
  ): { sid: string; uniqueName: string | undefined };
  /** Queues faults: each applies to one later request to the endpoint, in order. */
  inject(...faults: Fault[]): void;
  /** Removes the queued faults no request has taken yet, and returns them. */
  clearFaults(): Fault[];
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
  const fake = new FakeServer(options);
  await fake.listen(options.port ?? 0);
  return fake.api();
}

/** A request routed to one of the served operations, as its handler gets it. */
interface Call {
  req: IncomingMessage;
  res: ServerResponse;
  url: string;
  /** The matched route's path values, still percent-encoded. */
  match: RegExpExecArray;
  search: string;
  form: FormResult;
  /** A fault that lets the request be processed, to strike its answer. */
  fault: Fault | undefined;
}

/** One fake server: its store, its faults, and one handler per served operation. */
class FakeServer {
  readonly accountSid: string;
  readonly authToken: string;
  readonly serviceSid: string;
  readonly conversationSid: string;
  baseUrl = "";
  private readonly credentials: Map<string, string>;
  private readonly maxBodyBytes: number;
  private readonly rate: CreateRate | undefined;
  private readonly store = new Store();
  private readonly requests: RecordedRequest[] = [];
  private readonly pending: Fault[] = [];
  private always: Fault | undefined;
  private readonly background = new Set<ReturnType<typeof setInterval>>();
  private readonly sockets = new Set<Socket>();
  private readonly counts = new CreateCounts();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly server: Server;
  /** Each served operation's handler, by the kind `route` finds. */
  private readonly handlers: Record<Kind, (call: Call) => void> = {
    create: (call) => this.create(call),
    fetch: (call) => this.fetchParticipant(call),
    list: (call) => this.list(call),
    conversation: (call) => this.fetchConversation(call),
  };

  constructor(private readonly options: FakeConversationsOptions) {
    this.accountSid = options.accountSid ?? newSid("AC");
    this.authToken = options.authToken ?? newSid("").toLowerCase();
    this.credentials = new Map([[this.accountSid, this.authToken], ...Object.entries(options.apiKeys ?? {})]);
    this.maxBodyBytes = options.maxBodyBytes ?? 65536;
    const limit = options.rateLimit === true ? {} : options.rateLimit || undefined;
    const clock = (limit && limit.clock) ?? (() => performance.now());
    this.rate = limit ? new CreateRate(limit.perSecond ?? TWILIO_ACTIONS_PER_SECOND, clock) : undefined;
    const layout = options.services ?? { [newSid("IS")]: [{}] };
    for (const [service, conversations] of Object.entries(layout)) {
      this.store.addService(service);
      for (const c of conversations) this.store.addConversation(service, typeof c === "string" ? { sid: c } : c);
    }
    this.serviceSid = Object.keys(layout)[0] ?? this.store.addService();
    const first = this.store.services.get(this.serviceSid)!.values().next().value;
    this.conversationSid = first?.sid ?? this.store.addConversation(this.serviceSid).sid;
    const corsAllowance = {
      method: [...new Set(SERVED_OPERATIONS.map((op) => op.method))].join(", "),
      headers: [...new Set(SERVED_OPERATIONS.flatMap((op) => Object.keys(op.fields.header)))],
    };
    this.server = createServer((req, res) => {
      if (applyCors(options.cors, corsAllowance, req, res)) return;
      const work = readBody(req, this.maxBodyBytes).then(
        (body) => this.handle(req, res, body),
        () => reply(res, "badRequest", `request body over ${this.maxBodyBytes} bytes`),
      );
      this.inFlight.add(work);
      const done = () => void this.inFlight.delete(work);
      work.then(done, done);
    });
    this.server.keepAliveTimeout = 5000;
    this.server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
  }

  async listen(port: number) {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", resolve);
    });
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Records the request, routes it to its operation, applies a fault aimed at it, checks method and credentials. */
  private async handle(req: IncomingMessage, res: ServerResponse, body: string) {
    const url = req.url ?? "/";
    const form = decodeForm(body);
    if (this.options.recordRequests ?? true) {
      const fields = form.ok ? form.fields : undefined;
      this.requests.push({ method: req.method ?? "", url, headers: { ...req.headers }, body, form: fields });
    }
    if (this.options.latencyMs) await new Promise((r) => setTimeout(r, this.options.latencyMs));

    const [pathname = "", search = ""] = url.split(/\?(.*)/s);
    const routed = route(pathname, req.method);
    if (!routed) return reply(res, "notFound", `The requested resource ${url} was not found`);
    const { kind, match } = routed;
    const at = this.pending.findIndex((f) => strikes(f, kind));
    const always = this.always && strikes(this.always, kind) ? this.always : undefined;
    const fault = at < 0 ? always : this.pending.splice(at, 1)[0];
    // After a delay the request is processed even if the client gave up: Twilio would have too.
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault && !commits(fault)) return this.applyFault(res, fault);

    if (req.method !== OPERATIONS[kind].method) return reply(res, "methodNotAllowed");
    if (!this.authorized(req.headers.authorization)) return reply(res, "authenticate");
    this.handlers[kind]({ req, res, url, match, search, form, fault });
  }

  /** Create a participant: the form body checked by the spec's validator, then Twilio's rate, duplicate and size rules. */
  private create({ req, res, url, match, form, fault }: Call) {
    const contentType = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    if (contentType !== entry.requestContentType) {
      return reply(res, "badRequest", `Content-Type must be ${entry.requestContentType}, got ${contentType || "none"}`);
    }
    if (!form.ok) return reply(res, "badRequest", `Invalid form body: ${form.reason}`);

    const path = pathOf("create", match);
    if (!path) return reply(res, "notFound", `The requested resource ${url} was not found`);
    const header: Record<string, string> = {};
    for (const name of Object.keys(entry.fields.header)) {
      const value = req.headers[name.toLowerCase()];
      if (typeof value === "string") header[name] = value;
    }
    const problems = problemsOf(entry.validate, { path, header, body: form.fields });
    if (problems.length)
      return reply(res, "badRequest", `Invalid parameter: ${problems.map((p) => p.message).join("; ")}`);
    const { ChatServiceSid, ConversationSid } = path as { ChatServiceSid: string; ConversationSid: string };
    const conversation = this.store.findConversation(ChatServiceSid, ConversationSid);
    if (!conversation) return reply(res, "notFound", `The requested resource ${url.split("?")[0]} was not found`);
    const admitted = !this.rate || this.rate.admit(conversation.sid);
    this.counts.saw(conversation.sid, admitted);
    if (!admitted) {
      return reply(res, "actionsPerSecond", `Actions per second limit exceeded for Conversation ${conversation.sid}`);
    }

    const f = form.fields;
    const clash = this.duplicateOf(conversation, f);
    if (clash) return reply(res, clash.name, clash.message);
    const full = overLimit(conversation, f["MessagingBinding.Address"] !== undefined);
    // 50417 is Twilio's code for the 1,000 limit; for the 50 non-chat limit no code is published.
    if (full) return reply(res, "participantsLimit", full);

    const participant = this.createParticipant(ChatServiceSid, conversation.sid, f);
    conversation.participants.push(participant);
    this.answer(res, 201, participant, fault);
  }

  /** Which of Twilio's duplicate errors a create of `f` gets in `conversation`, if any. */
  private duplicateOf(conversation: Conversation, f: Record<string, string>): Refusal | undefined {
    const address = f["MessagingBinding.Address"];
    const proxy = f["MessagingBinding.ProxyAddress"] ?? null;
    const where = `in Conversation ${conversation.sid}`;
    if (f.Identity !== undefined && conversation.participants.some((p) => p.identity === f.Identity)) {
      return { name: "participantExists", message: `Participant already exists: identity ${f.Identity} ${where}` };
    }
    if (address === undefined) return undefined;
    const bound = (p: Participant) =>
      p.messaging_binding?.address === address && (p.messaging_binding?.proxy_address ?? null) === proxy;
    // A group (MMS) participant has no proxy address; the fake answers its duplicate with 50437.
    if (proxy === null) {
      const message = `Group Participant already exists: ${address} ${where}`;
      return conversation.participants.some(bound) ? { name: "groupParticipantExists", message } : undefined;
    }
    // 50416: the address and proxy address pair is in an active conversation, possibly another one.
    const holder = this.store.conversations().find((c) => c.participants.some(bound));
    const message = `A binding for this participant and proxy address already exists in Conversation ${holder?.sid}`;
    return holder && { name: "bindingExists", message };
  }

  /**
   * What every read starts with: its path and query checked by the operation's validator, and its
   * conversation found. Undefined once it has answered (400 or 404) itself.
   */
  private readTarget(kind: Exclude<Kind, "create">, { res, match, search }: Call) {
    const operation = OPERATIONS[kind];
    const path = pathOf(kind, match);
    const listPath = `/v1/Services/${match[1]}/Conversations/${match[2]}/Participants`;
    const missing = (what: string) => reply(res, "notFound", `The requested resource ${what} was not found`);
    if (!path) return void missing(listPath);
    // The query read back by each field's wire kind, then checked by the spec's own validator.
    const query = queryFromUrl(new URL(`?${search}`, this.baseUrl), operation.fields.query);
    const problems = problemsOf(operation.validate, { path, header: {}, query });
    if (problems.length)
      return void reply(res, "badRequest", `Invalid parameter: ${problems.map((p) => p.message).join("; ")}`);
    const conversation = this.store.findConversation(path.ChatServiceSid!, path.ConversationSid!);
    if (!conversation)
      return void missing(kind === "conversation" ? listPath.replace(/\/Participants$/, "") : listPath);
    return { path, query, listPath, conversation, missing };
  }

  private fetchConversation(call: Call) {
    const target = this.readTarget("conversation", call);
    if (target)
      this.answer(
        call.res,
        200,
        this.conversationResource(target.path.ChatServiceSid!, target.conversation),
        call.fault,
      );
  }

  /** One participant, by SID or by identity (Twilio takes the identity in place of the SID). */
  private fetchParticipant(call: Call) {
    const target = this.readTarget("fetch", call);
    if (!target) return;
    const participant = findParticipant(target.conversation, target.path.Sid!);
    if (participant) this.answer(call.res, 200, participant, call.fault);
    else target.missing(`${target.listPath}/${call.match[3]}`);
  }

  private list(call: Call) {
    const target = this.readTarget("list", call);
    if (!target) return;
    const { conversation, query, listPath } = target;
    const page = listPage(conversation, query as PageQuery, this.baseUrl + listPath, DEFAULT_PAGE_SIZE);
    const unknownToken = `Invalid parameter: PageToken ${query.PageToken} is not a page of this list`;
    if (!page) return reply(call.res, "badRequest", unknownToken);
    this.answer(call.res, 200, page, call.fault);
  }

  /** A success answer, unless a fault that lets the request be processed strikes it after all. */
  private answer(res: ServerResponse, status: number, value: unknown, fault: Fault | undefined) {
    const json = JSON.stringify(value);
    if (fault?.reset) return destroyAfterRead(res);
    if (fault?.status !== undefined) return this.applyFault(res, fault);
    send(res, status, fault?.truncate ? json.slice(0, json.length >> 1) : json, fault?.headers);
  }

  private createParticipant(
    chatServiceSid: string,
    conversationSidValue: string,
    f: Record<string, string>,
  ): Participant {
    const sid = newSid("MB");
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z"); // Twilio's own dates have no ms
    const address = f["MessagingBinding.Address"];
    const projected = f["MessagingBinding.ProjectedAddress"];
    return {
      account_sid: this.accountSid,
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
      url: `${this.baseUrl}/v1/Services/${chatServiceSid}/Conversations/${conversationSidValue}/Participants/${sid}`,
      last_read_message_index: null,
      last_read_timestamp: null,
    };
  }

  /** The conversation as Twilio's Fetch a Conversation answers it: what the store keeps, the rest Twilio's defaults. */
  private conversationResource(chatServiceSid: string, c: Conversation) {
    const url = `${this.baseUrl}/v1/Services/${chatServiceSid}/Conversations/${c.sid}`;
    return {
      sid: c.sid,
      account_sid: this.accountSid,
      chat_service_sid: chatServiceSid,
      messaging_service_sid: null,
      friendly_name: null,
      unique_name: c.uniqueName ?? null,
      attributes: "{}",
      state: "active",
      date_created: c.dateCreated,
      date_updated: c.dateCreated,
      timers: {},
      bindings: null,
      url,
      links: {
        participants: `${url}/Participants`,
        messages: `${url}/Messages`,
        webhooks: `${url}/Webhooks`,
      },
    };
  }

  private authorized(header: string | undefined): boolean {
    const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? "");
    if (!m) return false;
    const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    return colon > 0 && this.credentials.get(decoded.slice(0, colon)) === decoded.slice(colon + 1);
  }

  private applyFault(res: ServerResponse, fault: Fault) {
    if (fault.reset) return destroyAfterRead(res);
    const status = fault.status ?? 500;
    const name = errorNameForStatus(status);
    const body =
      fault.body ??
      JSON.stringify(
        name
          ? twilioErrorBody(name)
          : { code: 20500, message: "Injected fault", more_info: "https://www.twilio.com/docs/errors/20500", status },
      );
    send(res, status, body, fault.headers);
  }

  /** The handle the caller gets. */
  api(): FakeConversations {
    const { store, counts, pending, background, rate, requests } = this;
    return {
      baseUrl: this.baseUrl,
      accountSid: this.accountSid,
      authToken: this.authToken,
      serviceSid: this.serviceSid,
      conversationSid: this.conversationSid,
      get participants() {
        return store.allParticipants().map((p) => structuredClone(p));
      },
      get requests() {
        return requests.map((r) => structuredClone(r));
      },
      createsPerSecond: () => counts.peakPerSecond(),
      rateLimited: () => Object.fromEntries(counts.rejected),
      addService: (sid) => store.addService(sid),
      removeConversation: (service, conversation) => store.removeConversation(service, conversation),
      revoke: (userName = this.accountSid) => void this.credentials.delete(userName),
      failAll: (fault) => void (this.always = fault),
      backgroundTraffic: (conversation, actionsPerSecond) => {
        // Spread over the second, as live traffic is; without rateLimit there is no window to use.
        const timer = setInterval(() => rate?.admit(conversation), 1000 / actionsPerSecond);
        background.add(timer);
        return () => void (clearInterval(timer), background.delete(timer));
      },
      addConversation: (service, opts) => {
        const { sid, uniqueName } = store.addConversation(service, opts);
        return { sid, uniqueName };
      },
      inject: (...faults) => void pending.push(...faults),
      clearFaults: () => pending.splice(0),
      idle: async () => {
        while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
      },
      close: () =>
        new Promise<void>((resolve) => {
          for (const timer of background) clearInterval(timer);
          this.server.close(() => resolve());
          for (const socket of this.sockets) socket.destroy();
        }),
    };
  }
}

/** The operation a request is for, from the served operations' paths (the list shares the create's). */
function route(pathname: string, method: string | undefined): { kind: Kind; match: RegExpExecArray } | undefined {
  const item = ITEM_ROUTE.exec(pathname);
  if (item) return { kind: "fetch", match: item };
  const whole = CONVERSATION_ROUTE.exec(pathname);
  if (whole) return { kind: "conversation", match: whole };
  const match = ROUTE.exec(pathname);
  if (!match) return undefined;
  return { kind: method === OPERATIONS.list.method ? "list" : "create", match };
}

/** The path parameters of a matched route, decoded; undefined for a malformed escape. */
function pathOf(kind: Kind, match: RegExpExecArray): Record<string, string> | undefined {
  try {
    const names = Object.keys(OPERATIONS[kind].fields.path);
    return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
  } catch {
    return undefined;
  }
}

function reply(res: ServerResponse, name: TwilioErrorName, message?: string) {
  const body = twilioErrorBody(name, message);
  send(res, body.status, JSON.stringify(body));
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
