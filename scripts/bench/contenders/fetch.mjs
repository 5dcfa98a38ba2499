// Contender (c): Node's global fetch, hand-written.
import { ACCOUNT_SID, AUTH_TOKEN, PATH, PARTICIPANT_SID, REQUEST_FIELDS } from "../fixtures.mjs";

export async function setup({ baseUrl }) {
  const url = baseUrl + PATH;
  const authorization = "Basic " + Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString("base64");
  return async function createOne() {
    const res = await fetch(url, {
      method: "POST",
      headers: {
        authorization,
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
      },
      body: new URLSearchParams(REQUEST_FIELDS).toString(),
    });
    const json = await res.json();
    if (res.status !== 201 || json.sid !== PARTICIPANT_SID) throw new Error(`HTTP ${res.status}`);
  };
}
