// Layer 0: node:http with a keep-alive agent, hand-written: the floor for any client on node:http.
import http from "node:http";
import { AUTH_HEADER, PARTICIPANT_SID, PATH, REQUEST_FIELDS } from "../fixtures.mjs";

export async function setup({ baseUrl }) {
  const { hostname, port, host } = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true });
  return () =>
    new Promise((resolve, reject) => {
      const body = new URLSearchParams(REQUEST_FIELDS).toString();
      const headers = [
        "host",
        host,
        "authorization",
        AUTH_HEADER,
        "content-type",
        "application/x-www-form-urlencoded",
        "accept",
        "application/json",
        "content-length",
        String(Buffer.byteLength(body)),
      ];
      const req = http.request({ hostname, port, path: PATH, method: "POST", headers, agent }, (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () =>
          JSON.parse(Buffer.concat(chunks).toString()).sid === PARTICIPANT_SID
            ? resolve()
            : reject(new Error("no sid")),
        );
      });
      req.on("error", reject);
      req.end(body);
    });
}
