// GENERATED FILE — do not edit by hand.
// Generated from spec/openapi.yaml by `npm run generate` (scripts/generate.mjs).
// Change the spec and run the command again to remake it.
// Each operation's input rules, read from the spec; src/rules.ts checks calls against them.

/** The rules of one field, a string: only the keywords the spec gives it. */
export interface FieldRules {
  readonly name: string;
  readonly enum?: readonly (string | number | boolean | null)[];
  /** Lengths count Unicode code points, as JSON Schema does. */
  readonly maxLength?: number;
  readonly minLength?: number;
  /** The pattern as the spec writes it, and compiled once in Unicode mode (JSON Schema's regexes). */
  readonly pattern?: string;
  readonly regex?: RegExp;
  readonly format?: "date-time" | "uri";
  /** The string must parse as JSON. */
  readonly contentMediaType?: "application/json";
}

/** One input group: its fields, the required ones, and whether unknown fields pass (`open`). */
export interface GroupRules {
  readonly name: "path" | "header" | "query" | "body";
  readonly required: readonly string[];
  readonly fields: readonly FieldRules[];
  readonly open?: true;
}

/** An operation's whole input: its groups, and which of them must be given. */
export interface InputRules {
  readonly required: readonly string[];
  readonly groups: readonly GroupRules[];
}

export const createServiceConversationParticipantInputRules: InputRules = {
  required: ["path"],
  groups: [
    {
      name: "path",
      required: ["ChatServiceSid", "ConversationSid"],
      fields: [
        { name: "ChatServiceSid", maxLength: 34, minLength: 34, pattern: "^IS[0-9a-fA-F]{32}$", regex: new RegExp("^IS[0-9a-fA-F]{32}$", "u") },
        { name: "ConversationSid", minLength: 1, pattern: "^(?!\\.{1,2}$)[\\s\\S]+$", regex: new RegExp("^(?!\\.{1,2}$)[\\s\\S]+$", "u") },
      ],
    },
    {
      name: "header",
      required: [],
      fields: [
        { name: "X-Twilio-Webhook-Enabled", enum: ["true", "false"] },
      ],
    },
    {
      name: "query",
      required: [],
      fields: [],
    },
    {
      name: "body",
      required: [],
      fields: [
        { name: "Identity", maxLength: 256 },
        { name: "MessagingBinding.Address" },
        { name: "MessagingBinding.ProxyAddress" },
        { name: "MessagingBinding.ProjectedAddress" },
        { name: "DateCreated", format: "date-time" },
        { name: "DateUpdated", format: "date-time" },
        { name: "Attributes", contentMediaType: "application/json" },
        { name: "RoleSid", maxLength: 34, minLength: 34, pattern: "^RL[0-9a-fA-F]{32}$", regex: new RegExp("^RL[0-9a-fA-F]{32}$", "u") },
      ],
    },
  ],
};
