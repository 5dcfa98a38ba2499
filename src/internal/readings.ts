// The readings of a text: its UTF-8 bytes, then its escapes decoded layer by layer (percent escapes
// in either case, JSON string escapes, HTML character references; all at once, and each kind alone
// where kinds mix), each byte keeping the span of the original text it came from. scrub.ts searches
// every reading for the credentials and redacts the spans it finds.

/** Layers of escapes read: `%253D` is two, `\u0026amp;#61;` three. */
export const MAX_LAYERS = 4;

/** @internal Text as bytes (one char per byte, 0–255), each with the span `[from, to)` of the original it came from. */
export interface Layer {
  text: string;
  /** Absent: unit `i` is character `i` of the original. */
  from?: Int32Array | undefined;
  to?: Int32Array | undefined;
}

/** @internal An escape the text ends in the middle of (or that more characters could still change). */
export const PARTIAL_ESCAPE =
  /(?:%[0-9a-fA-F]?|\\(?:u[0-9a-fA-F]{0,3})?|&(?:#(?:[xX][0-9a-fA-F]*|[0-9]*)|[a-zA-Z][a-zA-Z0-9]*)?)$/;

/** Escape kinds, as bits: a reading decodes all of them at once, or one alone. */
const PERCENT = 1;
const JSON_ESCAPE = 2;
const HTML = 4;
const ALL_KINDS = PERCENT | JSON_ESCAPE | HTML;
const KIND: Record<string, number> = { "%": PERCENT, "\\": JSON_ESCAPE, "&": HTML };

/**
 * Readings of one text at most (each a pass over a copy of it): the all-at-once chain comes first,
 * so a text long enough to be no Twilio message (a hostile server's) gets that and little more.
 */
const maxReadings = (length: number) => (length > 16_384 ? MAX_LAYERS + 1 : 64);

/**
 * Every reading of `first`, each given to `visit` (which returns what to decode further): decoded up
 * to MAX_LAYERS deep, every kind of escape at once and, where a layer held more than one kind, each
 * kind alone too, since one kind can swallow the start of another (`%aA&#85;` is `%aAU` read as HTML
 * alone, but a percent escape `%aA` then `U` read all at once).
 */
export function eachReading(first: Layer, visit: (layer: Layer) => Layer): void {
  const seen = new Set<string>();
  // Each entry a reading still to make: `kinds` of `from`'s escapes decoded (none: `from` itself).
  // `found` is the kinds `from` holds, known once its all-at-once reading (always made first) is.
  type Entry = { from: Layer; kinds: number; depth: number; found: { kinds: number } };
  const queue: Entry[] = [{ from: first, kinds: 0, depth: 0, found: { kinds: 0 } }];
  const most = maxReadings(first.text.length);
  for (let next = queue.shift(); next && seen.size < most; next = queue.shift()) {
    const { from, kinds, depth, found } = next;
    // A kind alone is a reading of its own only if `from` holds it and another kind too.
    if (kinds !== 0 && kinds !== ALL_KINDS && ((found.kinds & kinds) === 0 || found.kinds === kinds)) continue;
    const decoded = kinds === 0 ? { layer: from, used: 0 } : decode(from, kinds);
    if (kinds === ALL_KINDS) found.kinds = decoded?.used ?? 0;
    if (!decoded || seen.has(decoded.layer.text)) continue;
    seen.add(decoded.layer.text);
    const further = visit(decoded.layer);
    if (depth === MAX_LAYERS) continue;
    const holds = { kinds: 0 };
    queue.unshift({ from: further, kinds: ALL_KINDS, depth: depth + 1, found: holds });
    for (const kind of [PERCENT, JSON_ESCAPE, HTML])
      queue.push({ from: further, kinds: kind, depth: depth + 1, found: holds });
  }
}

/** The original span of unit `i` of a layer. */
export const fromOf = (layer: Layer, i: number) => (layer.from ? layer.from[i]! : i);
export const toOf = (layer: Layer, i: number) => (layer.to ? layer.to[i]! : i + 1);

/** `text` as UTF-8 bytes, each spanning the character it belongs to (a lone surrogate reads as U+FFFD). */
export function toBytes(text: string): Layer {
  if (ASCII.test(text)) return { text }; // the common case: each byte is its own character
  const from = new Int32Array(text.length * 3);
  const to = new Int32Array(text.length * 3);
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const units = utf8(cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp);
    parts.push(String.fromCharCode(...units));
    for (let k = 0; k < units.length; k++, n++) {
      from[n] = i;
      to[n] = i + width;
    }
    i += width;
  }
  return { text: parts.join(""), from: from.subarray(0, n), to: to.subarray(0, n) };
}

const ASCII = /^[\x00-\x7f]*$/;

function utf8(cp: number): number[] {
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 63)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
  return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
}

/** The units of `layer` before `end`. */
export function slice(layer: Layer, end: number): Layer {
  return {
    text: layer.text.slice(0, end),
    from: layer.from?.subarray(0, end),
    to: layer.to?.subarray(0, end),
  };
}

/** JSON's one-character escapes. */
const JSON_ESCAPES: Record<string, number> = { '"': 0x22, "\\": 0x5c, "/": 0x2f, b: 8, f: 12, n: 10, r: 13, t: 9 };

/**
 * HTML's named character references that stand for ASCII characters (HTML Living Standard, 13.5),
 * the only ones a credential sent in a header can need; `fjlig` is two.
 */
const HTML_NAMED: Readonly<Record<string, string>> = {
  Tab: "\t",
  NewLine: "\n",
  excl: "!",
  quot: '"',
  QUOT: '"',
  num: "#",
  dollar: "$",
  percnt: "%",
  amp: "&",
  AMP: "&",
  apos: "'",
  lpar: "(",
  rpar: ")",
  ast: "*",
  midast: "*",
  plus: "+",
  comma: ",",
  period: ".",
  sol: "/",
  colon: ":",
  semi: ";",
  lt: "<",
  LT: "<",
  equals: "=",
  gt: ">",
  GT: ">",
  quest: "?",
  commat: "@",
  lsqb: "[",
  lbrack: "[",
  bsol: "\\",
  rsqb: "]",
  rbrack: "]",
  Hat: "^",
  lowbar: "_",
  UnderBar: "_",
  grave: "`",
  DiacriticalGrave: "`",
  lcub: "{",
  lbrace: "{",
  verbar: "|",
  vert: "|",
  VerticalLine: "|",
  rcub: "}",
  rbrace: "}",
  fjlig: "fj",
};

/** References HTML still reads without their `;`. */
const HTML_LEGACY = /^(?:amp|AMP|lt|LT|gt|GT|quot|QUOT)$/;

/**
 * One layer of escapes of `kinds` decoded (percent, JSON string, HTML references), with the kinds it
 * held, or undefined if it has none.
 * An escape never stands for more bytes than it has characters, so the layer never grows.
 */
function decode(layer: Layer, kinds: number): { layer: Layer; used: number } | undefined {
  const { text } = layer;
  let used = 0;
  let i = nextEscapeStart(text, 0);
  if (i < 0) return undefined;
  const from = new Int32Array(text.length);
  const to = new Int32Array(text.length);
  const parts: string[] = [];
  let n = 0;
  let copied = 0;
  const copy = (end: number) => {
    parts.push(text.slice(copied, end));
    if (layer.from && layer.to) {
      from.set(layer.from.subarray(copied, end), n);
      to.set(layer.to.subarray(copied, end), n);
      n += end - copied;
    } else {
      for (let k = copied; k < end; k++, n++) {
        from[n] = k;
        to[n] = k + 1;
      }
    }
  };
  for (; i >= 0; i = nextEscapeStart(text, i)) {
    const kind = KIND[text[i]!]!;
    const escape = kinds & kind ? readEscape(text, i) : undefined;
    if (!escape) {
      i++;
      continue;
    }
    used |= kind;
    const [units, length] = escape;
    copy(i);
    parts.push(units.length === 1 ? String.fromCharCode(units[0]!) : String.fromCharCode(...units));
    const start = fromOf(layer, i);
    const end = toOf(layer, i + length - 1);
    for (let k = 0; k < units.length; k++, n++) {
      from[n] = start;
      to[n] = end;
    }
    i = copied = i + length;
  }
  if (n === 0) return undefined;
  copy(text.length);
  return { layer: { text: parts.join(""), from: from.subarray(0, n), to: to.subarray(0, n) }, used };
}

/** The next `%`, `\` or `&` from `at`, or -1. */
function nextEscapeStart(text: string, at: number): number {
  for (let k = at; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x25 || c === 0x5c || c === 0x26) return k;
  }
  return -1;
}

/** The escape at `i`: the bytes it stands for (a percent escape, one; others, a character's UTF-8) and its length. */
function readEscape(text: string, i: number): [number[], number] | undefined {
  const c = text[i];
  if (c === "%") {
    const byte = hexAt(text, i + 1, 2);
    return byte < 0 ? undefined : [[byte], 3];
  }
  if (c === "\\") {
    const next = text[i + 1];
    if (next === undefined) return undefined;
    if (Object.hasOwn(JSON_ESCAPES, next)) return [[JSON_ESCAPES[next]!], 2];
    if (next !== "u") return undefined;
    const unit = hex4(text, i + 2);
    if (unit === undefined) return undefined;
    if (unit >= 0xd800 && unit <= 0xdbff && text.startsWith("\\u", i + 6)) {
      const low = hex4(text, i + 8);
      if (low !== undefined && low >= 0xdc00 && low <= 0xdfff)
        return [utf8(0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00)), 12];
    }
    return [utf8(unit >= 0xd800 && unit <= 0xdfff ? 0xfffd : unit), 6];
  }
  if (c === "&") return text[i + 1] === "#" ? numericReference(text, i) : namedReference(text, i);
  return undefined;
}

/** `&#61;`, `&#x3d;`, `&#X3D`: any number of digits (past U+10FFFF, U+FFFD), `;` optional, as HTML reads them. */
function numericReference(text: string, i: number): [number[], number] | undefined {
  const hex = text[i + 2] === "x" || text[i + 2] === "X";
  const first = i + (hex ? 3 : 2);
  let end = first;
  while (end < text.length && !Number.isNaN(parseInt(text[end]!, hex ? 16 : 10))) end++;
  if (end === first) return undefined;
  const digits = text.slice(first, end).replace(/^0+(?=.)/, "");
  const cp = digits.length > 8 ? Number.POSITIVE_INFINITY : parseInt(digits, hex ? 16 : 10);
  const valid = cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
  return [utf8(valid ? cp : 0xfffd), end - i + (text[end] === ";" ? 1 : 0)];
}

/** `&equals;` and the others of HTML_NAMED (`&amp` and a few more without their `;`). */
function namedReference(text: string, i: number): [number[], number] | undefined {
  let end = i + 1;
  while (end < text.length && end - i <= 32 && /[a-zA-Z0-9]/.test(text[end]!)) end++;
  const name = text.slice(i + 1, end);
  const semicolon = text[end] === ";";
  if (!Object.hasOwn(HTML_NAMED, name) || !(semicolon || HTML_LEGACY.test(name))) return undefined;
  return [[...HTML_NAMED[name]!].map((ch) => ch.charCodeAt(0)), end - i + (semicolon ? 1 : 0)];
}

function hex4(text: string, at: number): number | undefined {
  const unit = hexAt(text, at, 4);
  return unit < 0 ? undefined : unit;
}

/** The value of the `count` hex digits at `at`, or -1 if they are not all there. */
function hexAt(text: string, at: number, count: number): number {
  if (at + count > text.length) return -1;
  let value = 0;
  for (let k = at; k < at + count; k++) {
    const digit = parseInt(text[k]!, 16);
    if (Number.isNaN(digit)) return -1;
    value = value * 16 + digit;
  }
  return value;
}
