// The fake server's options, in a module of their own so that its parts (cors.ts, …) can read
// them without importing the server.

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
   * Twilio's limit of 30 participant creates per second for each conversation: a create beyond it
   * is answered 429 with Twilio code 50063 and not processed. `true` is Twilio's figure; pass
   * `{ perSecond }` for another, and `clock` (milliseconds, e.g. a frozen one) to make tests exact.
   * @default false (unit tests are not rate limited)
   * @example startFakeConversations({ rateLimit: true })
   */
  rateLimit?: boolean | { perSecond?: number; clock?: () => number };
  /**
   * Milliseconds every request waits before it is handled, like a real network and Twilio.
   * @default 0
   * @example startFakeConversations({ latencyMs: 80 })
   */
  latencyMs?: number;
  /**
   * Keep every request in `requests`. Turn off for runs of millions, where the record is the memory.
   * @default true
   */
  recordRequests?: boolean;
  /**
   * Answer CORS, for a browser page on another origin in development: `true` allows any origin, a
   * string or list exactly those (`"http://127.0.0.1:5173"`). Preflights are answered and not
   * recorded. Twilio itself does not answer CORS: in production the call belongs on your server.
   * @default false
   */
  cors?: boolean | string | readonly string[];
}
