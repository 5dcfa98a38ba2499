// The fake server's state: which services and conversations exist, and the participants added.
import type { components } from "../../generated/openapi.js";

export type Participant = components["schemas"]["ServiceConversationParticipant"];

export interface Conversation {
  sid: string;
  uniqueName: string | undefined;
  participants: Participant[];
  /** When it was added, in Twilio's date format. */
  dateCreated: string;
}

const hex32 = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");

/** A new SID with Twilio's shape: two-letter prefix and 32 hex digits. */
export const newSid = (prefix: string) => `${prefix}${hex32()}`;

export class Store {
  readonly services = new Map<string, Map<string, Conversation>>();

  addService(sid = newSid("IS")): string {
    if (!this.services.has(sid)) this.services.set(sid, new Map());
    return sid;
  }

  addConversation(serviceSid: string, options: { sid?: string; uniqueName?: string } = {}): Conversation {
    const conversations = this.services.get(serviceSid);
    if (!conversations) throw new Error(`no service ${serviceSid}; add it first`);
    const conversation: Conversation = {
      sid: options.sid ?? newSid("CH"),
      uniqueName: options.uniqueName,
      participants: [],
      dateCreated: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    };
    conversations.set(conversation.sid, conversation);
    return conversation;
  }

  /** By SID or unique name, as Twilio resolves the path value. */
  findConversation(serviceSid: string, sidOrName: string): Conversation | undefined {
    const conversations = this.services.get(serviceSid);
    if (!conversations) return undefined;
    return conversations.get(sidOrName) ?? [...conversations.values()].find((c) => c.uniqueName === sidOrName);
  }

  /** Deletes a conversation (by SID or unique name); false when there was none. */
  removeConversation(serviceSid: string, sidOrName: string): boolean {
    const found = this.findConversation(serviceSid, sidOrName);
    return found !== undefined && this.services.get(serviceSid)!.delete(found.sid);
  }

  /** Every conversation of every service. */
  conversations(): Conversation[] {
    return [...this.services.values()].flatMap((cs) => [...cs.values()]);
  }

  /** Every participant, in creation order, across services and conversations. */
  allParticipants(): Participant[] {
    return [...this.services.values()].flatMap((cs) => [...cs.values()].flatMap((c) => c.participants));
  }
}
