// CORS for the fake server, so a page in development (another origin) can call it from a browser.
// Off by default: Twilio's REST API does not answer CORS, and a real page must not hold an Auth Token.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FakeConversationsOptions } from "./options.js";

/** What a preflight allows: the served operations' methods and the headers the client may send. */
export interface CorsAllowance {
  /** Comma-separated, as Access-Control-Allow-Methods lists them. */
  method: string;
  /** Besides Authorization and Content-Type (the spec's header parameters, X-Twilio-Webhook-Enabled). */
  headers: readonly string[];
}

// The response headers the client reads: the request id for support, the wait before a resend.
const EXPOSE_HEADERS = "Twilio-Request-Id, Retry-After";

/**
 * Adds the CORS headers a request's origin is allowed, and answers a preflight. Returns true when
 * the request was a preflight (answered here: it is not a call to the API, so it is not recorded).
 */
export function applyCors(
  option: FakeConversationsOptions["cors"],
  allow: CorsAllowance,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  if (!option) return false;
  const origin = req.headers.origin;
  const anyOrigin = option === true;
  const origins = typeof option === "string" ? [option] : option;
  const allowed = anyOrigin || (origin !== undefined && origins !== true && origins.includes(origin));
  if (!anyOrigin) res.setHeader("Vary", "Origin");
  if (allowed) {
    res.setHeader("Access-Control-Allow-Origin", anyOrigin ? "*" : origin!);
    res.setHeader("Access-Control-Expose-Headers", EXPOSE_HEADERS);
  }
  if (req.method !== "OPTIONS" || req.headers["access-control-request-method"] === undefined) return false;
  // A preflight from an origin that is not allowed gets no Allow-* headers: the browser refuses.
  if (allowed) {
    res.setHeader("Access-Control-Allow-Methods", allow.method);
    res.setHeader("Access-Control-Allow-Headers", ["Authorization", "Content-Type", ...allow.headers].join(", "));
    res.setHeader("Access-Control-Max-Age", "600");
  }
  res.writeHead(204).end();
  return true;
}
