// Before the first create: read every conversation the rows will touch (Twilio's Fetch a
// Conversation) and list its participants, so wrong credentials, unknown conversations and a
// conversation the rows would take past Twilio's participant limits refuse the run with zero
// creates. The same reads make the dry run's plan: per conversation, how many rows would be added
// and how many are already there.
import { TwilioApiError } from "../errors/api-error.js";
import type { ConversationsClient } from "../client.js";
import { conversationKey, participantOf, whoText } from "../participants/internal/key.js";
import type { InDoubt } from "./resume.js";
import type { Row } from "./rows.js";

/** Twilio's limits on one conversation's participants (its conversations-limits page). */
export const LIMITS = { participants: 1000, nonChat: 50 } as const;
/** Conversations read at once. */
const READS_AT_ONCE = 8;

/** What the rows want of one conversation. */
interface Wanted {
  service: string;
  conversation: string;
  rows: number;
  /**
   * Each participant the rows name (an identity, or an address with its proxy) as a 53-bit hash, so
   * a million rows cost numbers, not strings; chat and non-chat apart.
   */
  chat: Set<number>;
  nonChat: Set<number>;
}

export interface ConversationPlan {
  conversation: string;
  rows: number;
  /** Participants the rows name that are not there yet. */
  toAdd: number;
  /** Participants the rows name that are already there. */
  existing: number;
  /** Participants in the conversation now, and after the run. */
  participants: number;
  participantsAfter: number;
  nonChatAfter: number;
  /** Why the run is refused for this conversation (a limit), if it is. */
  refused?: string;
}

export interface Plan {
  conversations: ConversationPlan[];
  /** Conversations Twilio does not know (404). */
  unknown: string[];
  toAdd: number;
  existing: number;
}

/** Twilio refused the credentials while reading a conversation: nothing was sent. */
export class CredentialsRefused extends Error {
  override name = "CredentialsRefused" as const;
}

/** The conversations the valid rows touch, collected by the check pass. */
export class Wants {
  private readonly byConversation = new Map<string, Wanted>();

  add(row: Row): void {
    const { ChatServiceSid: service, ConversationSid: conversation } = row.item.path;
    const key = conversationKey(row.item.path);
    let wanted = this.byConversation.get(key);
    if (!wanted)
      this.byConversation.set(key, (wanted = { service, conversation, rows: 0, chat: new Set(), nonChat: new Set() }));
    wanted.rows++;
    const body = (row.item.body ?? {}) as Record<string, unknown>;
    const address = body["MessagingBinding.Address"];
    const who = whoKey(body);
    (address !== undefined && body.Identity === undefined ? wanted.nonChat : wanted.chat).add(who);
  }

  get size(): number {
    return this.byConversation.size;
  }

  /**
   * Reads each conversation and its participants; throws CredentialsRefused on a 401/403. Each
   * participant listed is shown to `inDoubt`, which keeps those its rows name.
   */
  async plan(client: ConversationsClient, inDoubt?: InDoubt): Promise<Plan> {
    const plan: Plan = { conversations: [], unknown: [], toAdd: 0, existing: 0 };
    const queue = [...this.byConversation.values()];
    const worker = async () => {
      for (let wanted = queue.shift(); wanted; wanted = queue.shift()) {
        const read = await readOne(client, wanted, inDoubt);
        if (read === "unknown") plan.unknown.push(wanted.conversation);
        else plan.conversations.push(read);
      }
    };
    await Promise.all(Array.from({ length: Math.min(READS_AT_ONCE, queue.length) }, worker));
    this.byConversation.clear(); // read once: a real run's rows no longer need to be held
    plan.conversations.sort((a, b) => a.conversation.localeCompare(b.conversation));
    plan.unknown.sort();
    for (const c of plan.conversations) {
      plan.toAdd += c.toAdd;
      plan.existing += c.existing;
    }
    return plan;
  }
}

async function readOne(
  client: ConversationsClient,
  wanted: Wanted,
  inDoubt: InDoubt | undefined,
): Promise<ConversationPlan | "unknown"> {
  const path = { ChatServiceSid: wanted.service, ConversationSid: wanted.conversation };
  try {
    await client.fetchServiceConversation({ path });
    const there = new Set<number>();
    let participants = 0,
      nonChat = 0;
    for await (const p of client.listServiceConversationParticipant({ path, query: { PageSize: 100 } })) {
      participants++;
      inDoubt?.seen(path, p);
      const address = p.messaging_binding?.address ?? undefined;
      if (address != null) nonChat++;
      const proxy = p.messaging_binding?.proxy_address;
      there.add(
        whoKey({ Identity: p.identity, "MessagingBinding.Address": address, "MessagingBinding.ProxyAddress": proxy }),
      );
    }
    inDoubt?.listed(path);
    let existing = 0,
      toAdd = 0,
      nonChatToAdd = 0;
    for (const who of wanted.chat) there.has(who) ? existing++ : toAdd++;
    for (const who of wanted.nonChat) there.has(who) ? existing++ : (toAdd++, nonChatToAdd++);
    const plan: ConversationPlan = {
      conversation: wanted.conversation,
      rows: wanted.rows,
      toAdd,
      existing,
      participants,
      participantsAfter: participants + toAdd,
      nonChatAfter: nonChat + nonChatToAdd,
    };
    if (plan.participantsAfter > LIMITS.participants)
      plan.refused = `${plan.participantsAfter} participants, past Twilio's limit of ${LIMITS.participants} per conversation`;
    else if (plan.nonChatAfter > LIMITS.nonChat)
      plan.refused = `${plan.nonChatAfter} non-chat (SMS/WhatsApp) participants, past Twilio's limit of ${LIMITS.nonChat} per conversation`;
    return plan;
  } catch (error) {
    if (error instanceof TwilioApiError && error.status === 404) return "unknown";
    if (error instanceof TwilioApiError && (error.status === 401 || error.status === 403)) {
      const code = error.code === undefined ? "" : ` / Twilio code ${error.code}`;
      throw new CredentialsRefused(
        `Twilio refused the credentials (HTTP ${error.status}${code}): check TWILIO_ACCOUNT_SID and ` +
          `TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET); nothing was sent`,
      );
    }
    throw error;
  }
}

/**
 * One participant, as the rows and the list name it (an identity, or an address and its proxy), as
 * a 53-bit hash (two FNV-1a): among a conversation's at most 1,000 participants and a file's rows
 * for it, a collision (a row counted as already there) has odds of about 1 in 10^10.
 */
function whoKey(body: Record<string, unknown>): number {
  const text = whoText(participantOf(body));
  let a = 0x811c9dc5,
    b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193 + 0x2f) >>> 0;
  }
  return a * 0x200000 + (b & 0x1fffff);
}

/** The plan as lines for a person; `refusal` when the run must not start. */
export function describePlan(plan: Plan): { lines: string[]; refusal: string | undefined } {
  const lines = plan.conversations.map(
    (c) =>
      `  ${c.conversation}: ${c.rows} rows, ${c.toAdd} to add, ${c.existing} already there ` +
      `(${c.participants} → ${c.participantsAfter} participants)${c.refused ? `: REFUSED, ${c.refused}` : ""}`,
  );
  for (const sid of plan.unknown) lines.push(`  ${sid}: not found in this service (404 / 20404)`);
  const refused = plan.conversations.filter((c) => c.refused);
  const problems = [
    plan.unknown.length
      ? `${plan.unknown.length} conversation${plan.unknown.length === 1 ? "" : "s"} not found: ${plan.unknown.join(", ")}`
      : "",
    refused.length
      ? `over Twilio's participant limits: ${refused.map((c) => `${c.conversation} (${c.refused})`).join("; ")}`
      : "",
  ].filter(Boolean);
  return { lines, refusal: problems.length ? problems.join("; ") : undefined };
}
