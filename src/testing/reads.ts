// The fake server's two reads of the participants resource: one participant by SID or identity,
// and the list in pages with Twilio's envelope (`participants`, `meta`).
import type { Conversation, Participant } from "./store.js";

/** Twilio takes the participant's identity in place of its SID. */
export function findParticipant(conversation: Conversation, sidOrIdentity: string): Participant | undefined {
  return conversation.participants.find((p) => p.sid === sidOrIdentity) ?? conversation.participants.find((p) => p.identity === sidOrIdentity);
}

/** What the page query asks for, already checked against the spec's rules. */
export interface PageQuery {
  PageSize?: number;
  Page?: number;
  PageToken?: string;
}

/** The fake's page token: the SID of the last participant of the previous page. */
const TOKEN_PREFIX = "PT";

/**
 * One page of `conversation`'s participants, in creation order. `listUrl` is the list's absolute URL
 * on the fake's origin, so `next_page_url` can be followed as it is. Undefined for an unknown token.
 */
export function listPage(conversation: Conversation, query: PageQuery, listUrl: string, defaultSize: number) {
  const size = query.PageSize ?? defaultSize;
  const page = query.Page ?? 0;
  let start = page * size;
  if (query.PageToken !== undefined) {
    const after = conversation.participants.findIndex((p) => TOKEN_PREFIX + p.sid === query.PageToken);
    if (after < 0) return undefined;
    start = after + 1;
  }
  const participants = conversation.participants.slice(start, start + size);
  const more = start + size < conversation.participants.length;
  const at = (n: number, token?: string) => `${listUrl}?PageSize=${size}&Page=${n}${token ? `&PageToken=${token}` : ""}`;
  return {
    participants,
    meta: {
      page,
      page_size: size,
      first_page_url: at(0),
      previous_page_url: page > 0 ? at(page - 1) : null,
      url: at(page, query.PageToken),
      next_page_url: more ? at(page + 1, TOKEN_PREFIX + participants.at(-1)!.sid) : null,
      key: "participants",
    },
  };
}

/** The list's query, checked against the spec's rules: PageSize 1–100, Page ≥ 0; a message when broken. */
export function pageQuery(query: URLSearchParams): PageQuery | string {
  const out: PageQuery = {};
  for (const [name, min, max] of [["PageSize", 1, 100], ["Page", 0, Number.MAX_SAFE_INTEGER]] as const) {
    const raw = query.get(name);
    if (raw === null) continue;
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw) || value < min || value > max) return `${name} must be an integer from ${min}${max < 1000 ? ` to ${max}` : " up"}, got ${raw}`;
    out[name] = value;
  }
  const token = query.get("PageToken");
  if (token !== null) out.PageToken = token;
  return out;
}
