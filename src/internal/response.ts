// Reads what a server answered (the transport has read and capped the body: transport/fetch.ts,
// node-response.ts): a usable success body, or a TwilioApiError built from a body of any shape, with
// every server-supplied string scrubbed of the client's credentials.
import { TwilioApiError, type TwilioApiErrorDetails } from "../errors/api-error.js";
import type { Scrubber } from "./scrub.js";
import type { BodyState } from "./transport.js";

/** @internal What the request was, for error messages. */
export interface RequestFacts {
  method: string;
  url: string;
  attempts: number;
  /** Scrubs the credentials from whatever the server sent back (a proxy may echo request headers). */
  scrubber: Scrubber;
}

/** Keeps error objects small even when the body was large. */
const RAW_BODY_KEPT = 2048;

/** Why a success body that did not arrive whole cannot be used. */
const NOT_WHOLE: Record<Exclude<BodyState, "whole">, string> = {
  truncated: "exceeded maxResponseBytes",
  "cut-short": "was cut short (the connection closed before the body ended)",
  undecodable: "could not be decoded as its Content-Encoding says",
};

/**
 * @internal Why a success body cannot be used, or undefined when it can (then `value` holds it). A
 * list's page must hold its items array (`itemsKey`): without one, its items would be skipped unseen.
 */
export function readSuccess(
  text: string,
  state: BodyState,
  hasBody: boolean,
  itemsKey?: string,
): { value?: unknown; problem?: string } {
  if (!hasBody) return { value: undefined };
  if (state !== "whole") return { problem: NOT_WHOLE[state] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: "is not valid JSON" };
  }
  // Every Twilio resource and page is a JSON object; `null` or `[]` would pass for an empty one.
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { problem: "is not a JSON object" };
  if (itemsKey !== undefined && !Array.isArray((value as Record<string, unknown>)[itemsKey]))
    return { problem: `has no "${itemsKey}" array (a page of this list holds its items there)` };
  return { value };
}

/** @internal What a TwilioApiError says beyond the answer itself. */
export interface ErrorContext {
  retryAfterMs?: number | undefined;
  note?: string | undefined;
  /** Replaces the server's message, e.g. for a 2xx whose body is unusable. */
  message?: string | undefined;
}

/** @internal An error answer: its text as the transport read it, and that text as openapi-fetch parsed it. */
export interface ErrorAnswer {
  response: Response;
  text: string;
  /** The parsed JSON, or the text when it is not JSON, or undefined for no body. */
  body: unknown;
}

/**
 * @internal A TwilioApiError from an answer: Twilio's fields where the body has them with the right
 * types (any JSON shape is accepted), the raw text otherwise; nothing of the credentials survives.
 */
export function apiError(
  { response, text, body }: ErrorAnswer,
  state: BodyState,
  { scrubber, ...facts }: RequestFacts,
  context: ErrorContext = {},
): TwilioApiError {
  const twilio =
    typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const code = typeof twilio.code === "number" && Number.isSafeInteger(twilio.code) ? twilio.code : undefined;
  const twilioMessage = typeof twilio.message === "string" ? twilio.message : undefined;
  const details = typeof twilio.details === "object" && twilio.details !== null ? twilio.details : undefined;
  const kind =
    state === "undecodable"
      ? " (body does not match its Content-Encoding)"
      : text.trim() === ""
        ? " (empty body)"
        : /^\s*</.test(text)
          ? " (HTML body, not a Twilio error)"
          : " (body is not a Twilio error)";
  const message = context.message ?? twilioMessage ?? `${response.statusText || "HTTP error"}${kind}`;
  const requestId = response.headers.get("twilio-request-id") ?? undefined;
  const moreInfo = typeof twilio.more_info === "string" ? twilio.more_info : undefined;
  const d: TwilioApiErrorDetails = {
    ...facts,
    status: response.status,
    code,
    message: scrubber.text(message),
    moreInfo: moreInfo === undefined ? undefined : scrubber.text(moreInfo),
    details: scrubber.deep(details) as TwilioApiErrorDetails["details"],
    requestId: requestId === undefined ? undefined : scrubber.text(requestId),
    // Kept whenever the body is not a whole Twilio error, so nothing the server said is lost.
    rawBody:
      twilioMessage === undefined || context.message !== undefined
        ? scrubber.cut(text, RAW_BODY_KEPT, state !== "whole")
        : undefined,
    retryAfterMs: context.retryAfterMs,
    note: context.note,
  };
  return new TwilioApiError(d);
}
