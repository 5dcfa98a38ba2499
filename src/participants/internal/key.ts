// Which participant a create is about, derived in one place: Twilio checks duplicates by identity,
// else by messaging address and proxy address, within one conversation. addParticipant queues
// calls by it, the bulk engine paces by the conversation, the CLI's plan and journal name rows by it.
import type { CreateServiceConversationParticipantInput } from "../../../generated/names.js";
import { TwilioValidationError, type ValidationProblem } from "../../errors/validation-error.js";

type Input = Pick<CreateServiceConversationParticipantInput, "path" | "body">;

/** @internal A chat participant (by identity) or a messaging one (by address and proxy address). */
export type Who = { identity: string } | { address: string; proxy: string | null };

/** @internal `ChatServiceSid/ConversationSid`: the queue and pace a create belongs to. */
export function conversationKey(path: Partial<Input["path"]> | undefined): string {
  return `${path?.ChatServiceSid}/${path?.ConversationSid}`;
}

/**
 * @internal Who a create body (or a participant as Twilio returns it, in the body's field names)
 * names: its identity when it has one, else its binding. Values are read as text.
 */
export function participantOf(body: Record<string, unknown> | undefined): Who {
  const identity = body?.Identity;
  if (identity !== undefined && identity !== null) return { identity: String(identity) };
  const proxy = body?.["MessagingBinding.ProxyAddress"];
  return { address: String(body?.["MessagingBinding.Address"] ?? ""), proxy: proxy == null ? null : String(proxy) };
}

/** @internal One text per participant within a conversation (NUL cannot occur in either field). */
export function whoText(who: Who): string {
  return "identity" in who ? `identity\0${who.identity}` : `binding\0${who.address}\0${who.proxy ?? ""}`;
}

/**
 * @internal The participant a call is about, across conversations: what addParticipant queues
 * calls for the same participant by. Refuses a body that names neither identity nor address.
 */
export function participantKey(input: Input): string {
  const body: Record<string, unknown> | undefined = input?.body;
  if (body?.Identity === undefined && body?.["MessagingBinding.Address"] === undefined) {
    throw new TwilioValidationError([
      requiredUnless("Identity", "MessagingBinding.Address"),
      requiredUnless("MessagingBinding.Address", "Identity"),
    ]);
  }
  return `${conversationKey(input.path)}\0${whoText(participantOf(body))}`;
}

/** One of the two fields a participant is looked up by is required. */
function requiredUnless(field: string, other: string): ValidationProblem {
  const why = "addParticipant looks a participant up by one of them";
  return { in: "body", field, rule: "required", message: `${field} is required unless ${other} is given (${why})` };
}
