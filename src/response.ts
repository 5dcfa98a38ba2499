// Reads responses with a size cap, and turns anything but the success status into TwilioApiError.
import { TwilioApiError } from "./errors/api-error.js";

/** @internal Reads at most `maxBytes` of a body, then stops reading. */
export async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  if (!body) return { text: "", truncated: false };
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text: text + decoder.decode(), truncated: false };
      const room = maxBytes - size;
      size += value.byteLength;
      if (value.byteLength >= room) {
        text += decoder.decode(value.subarray(0, Math.max(room, 0)));
        void reader.cancel().catch(() => {});
        return { text, truncated: true };
      }
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    reader.releaseLock();
  }
}

/** @internal A copy of a response whose body holds at most `maxBytes` (for error bodies). */
export async function capResponse(response: Response, maxBytes: number): Promise<Response> {
  const { text } = await readCapped(response.body, maxBytes);
  return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** @internal What the request was, for error messages. */
export interface RequestFacts {
  method: string;
  url: string;
  attempts: number;
}

/** Keeps error objects small even when the body was large. */
const RAW_BODY_KEPT = 2048;

/** @internal Builds TwilioApiError from a non-success response body (already capped). */
export function apiError(response: Response, body: unknown, facts: RequestFacts, extra: { retryAfterMs?: number | undefined; note?: string | undefined } = {}): TwilioApiError {
  const twilio = isTwilioError(body) ? body : undefined;
  const raw = twilio ? undefined : typeof body === "string" ? body : body === undefined ? "" : JSON.stringify(body);
  const kind = raw === undefined ? "" : raw.trim() === "" ? " (empty body)" : /^\s*</.test(raw) ? " (HTML body, not a Twilio error)" : " (body is not a Twilio error)";
  return new TwilioApiError({
    ...facts,
    status: response.status,
    code: twilio?.code,
    message: twilio?.message ?? `${response.statusText || "HTTP error"}${kind}`,
    moreInfo: twilio?.more_info,
    details: twilio?.details,
    requestId: response.headers.get("twilio-request-id") ?? undefined,
    rawBody: raw?.slice(0, RAW_BODY_KEPT),
    ...extra,
  });
}

/** @internal Parses a success body; a body that is not JSON rejects, with what was received. */
export function parseSuccess(response: Response, text: string, truncated: boolean, facts: RequestFacts): unknown {
  try {
    if (truncated) throw new Error("truncated");
    return JSON.parse(text);
  } catch {
    throw new TwilioApiError({
      ...facts,
      status: response.status,
      message: truncated
        ? `the ${response.status} response body exceeded maxResponseBytes`
        : `the ${response.status} response body is not valid JSON`,
      requestId: response.headers.get("twilio-request-id") ?? undefined,
      rawBody: text.slice(0, RAW_BODY_KEPT),
      note: "Twilio may have created the resource; look it up before sending again",
    });
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
