// GENERATED FILE — do not edit by hand.
// Generated from spec/openapi.yaml by `npm run generate` (scripts/generate.mjs).
// Change the spec and run the command again to remake it.
// Each operation's input rules, read from the spec; src/internal/rules.ts checks calls against them.

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

/** The string formats above, as scripts/lib/formats-source.mjs writes them (Ajv checks the same text). */
export const FORMATS = ((): Readonly<Record<NonNullable<FieldRules["format"]>, (s: string) => boolean>> => {
var DATE_TIME = /^\d{4}-\d\d-\d\d[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
var URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/;
return {
  /* RFC 3339, with a real calendar: no 30 February, 29 February in leap years only. */
  "date-time": function (s) {
    if (!DATE_TIME.test(s)) return false;
    var year = (s.charCodeAt(0) - 48) * 1000 + (s.charCodeAt(1) - 48) * 100 + (s.charCodeAt(2) - 48) * 10 + (s.charCodeAt(3) - 48);
    var month = (s.charCodeAt(5) - 48) * 10 + (s.charCodeAt(6) - 48);
    var day = (s.charCodeAt(8) - 48) * 10 + (s.charCodeAt(9) - 48);
    var leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    var days = month === 2 ? (leap ? 29 : 28) : month >= 1 && month <= 12 ? 30 + ((month + (month >> 3)) & 1) : 0;
    return day >= 1 && day <= days;
  },
  "uri": function (s) {
    return URI.test(s);
  }
};
})();

/** Unicode code points in a string, as JSON Schema's lengths count them (from formats-source.mjs too). */
export const ucs2length: (str: string) => number = function ucs2length(str) {
  var length = 0, pos = 0, len = str.length, value;
  while (pos < len) {
    length++;
    value = str.charCodeAt(pos++);
    if (value >= 0xd800 && value <= 0xdbff && pos < len) {
      value = str.charCodeAt(pos);
      if ((value & 0xfc00) === 0xdc00) pos++;
    }
  }
  return length;
};

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
        { name: "MessagingBinding.Address", maxLength: 256 },
        { name: "MessagingBinding.ProxyAddress", maxLength: 256 },
        { name: "MessagingBinding.ProjectedAddress", maxLength: 256 },
        { name: "DateCreated", format: "date-time" },
        { name: "DateUpdated", format: "date-time" },
        { name: "Attributes", maxLength: 4096, contentMediaType: "application/json" },
        { name: "RoleSid", maxLength: 34, minLength: 34, pattern: "^RL[0-9a-fA-F]{32}$", regex: new RegExp("^RL[0-9a-fA-F]{32}$", "u") },
      ],
    },
  ],
};
