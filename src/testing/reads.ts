// The fake server's two reads of the participants resource: one participant by SID or identity,
// and the list in pages with Twilio's envelope (`participants`, `meta`).
import type { Conversation, Participant } from "./store.js";

/** Twilio takes the participant's identity in place of its SID. */
export function findParticipant(conversation: Conversation, sidOrIdentity: string): Participant | undefined {
  return (
    conversation.participants.find((p) => p.sid === sidOrIdentity) ??
    conversation.participants.find((p) => p.identity === sidOrIdentity)
  );
}

/** What the page query asks for, already checked by the spec's validator. */
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
  const at = (n: number, token?: string) =>
    `${listUrl}?PageSize=${size}&Page=${n}${token ? `&PageToken=${token}` : ""}`;
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
