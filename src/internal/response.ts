// Turns anything but the success status into TwilioApiError.
import { TwilioApiError, type TwilioApiErrorDetails } from "../errors/api-error.js";
import { scrub, scrubDeep } from "./scrub.js";

/** @internal What the request was, for error messages. */
export interface RequestFacts {
  method: string;
  url: string;
  attempts: number;
  /** Credentials to scrub from whatever the server sent back (a proxy may echo request headers). */
  secrets: readonly string[];
}

/** Keeps error objects small even when the body was large. */
const RAW_BODY_KEPT = 2048;

/**
 * A TwilioApiError whose server-supplied text holds no credential. `rawBody` is scrubbed before it
 * is cut to RAW_BODY_KEPT, so a secret straddling the cut cannot survive as a fragment.
 */
function scrubbed(d: TwilioApiErrorDetails, secrets: readonly string[]): TwilioApiError {
  const s = (v: string | undefined) => (v === undefined ? undefined : scrub(v, secrets));
  const details = scrubDeep(d.details, secrets) as TwilioApiErrorDetails["details"];
  const rawBody = s(d.rawBody)?.slice(0, RAW_BODY_KEPT);
  return new TwilioApiError({ ...d, message: scrub(d.message, secrets), moreInfo: s(d.moreInfo), requestId: s(d.requestId), rawBody, details });
}

/** @internal Builds TwilioApiError from a non-success response body (already capped). */
export function apiError(response: Response, body: unknown, { secrets, ...facts }: RequestFacts, extra: { retryAfterMs?: number | undefined; note?: string | undefined } = {}): TwilioApiError {
  const twilio = isTwilioError(body) ? body : undefined;
  const raw = twilio ? undefined : typeof body === "string" ? body : body === undefined ? "" : JSON.stringify(body);
  const kind = raw === undefined ? "" : raw.trim() === "" ? " (empty body)" : /^\s*</.test(raw) ? " (HTML body, not a Twilio error)" : " (body is not a Twilio error)";
  return scrubbed({
    ...facts,
    status: response.status,
    code: twilio?.code,
    message: twilio?.message ?? `${response.statusText || "HTTP error"}${kind}`,
    moreInfo: twilio?.more_info,
    details: twilio?.details,
    requestId: response.headers.get("twilio-request-id") ?? undefined,
    rawBody: raw,
    ...extra,
  }, secrets);
}

/** @internal Parses a success body; a body that is not JSON rejects, with what was received. */
export function parseSuccess(response: Response, text: string, truncated: boolean, requestFacts: RequestFacts): unknown {
  try {
    if (truncated) throw new Error("truncated");
    return JSON.parse(text);
  } catch {
    const { secrets, ...facts } = requestFacts; // split here: every successful call skips the copy
    throw scrubbed({
      ...facts,
      status: response.status,
      message: truncated
        ? `the ${response.status} response body exceeded maxResponseBytes`
        : `the ${response.status} response body is not valid JSON`,
      requestId: response.headers.get("twilio-request-id") ?? undefined,
      rawBody: text,
      note: "Twilio may have created the resource; look it up before sending again",
    }, secrets);
  }
}

interface TwilioErrorBody {
  code?: number;
  message: string;
  more_info?: string;
  details?: Record<string, unknown>;
}

function isTwilioError(body: unknown): body is TwilioErrorBody {
  return typeof body === "object" && body !== null && typeof (body as TwilioErrorBody).message === "string";
}
