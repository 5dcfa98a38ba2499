// Contender (b): undici `request`, hand-written — the transport limit.
// Same wire request as everyone: form body built per call, Basic auth, JSON parsed.
import { request } from "undici";
import { ACCOUNT_SID, AUTH_TOKEN, PATH, PARTICIPANT_SID, REQUEST_FIELDS } from "../fixtures.mjs";

export async function setup({ baseUrl }) {
  const url = baseUrl + PATH;
  const authorization = "Basic " + Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString("base64");
  return async function createOne() {
    const { statusCode, body } = await request(url, {
      method: "POST",
      headers: {
        authorization,
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
      },
      body: new URLSearchParams(REQUEST_FIELDS).toString(),
    });
    const json = await body.json();
    if (statusCode !== 201 || json.sid !== PARTICIPANT_SID) throw new Error(`HTTP ${statusCode}`);
  };
}
