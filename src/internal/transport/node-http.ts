// The Node transport: a fetch over node:http / node:https with keep-alive agents and no
// dependency, for the package's `node` entry (every other runtime keeps global fetch). Errors are
// Node's own, so their codes keep telling "never sent" (ECONNREFUSED, ENOTFOUND…) from
// "maybe sent" (ECONNRESET after writing) for the retry policy. Redirects are never followed.
import http from "node:http";
import https from "node:https";
import type { AttemptStop, Transport, TransportConfig } from "../transport.js";
import { isIdempotent } from "../retry.js";
import { maybeSent, notSent } from "../reached-server.js";
import { answered, watchConnect } from "./connect.js";
import { directBody, NodeRequest, readBody, type WireBody } from "./node-request.js";
import { NodeResponse } from "./node-response.js";
import { proxyAgentFor, proxyConfigured } from "./proxy.js";

/**
 * Idle keep-alive sockets close after this (undici's default), 1 s before the 5 s idle timeout of
 * Node's and Apache's servers (nginx: 75 s, AWS load balancers: 60 s). A server's `Keep-Alive:
 * timeout=N` shortens it to N − 1 s (Node's agent reads the hint; at N ≤ 1 it keeps no socket). A
 * request that fails on a pooled socket the server closed is resent only if it provably was not
 * written, or is idempotent: see `exchange`.
 */
const IDLE_SOCKET_MS = 4_000;

/** The connect phase's own deadline when the client sets none (undici's connect timeout). */
const CONNECT_TIMEOUT_MS = 10_000;

/** What the Node transport asks for, as fetch does; node-response.ts decodes each. */
const ACCEPT_ENCODING = "gzip, deflate, br";

/**
 * Headers only the transport writes: a caller's Content-Length or Transfer-Encoding could make the
 * server read a different request than the one sent (smuggling on a kept-alive connection).
 */
const TRANSPORT_HEADERS = new Set([
  "connection",
  "content-length",
  "expect",
  "host",
  "keep-alive",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

/** The agents a transport sends through, one per protocol. */
export interface Agents {
  http: http.Agent;
  https: http.Agent;
}

/** Shared by every client in the process, as global fetch's connection pool is. */
let sharedAgents: Agents | undefined;

/**
 * @internal Keep-alive agents whose pooled sockets close after `idleMs` without traffic (sooner
 * when a server's `Keep-Alive: timeout` says so). Node sets that timeout once per socket; on a
 * socket in use its expiry does nothing (the agent destroys only pooled sockets), and each call
 * has its own deadline (timeoutMs). So no timer is set or cleared per request.
 */
export function keepAliveAgents(idleMs = IDLE_SOCKET_MS): Agents {
  // proxyEnv: null — the transport applies proxies itself (proxy.ts), whatever NODE_USE_ENV_PROXY says.
  const options = { keepAlive: true, timeout: idleMs, proxyEnv: null } as http.AgentOptions;
  return { http: new http.Agent(options), https: new https.Agent(options) };
}

function defaultAgents(): Agents {
  sharedAgents ??= keepAliveAgents();
  return sharedAgents;
}

/** Where a request goes, split as node:http wants it. */
interface Origin {
  secure: boolean;
  hostname: string;
  port: string;
  host: string;
}

/** The request's origin and path, split as node:http wants them (fetch's URL parsing). */
function locate(url: string): { origin: Origin; path: string } {
  const parsed = new URL(url);
  const secure = parsed.protocol === "https:";
  if (!secure && parsed.protocol !== "http:")
    throw new TypeError(`the Node transport speaks http: and https:, not ${parsed.protocol}`);
  const { hostname } = parsed;
  const origin = {
    secure,
    hostname: hostname.startsWith("[") ? hostname.slice(1, -1) : hostname, // IPv6 without brackets
    port: parsed.port,
    host: parsed.host,
  };
  return { origin, path: parsed.pathname + parsed.search };
}

/** What every exchange of one transport shares. */
interface Context {
  maxBytes: number;
  agents: Agents;
  /** The config's headers as [name, value, …], for requests that do not set them. */
  defaults: string[];
  connectTimeoutMs: number;
  /** Chooses the agent when it is not one of `agents`: the caller's, or a proxy's. */
  route: ((url: string) => http.Agent | Promise<http.Agent | undefined> | undefined) | undefined;
  /**
   * Per host: a request that must not be sent twice is not written on a pooled socket idle this
   * long, half the shortest idle time after which that server closed one under such a request.
   */
  maxIdleMs: Map<string, number>;
}

/**
 * @internal A transport for one client (see TransportConfig). `agents` replaces the process-wide
 * keep-alive agents (tests pass one that trusts their own TLS certificate). A proxy named in the
 * environment (HTTPS_PROXY…, see proxy.ts) is read once, here; a caller's `agent` overrides both.
 */
export function createNodeTransport(
  { maxResponseBytes, headers = {}, connectTimeoutMs = CONNECT_TIMEOUT_MS, agent }: TransportConfig,
  agents?: Agents,
): Transport {
  const context: Context = {
    maxBytes: maxResponseBytes,
    agents: agents ?? defaultAgents(),
    defaults: Object.entries(headers).flat(),
    connectTimeoutMs,
    route: agent ? () => agent as http.Agent : proxyConfigured() ? proxyRoute() : undefined,
    maxIdleMs: new Map(),
  };
  const send = (request: NodeRequest, body: WireBody | null, stop: AttemptStop | undefined) => {
    const routed = context.route?.(request.url);
    if (routed === undefined || !("then" in routed)) return exchanged(context, request, body, routed, stop);
    return routed.then((agent) => exchanged(context, request, body, agent, stop));
  };
  const sendAny = (request: NodeRequest, stop?: AttemptStop): Promise<Response> => {
    if (request.body === null) return send(request, null, stop);
    const body = directBody(request.body);
    return body ? send(request, body, stop) : readBody(request.body).then((read) => send(request, read, stop));
  };
  return {
    Request: NodeRequest as unknown as typeof Request,
    // A web Request arrives when a middleware swapped in its own.
    fetch: (input, stop) =>
      NodeRequest.is(input) ? sendAny(input, stop) : NodeRequest.from(input).then((r) => sendAny(r, stop)),
  };
}

/** Each origin's proxy agent (or none: NO_PROXY), decided once per origin and client. */
function proxyRoute(): (url: string) => Promise<http.Agent | undefined> {
  const byOrigin = new Map<string, Promise<http.Agent | undefined>>();
  return (url) => {
    const origin = new URL(url);
    let agent = byOrigin.get(origin.origin);
    if (!agent) byOrigin.set(origin.origin, (agent = proxyAgentFor(origin, IDLE_SOCKET_MS)));
    return agent;
  };
}

function exchanged(
  context: Context,
  request: NodeRequest,
  body: WireBody | null,
  agent: http.Agent | undefined,
  stop: AttemptStop | undefined,
): Promise<Response> {
  return new Promise<Response>((resolve, reject) =>
    exchange({ context, request, body, agent, stop, resolve, reject }, 0),
  );
}

/** One fetch through the Node transport: what each of its exchanges (a first, and resends) shares. */
interface Call {
  context: Context;
  request: NodeRequest;
  body: WireBody | null;
  agent: http.Agent | undefined;
  /** Stops the call as an abort of the request's signal does (send.ts's deadline). */
  stop: AttemptStop | undefined;
  resolve: (r: Response) => void;
  reject: (e: unknown) => void;
  /** An earlier exchange of this call may have reached the server (an idempotent request, resent). */
  written?: boolean;
}

/** Resends after stale pooled sockets, per request (each also empties that origin's idle pool). */
const MAX_STALE_RESENDS = 2;

/**
 * A failure of this exchange that provably happened before its request was written: `requestSent:
 * false`, unless an earlier exchange of the call may have reached the server (then `true`).
 */
function unsent(call: Call, error: unknown): unknown {
  return call.written ? maybeSent(error) : notSent(error);
}

function exchange(call: Call, resends: number): void {
  const { context, request, body, agent, stop, resolve, reject } = call;
  const { signal } = request;
  if (signal?.aborted) return reject(call.written ? signal.reason : abortedUnsent(signal.reason));
  if (stop?.stopped) return reject(call.written ? stop.reason : abortedUnsent(stop.reason));
  let outgoing: http.ClientRequest;
  let origin: Origin;
  let via: http.Agent;
  try {
    const located = locate(request.url);
    origin = located.origin;
    via = agent ?? (origin.secure ? context.agents.https : context.agents.http);
    outgoing = (origin.secure ? https : http).request({
      hostname: origin.hostname,
      port: origin.port,
      path: located.path,
      method: request.method,
      // node:http refuses CR, LF and other invalid header bytes here, before anything is sent.
      headers: headerLines(request, origin.host, body, context.defaults),
      agent: via,
    });
  } catch (error) {
    return reject(unsent(call, error));
  }

  let response: NodeResponse | undefined;
  let settled = false;
  const phase = watchConnect(outgoing, origin.secure, context.connectTimeoutMs, agent !== undefined, (error) => {
    if (settled) return;
    settle();
    reject(unsent(call, error));
  });
  if (!isIdempotent(request.method)) phase.guard(context.maxIdleMs.get(origin.host) ?? Infinity);
  const settle = () => {
    settled = true;
    phase.stop();
    signal?.removeEventListener("abort", onSignal);
    stop?.listen(undefined);
  };
  const onAbort = (reason: unknown) => {
    if (response) response.abort(reason);
    else if (!settled) {
      settle();
      // Still connecting: the server cannot have seen the request.
      reject(phase.connected || call.written ? reason : abortedUnsent(reason));
    }
    phase.abandon();
    outgoing.destroy();
  };
  const onSignal = () => onAbort(signal!.reason);
  signal?.addEventListener("abort", onSignal);
  stop?.listen(onAbort);
  // After the headers, a failure reaches the body reader through the response's own events.
  outgoing.on("error", (error: Error & { code?: string; rawPacket?: unknown }) => {
    // Node's parser keeps the bytes it could not parse, which may echo the credentials back.
    delete error.rawPacket;
    if (response || settled) return;
    settle();
    // "May it have reached the server?" decides: a request provably never written is resent, and
    // one on a pooled socket the server closed under it only when sending it twice is harmless.
    const maybeWritten = phase.connected && !phase.unwritten;
    const stale = maybeWritten && phase.stale(error.code);
    if (stale || phase.unwritten) retireIdle(via, origin.hostname);
    // A guarded request lost to a server closing idle sockets sooner than the agents do: later ones
    // to that host take a fresh connection over a socket idle half as long (see Context.maxIdleMs).
    if (stale && phase.idleMs !== undefined) learnIdleLimit(context, origin.host, phase.idleMs);
    const resend = maybeWritten ? stale && isIdempotent(request.method) : phase.unwritten;
    if (resend && resends < MAX_STALE_RESENDS) {
      if (maybeWritten) call.written = true;
      return exchange(call, resends + 1);
    }
    reject(maybeWritten ? error : unsent(call, error));
  });
  outgoing.on("proxyConnect", (answer: ProxyAnswer) => {
    if (answer.statusCode === 200 || settled) return;
    settle();
    outgoing.destroy();
    reject(tunnelRefused(origin.host, answer));
  });
  outgoing.on("response", (message) => {
    if (settled) return void message.destroy();
    const refused = refusedRedirect(request, message);
    if (refused) {
      settle();
      message.destroy();
      return reject(refused);
    }
    phase.stop();
    answered(message.socket);
    response = new NodeResponse(message, request, context.maxBytes, settle);
    resolve(response as unknown as Response);
  });
  outgoing.end(body?.data);
}

/** A proxy's answer to CONNECT. */
interface ProxyAnswer {
  statusCode: number;
  statusText?: string;
}

/** A proxy's answer to CONNECT other than 200 (https-proxy-agent would hand it on as the response): not sent. */
function tunnelRefused(host: string, answer: ProxyAnswer): Error {
  const text = `the proxy refused the tunnel to ${host}: ${answer.statusCode} ${answer.statusText ?? ""}`.trimEnd();
  return Object.assign(new Error(text), { code: "ERR_PROXY_TUNNEL", requestSent: false });
}

/** `redirect: "error"`, as fetch does it: a 3xx with a Location fails the request. */
function refusedRedirect(request: NodeRequest, message: http.IncomingMessage): TypeError | undefined {
  const status = message.statusCode!;
  if (request.redirect !== "error" || status < 300 || status >= 400 || !message.headers.location) return undefined;
  return new TypeError(`redirect to ${message.headers.location} refused (redirect: "error")`);
}

/**
 * What an abort before the request was written rejects with: the reason as `cause`, so the caller's
 * own reason is never altered, and `requestSent: false` for the retry policy (see reached-server.ts).
 */
function abortedUnsent(reason: unknown): Error {
  return Object.assign(new Error("aborted before the request was sent", { cause: reason }), {
    name: "AbortError",
    requestSent: false,
  });
}

/** A guarded request to `host` was lost on a socket idle `idleMs`: see Context.maxIdleMs. */
function learnIdleLimit(context: Context, host: string, idleMs: number): void {
  const limit = Math.min(context.maxIdleMs.get(host) ?? Infinity, idleMs / 2);
  context.maxIdleMs.set(host, limit);
}

/**
 * After a stale pooled socket, its idle siblings to the same host (as old, or older) likely are
 * too: they are closed, so the resend opens a fresh connection. `freeSockets` is Node's documented
 * Agent API (keyed `host:port:…`); an agent without it (a caller's) keeps its pool.
 */
function retireIdle(agent: http.Agent, hostname: string): void {
  for (const [name, sockets] of Object.entries(agent.freeSockets ?? {})) {
    if (name.startsWith(`${hostname}:`)) for (const socket of sockets ?? []) socket.destroy();
  }
}

/**
 * The request's header lines as [name, value, …]: Host as fetch sends it, the caller's headers
 * (fetch's lower-case names) but the framing ones the transport owns, the defaults the request
 * did not set, then the body's. node:http writes a flat list as given, skipping its per-header
 * bookkeeping, and still validates each (an object costs about 10% more client CPU per request:
 * scripts/bench/README.md).
 */
function headerLines(request: NodeRequest, host: string, body: WireBody | null, defaults: readonly string[]): string[] {
  const lines = ["host", host];
  let typed = false;
  request.headers.forEach((value, name) => {
    if (TRANSPORT_HEADERS.has(name)) return;
    lines.push(name, value);
    if (name === "content-type") typed = true;
  });
  const given = lines.length;
  for (let i = 0; i < defaults.length; i += 2) {
    if (!named(lines, defaults[i]!, given)) lines.push(defaults[i]!, defaults[i + 1]!);
  }
  if (!named(lines, "accept-encoding", given)) lines.push("accept-encoding", ACCEPT_ENCODING);
  if (body) {
    if (!typed && body.contentType !== null) lines.push("content-type", body.contentType);
    lines.push(
      "content-length",
      String(typeof body.data === "string" ? Buffer.byteLength(body.data) : body.data.byteLength),
    );
  } else if (request.method === "POST" || request.method === "PUT") {
    lines.push("content-length", "0"); // as fetch sends for a body-less POST or PUT
  }
  return lines;
}

/** Whether a name slot of `lines` before `end` holds `name`. */
function named(lines: readonly string[], name: string, end: number): boolean {
  for (let i = 0; i < end; i += 2) if (lines[i] === name) return true;
  return false;
}
