// Turns ClientOptions (and the environment) into the settings every request uses, refusing bad
// ones up front with a TwilioValidationError that names the option.
import { servers } from "../../generated/operations.js";
import { TwilioValidationError, type ValidationProblem } from "../errors/validation-error.js";
import type { ClientOptions, Logger } from "../options.js";
import type { Transport, TransportFactory } from "./transport.js";
import { fetchTransport } from "./transport/fetch.js";
import { problem } from "./validate.js";
import { decodeComponent } from "./wire.js";
import { base64, Scrubber, type Credential } from "./scrub.js";
import { PACKAGE_NAME, VERSION } from "../version.js";

/** @internal */
export interface Settings {
  baseUrl: string;
  /**
   * Where requests go: the caller's fetch, else the entry's default transport, else global fetch.
   * It adds the Authorization header, which is never logged or put in errors.
   */
  transport: Transport;
  maxRetries: number;
  timeoutMs: number;
  maxRetryAfterMs: number;
  logger: Logger | undefined;
  /** Scrubs the credentials (and the environment's proxy passwords) from anything a server sends back. */
  scrubber: Scrubber;
}

/** setTimeout fires at once for longer delays (Node, browsers), so longer ones are refused. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** The `maxRetries` of a client that sets none (resolved here only: everything else reads `Settings`). */
const DEFAULT_MAX_RETRIES = 2;
/** No complete answer within this many ms is a timeout, unless the options say otherwise. */
const DEFAULT_TIMEOUT_MS = 30_000;

const env = (name: string): string | undefined =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name] || undefined;

/** A client option that breaks a rule. */
const badOption = (field: string, rule: string, words: string): ValidationProblem =>
  problem("options", field, rule, words);

/** @internal `defaultTransport` is used when the caller passed no `fetch` (the Node entry's node:http). */
export function resolveSettings(options: ClientOptions, defaultTransport?: TransportFactory): Settings {
  const problems: ValidationProblem[] = [];
  const { authorization, credentials } = resolveCredentials(options, problems);
  const baseUrl = resolveBaseUrl(options, problems);
  const userAgent = `${PACKAGE_NAME}/${VERSION}${options.userAgent ? ` ${options.userAgent}` : ""}`;
  // A header value must be bytes fetch accepts; anything else would fail later, looking like a network error.
  if (/[^\x20-\x7e\t]/.test(userAgent))
    problems.push(badOption("userAgent", "pattern", "must be printable ASCII (no CR, LF or other control characters)"));
  const maxRetries = checkCount(options, "maxRetries", DEFAULT_MAX_RETRIES, problems);
  // 0 would be a deadline that has always passed, not "no deadline": refused, as is anything below 1.
  const timeoutMs = checkCount(options, "timeoutMs", DEFAULT_TIMEOUT_MS, problems, MAX_TIMER_MS, 1);
  const maxRetryAfterMs = checkCount(options, "maxRetryAfterMs", 30_000, problems, MAX_TIMER_MS);
  const maxResponseBytes = checkCount(options, "maxResponseBytes", 1 << 20, problems);
  const connectTimeoutMs = checkCount(options, "connectTimeoutMs", 10_000, problems, MAX_TIMER_MS);
  checkAgent(options, defaultTransport !== undefined, problems);
  const config = {
    maxResponseBytes,
    connectTimeoutMs,
    agent: options.agent,
    headers: { authorization, "user-agent": userAgent, accept: "application/json" },
  };
  const transport = options.fetch
    ? fetchTransport(options.fetch, config)
    : defaultTransport
      ? defaultTransport(config)
      : globalThis.fetch
        ? fetchTransport((r) => globalThis.fetch(r), config)
        : undefined;
  if (!transport) problems.push(badOption("fetch", "required", "is required: this runtime has no global fetch"));
  if (problems.length) throw new TwilioValidationError(problems);
  return {
    baseUrl,
    transport: transport!,
    maxRetries,
    timeoutMs,
    maxRetryAfterMs,
    logger: options.logger,
    scrubber: new Scrubber([...credentials, ...proxyCredentials()]),
  };
}

/**
 * @internal Checks a per-call or client-wide count option: a whole number from `min` to `max`. `name`
 * is the option as the caller writes it; a dotted one is nested (`outage.after`), and a problem names it so.
 */
export function checkCount(
  options: object,
  name: string,
  fallback: number,
  problems: ValidationProblem[],
  max = Number.MAX_SAFE_INTEGER,
  min = 0,
): number {
  const value = name.split(".").reduce<unknown>((o, key) => (o as Record<string, unknown> | undefined)?.[key], options);
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    problems.push(badOption(name, "minimum", `must be a whole number of at least ${min}`));
    return fallback;
  }
  if (value > max) {
    problems.push(badOption(name, "maximum", `must be at most ${max}`));
    return fallback;
  }
  return value;
}

/** `agent` is the Node transport's: an object, and only where that transport sends. */
function checkAgent(options: ClientOptions, nodeTransport: boolean, problems: ValidationProblem[]): void {
  if (options.agent === undefined) return;
  if (typeof options.agent !== "object" || options.agent === null)
    problems.push(badOption("agent", "type", "must be a Node http.Agent"));
  else if (options.fetch)
    problems.push(
      badOption("agent", "conflict", "cannot be combined with fetch: give your fetch its own agent or dispatcher"),
    );
  else if (!nodeTransport)
    problems.push(
      badOption(
        "agent",
        "runtime",
        "needs the package's Node entry (its node:http transport); this entry sends with fetch",
      ),
    );
}

function resolveCredentials(
  options: ClientOptions,
  problems: ValidationProblem[],
): { authorization: string; credentials: Credential[] } {
  const apiKey = options.apiKey ?? (options.authToken ? undefined : env("TWILIO_API_KEY"));
  const apiSecret = options.apiSecret ?? (apiKey ? env("TWILIO_API_SECRET") : undefined);
  const accountSid = options.accountSid ?? env("TWILIO_ACCOUNT_SID");
  const authToken = options.authToken ?? env("TWILIO_AUTH_TOKEN");
  const [user, secret, userName, secretName] = apiKey
    ? [apiKey, apiSecret, "apiKey", "apiSecret"]
    : [accountSid, authToken, "accountSid", "authToken"];
  if (!user)
    problems.push(
      badOption(
        userName,
        "required",
        `is required (or set TWILIO_${userName === "apiKey" ? "API_KEY" : "ACCOUNT_SID"})`,
      ),
    );
  if (!secret)
    problems.push(
      badOption(
        secretName,
        "required",
        `is required (or set TWILIO_${secretName === "apiSecret" ? "API_SECRET" : "AUTH_TOKEN"})`,
      ),
    );
  if (user && /[:\r\n]/.test(user)) problems.push(badOption(userName, "pattern", "must not contain ':', CR or LF"));
  if (secret && /[\r\n]/.test(secret)) problems.push(badOption(secretName, "pattern", "must not contain CR or LF"));
  if (!user || !secret) return { authorization: "", credentials: [] };
  return { authorization: `Basic ${base64(`${user}:${secret}`)}`, credentials: [[user, secret]] };
}

/** @internal Variables that can name a proxy (transport/proxy.ts loads no proxy library unless one is set). */
export const PROXY_VARIABLES = ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"];

/**
 * The user and password of every proxy the environment names (whichever one a request uses): the
 * Node transport's proxy agent sends them, and a proxy may echo them back (a 407's status text).
 */
function proxyCredentials(): Credential[] {
  const found: Credential[] = [];
  for (const name of PROXY_VARIABLES) {
    const value = env(name);
    if (!value) continue;
    let url: URL;
    try {
      url = new URL(value.includes("://") ? value : `http://${value}`);
    } catch {
      continue;
    }
    if (url.password) found.push([decodeComponent(url.username), decodeComponent(url.password)]);
  }
  return found;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

function resolveBaseUrl(options: ClientOptions, problems: ValidationProblem[]): string {
  let raw = options.baseUrl;
  if (raw === undefined) {
    const [global, regional] = servers;
    if (options.region === undefined && options.edge === undefined) return global.url;
    const vars = regional.variables;
    const region = options.region ?? vars.region.default;
    const edge = options.edge ?? vars.edge.default;
    if (!(vars.region.enum as readonly string[]).includes(region)) {
      problems.push(badOption("region", "enum", `must be one of ${vars.region.enum.join(", ")}`));
    }
    if (!(vars.edge.enum as readonly string[]).includes(edge)) {
      problems.push(badOption("edge", "enum", `must be one of ${vars.edge.enum.join(", ")}`));
    }
    raw = regional.url.replace("{edge}", edge).replace("{region}", region);
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(badOption("baseUrl", "format", "must be an absolute URL"));
    return "";
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK.test(url.hostname))) {
    problems.push(
      badOption(
        "baseUrl",
        "protocol",
        "must use https: (plain http is allowed only for a loopback host such as 127.0.0.1); " +
          `got ${url.protocol}//${url.host}`,
      ),
    );
  }
  if (url.username || url.password)
    problems.push(badOption("baseUrl", "credentials", "must not contain credentials; use accountSid/authToken"));
  if (url.search || url.hash) problems.push(badOption("baseUrl", "format", "must not have a query or fragment"));
  return url.origin + url.pathname.replace(/\/+$/, "");
}
