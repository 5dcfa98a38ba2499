/**
 * The one thing the client needs from a transport: `fetch(request)`. Global fetch is the default
 * everywhere but Node, where the package's `node` entry uses its own node:http transport; a custom
 * one may be passed in options.
 */
export type TransportFetch = (input: Request) => Promise<Response>;

/** Receives one event per HTTP attempt. `console` works as it is. */
export interface Logger {
  debug(message: string, event: AttemptEvent): void;
}

/** What the logger sees of one attempt. It never holds credentials. */
export interface AttemptEvent {
  method: string;
  /** The request URL, without credentials. */
  url: string;
  /** 1 for the first try. */
  attempt: number;
  /** The HTTP status, or undefined when no response came. */
  status: number | undefined;
  /** What happened: `ok`, `http-error`, `timeout`, `connection-error`, `aborted`. */
  outcome: "ok" | "http-error" | "timeout" | "connection-error" | "aborted";
  durationMs: number;
  /** The wait before the next attempt, when one follows. */
  retryInMs: number | undefined;
}

/** Settings that may also be given per call. */
export interface CallOptions {
  /**
   * How many times a request may be resent. A POST is resent only when Twilio provably did not act on
   * it (429, 503, or a connection that failed before sending); GET, HEAD, PUT and DELETE also after an
   * unknown outcome (a timeout, a reset, 500, 502, 504), since sending them twice does no harm.
   * @default 2
   * @example createConversationsClient({ maxRetries: 0 }) // never resend
   */
  maxRetries?: number;
  /**
   * Milliseconds one attempt may take, from sending to the end of the response body; at least 1
   * (0 is refused: it is not "no timeout"). Holds for a custom `fetch` too, even one that ignores the
   * abort signal.
   * @default 30000
   * @example createConversationsClient({ timeoutMs: 5_000 })
   */
  timeoutMs?: number;
}

export interface ClientOptions extends CallOptions {
  /**
   * Your Account SID (`AC…`). With `authToken` it is the Basic-auth user; with an API key it is only
   * informational.
   * @default process.env.TWILIO_ACCOUNT_SID
   * @example createConversationsClient({ accountSid: "AC…", authToken: "…" })
   */
  accountSid?: string;
  /**
   * Your Auth Token, the Basic-auth password with `accountSid`.
   * @default process.env.TWILIO_AUTH_TOKEN
   */
  authToken?: string;
  /**
   * An API key SID (`SK…`), used as the Basic-auth user instead of the Account SID.
   * @default process.env.TWILIO_API_KEY
   * @example createConversationsClient({ apiKey: "SK…", apiSecret: "…" })
   */
  apiKey?: string;
  /**
   * The API key's secret.
   * @default process.env.TWILIO_API_SECRET
   */
  apiSecret?: string;
  /**
   * Where requests go. Must be `https:`, except for a loopback host (127.0.0.0/8, `localhost`,
   * `[::1]`) such as the fake server in tests.
   * @default "https://conversations.twilio.com" (or the regional host when `region` is set)
   * @example createConversationsClient({ baseUrl: fake.baseUrl })
   */
  baseUrl?: string;
  /**
   * Twilio processing region; with `edge`, selects `https://conversations.{edge}.{region}.twilio.com`.
   * @default undefined (the default US1 host)
   * @example createConversationsClient({ region: "ie1", edge: "dublin" })
   */
  region?: string;
  /**
   * Twilio edge location, used with `region`.
   * @default the spec's default edge when only `region` is given
   */
  edge?: string;
  /**
   * The fetch used for every request: pass one to add a proxy, tracing or a test double.
   * @default on Node, the package's own keep-alive node:http(s) transport (the `node` export
   * condition); everywhere else, globalThis.fetch
   */
  fetch?: TransportFetch;
  /**
   * Milliseconds connecting may take (TCP, then TLS, or a proxy's tunnel), inside `timeoutMs`. A
   * connect that takes longer fails as not sent, so it is resent like a refused one. Node entry's
   * transport only: global fetch keeps its own (undici's is 10 s). 0: no deadline of its own.
   * @default 10000
   * @example createConversationsClient({ connectTimeoutMs: 3_000 })
   */
  connectTimeoutMs?: number;
  /**
   * Node entry only: the Node `http.Agent` / `https.Agent` (or a proxy agent) every request goes
   * through, in place of the package's keep-alive agents and of the proxy it reads from
   * `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY`. Typed as `object` so browser builds need no Node
   * types. Not with `fetch` (give your fetch its own agent or dispatcher).
   * @default undefined (shared keep-alive agents; the environment's proxy when one is set)
   * @example createConversationsClient({ agent: new HttpsProxyAgent("http://proxy.internal:3128") })
   */
  agent?: object;
  /**
   * Appended to this package's User-Agent, e.g. your application's name and version.
   * @default undefined
   * @example createConversationsClient({ userAgent: "my-app/1.2.3" })
   */
  userAgent?: string;
  /**
   * Sees every attempt (method, URL, status, attempt, wait, duration); never credentials.
   * @default undefined (silent)
   * @example createConversationsClient({ logger: console })
   */
  logger?: Logger;
  /**
   * The longest `Retry-After` the client will wait for. A longer one fails at once, with the wait
   * in the error, instead of holding the call.
   * @default 30000
   */
  maxRetryAfterMs?: number;
  /**
   * The most bytes of a response body the client reads and keeps (`raw` calls included).
   * @default 1048576 (1 MiB)
   */
  maxResponseBytes?: number;
}
