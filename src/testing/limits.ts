// Twilio's documented limits on a conversation's participants, as the fake server enforces them:
// counts (conversations-limits page) and the rate of creates (changelog 2020-03-31). The field
// lengths are in the spec, so the generated validators the fake runs already enforce them.
import type { Conversation } from "./store.js";

/** "A Conversation can have up to 1000 Participants, including up to 50 non-chat Participants". */
export const PARTICIPANT_LIMITS = { perConversation: 1000, nonChatPerConversation: 50 } as const;

/** Participant creates, updates and deletes Twilio allows per second for each conversation. */
export const TWILIO_ACTIONS_PER_SECOND = 30;

/** Why one more participant does not fit in `conversation`, or undefined when it does. */
export function overLimit(conversation: Conversation, nonChat: boolean): string | undefined {
  const all = conversation.participants;
  if (all.length >= PARTICIPANT_LIMITS.perConversation) {
    return `Participants limit exceeded: Conversation ${conversation.sid} has ${all.length} participants`;
  }
  // A participant with a messaging address (SMS, WhatsApp) is non-chat; a projected address is a chat one's.
  const nonChatCount = all.filter((p) => p.messaging_binding?.address != null).length;
  if (nonChat && nonChatCount >= PARTICIPANT_LIMITS.nonChatPerConversation) {
    return `Participants limit exceeded: Conversation ${conversation.sid} has ${nonChatCount} non-chat participants`;
  }
  return undefined;
}

/** Counts creates per conversation in a sliding one-second window. */
export class CreateRate {
  private readonly admitted = new Map<string, number[]>();

  constructor(private readonly perSecond: number, private readonly clock: () => number) {}

  /** Whether one more create fits in `conversationSid`'s last second; if it does, it is counted. */
  admit(conversationSid: string): boolean {
    const now = this.clock();
    const recent = (this.admitted.get(conversationSid) ?? []).filter((t) => now - t < 1000);
    const fits = recent.length < this.perSecond;
    if (fits) recent.push(now);
    this.admitted.set(conversationSid, recent);
    return fits;
  }
}
