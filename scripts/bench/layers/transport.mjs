// Layer 1: this package's Node transport alone (src/internal/transport/node-http.ts), given a request built
// by hand: what the transport adds over bare node:http.
import { pathToFileURL } from "node:url";
import { AUTH_HEADER, PARTICIPANT_SID, PATH, REQUEST_FIELDS } from "../fixtures.mjs";

export async function setup({ baseUrl, entry }) {
  const { createNodeTransport } = await import(pathToFileURL(entry).href);
  const transport = createNodeTransport({ maxResponseBytes: 1 << 20, headers: { authorization: AUTH_HEADER, accept: "application/json" } });
  const url = baseUrl + PATH;
  return async () => {
    const headers = new Headers({ "content-type": "application/x-www-form-urlencoded" });
    const body = new URLSearchParams(REQUEST_FIELDS).toString();
    const request = new transport.Request(url, { method: "POST", headers, body, signal: new AbortController().signal });
    const response = await transport.fetch(request);
    if (JSON.parse(await response.text()).sid !== PARTICIPANT_SID) throw new Error("no sid");
  };
}
