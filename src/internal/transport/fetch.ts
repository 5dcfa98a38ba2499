// Global (or caller-supplied) fetch as a transport: every response body is read here, capped, so
// neither openapi-fetch nor the caller ever holds more than maxResponseBytes of it.
import { capResponse } from "../response.js";
import type { Transport, TransportConfig, TransportFetch } from "../transport.js";

/** @internal */
export function fetchTransport(fetch: TransportFetch, { maxResponseBytes, headers = {} }: TransportConfig): Transport {
  const defaults = Object.entries(headers);
  return {
    fetch: async (request) => {
      for (const [name, value] of defaults) if (!request.headers.has(name)) request.headers.set(name, value);
      return capResponse(await fetch(request), maxResponseBytes);
    },
  };
}
