// Global (or caller-supplied) fetch as a transport: every response body is read here, capped, so
// neither openapi-fetch nor the caller ever holds more than maxResponseBytes of it.
import { capResponse } from "../response.js";
import type { Transport, TransportFetch } from "../transport.js";

/** @internal */
export function fetchTransport(fetch: TransportFetch, maxResponseBytes: number): Transport {
  return { fetch: async (request) => capResponse(await fetch(request), maxResponseBytes) };
}
