// A small printer for the TypeScript the generator writes: plain data as literals (keys quoted only
// when they must be), expressions passed through as they are, and JSDoc blocks from spec prose.

/** An expression printed as written (an identifier, a call), not as a string. */
export class Raw {
  constructor(code) {
    this.code = code;
  }
}
export const raw = (code) => new Raw(code);

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const MAX_LINE = 120;

/** `head` and `tail` on one line when they fit in 120 characters, else `tail` on the next, indented. */
export const fit = (head, tail, indent = "") =>
  indent.length + head.length + 1 + tail.length <= MAX_LINE
    ? `${indent}${head} ${tail}`
    : `${indent}${head}\n${indent}  ${tail}`;

/** `Identity` stays bare; `MessagingBinding.Address` and `X-Twilio-Webhook-Enabled` are quoted. */
export const propertyKey = (name) => (IDENTIFIER.test(name) ? name : JSON.stringify(name));

/** A value as a TypeScript literal, one property or item per line, indented from `indent`. */
export function literal(value, indent = "") {
  if (value instanceof Raw) return value.code;
  if (value === null || typeof value !== "object") {
    if (value === undefined || typeof value === "function" || typeof value === "symbol")
      throw new Error(`cannot print ${String(value)}`);
    return JSON.stringify(value);
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return value.length ? `[\n${value.map((v) => `${inner}${literal(v, inner)},\n`).join("")}${indent}]` : "[]";
  }
  const entries = Object.entries(value);
  if (!entries.length) return "{}";
  return `{\n${entries.map(([k, v]) => `${inner}${propertyKey(k)}: ${literal(v, inner)},\n`).join("")}${indent}}`;
}

/** A JSDoc block of `paragraphs` (blank ones dropped), each line prefixed, with no early `*\/`. */
export function jsDoc(paragraphs, indent = "") {
  const lines = paragraphs
    .filter((p) => p !== undefined && p !== null && String(p).trim() !== "")
    .flatMap((p, i) => [...(i ? [""] : []), ...String(p).trim().split("\n")])
    .map((line) => line.replaceAll("*/", "*\\/").trimEnd());
  if (!lines.length) return "";
  if (lines.length === 1 && indent.length + lines[0].length + 7 <= MAX_LINE) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? ` ${l}` : ""}`).join("\n")}\n${indent} */\n`;
}
