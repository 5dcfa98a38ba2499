// The readings of a text: its UTF-8 bytes, then its escapes decoded layer by layer (percent escapes
// in either case, JSON string escapes, HTML character references; all at once, and each kind alone
// where kinds mix), each byte keeping the span of the original text it came from. scrub.ts searches
// every reading for the credentials and redacts the spans it finds.

/** Layers of escapes read: `%253D` is two, `\u0026amp;#61;` three. */
export const MAX_LAYERS = 4;

/**
 * @internal Text as bytes (one char per byte, 0–255), each with the span `[from, to)` of the original
 * it came from.
 */
export interface Layer {
  text: string;
  /** Absent: unit `i` is character `i` of the original. */
  from?: number[] | undefined;
  to?: number[] | undefined;
  /** Its escapes (escapesOf), once found. */
  escapes?: Escapes;
}

/**
 * @internal A text's escapes (those that stand for bytes), each by the index it starts at: its end and
 * its bytes, then each nested reading of it (nest).
 */
export type Escapes = Map<number, (readonly [end: number, bytes: string])[]>;

/** @internal An escape the text ends in the middle of (or that more characters could still change). */
export const PARTIAL_ESCAPE =
  /(?:%[0-9a-fA-F]?|\\(?:u[0-9a-fA-F]{0,3})?|&(?:#(?:[xX][0-9a-fA-F]*|[0-9]*)|[a-zA-Z][a-zA-Z0-9]*)?)$/;

/** Escape kinds, each named by the character that starts it: a reading decodes all at once, or one alone. */
const ALL_KINDS = "%\\&";

/**
 * What follows the character that starts an escape of each kind: a percent escape; a JSON string
 * escape (a surrogate pair as one); an HTML numeric reference (any number of digits, `;` optional, as
 * HTML reads them) or named one. Past its first character no escape holds one that starts another, so
 * matching every kind while decoding only some takes nothing from the others.
 */
const TAIL: Readonly<Record<string, RegExp>> = {
  "%": /[0-9a-fA-F]{2}/y,
  "\\": /["\\/bfnrt]|u(?:[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|[0-9a-fA-F]{4})/y,
  "&": /(?:#(?:[xX][0-9a-fA-F]+|[0-9]+)|[a-zA-Z0-9]+);?/y,
};

/** One escape of any kind. Built in a pure-annotated call, so a bundle that never scrubs drops it. */
const ESCAPE = /* @__PURE__ */ (() =>
  new RegExp(
    Object.entries(TAIL)
      .map(([start, tail]) => `\\${start}(?:${tail.source})`)
      .join("|"),
    "g",
  ))();

/**
 * Every reading of `first`, each given to `visit` (which returns what to decode further): decoded up
 * to MAX_LAYERS deep, every kind of escape at once and, where a layer held more than one kind, each
 * kind alone too, since one kind can swallow the start of another (`&#3%37;` is `&#37;` read as percent
 * alone, but a reference `&#3` then `7;` read all at once).
 */
export function eachReading(first: Layer, visit: (layer: Layer) => Layer): void {
  const seen = new Set<string>();
  // Readings of one text at most (each a pass over a copy of it): the all-at-once chain comes first,
  // so a text long enough to be no Twilio message (a hostile server's) gets that and little more.
  const most = first.text.length > 16_384 ? MAX_LAYERS + 1 : 64;
  // Readings still to make, each followed by its all-at-once chain: `kinds` of `from`'s escapes decoded (none: `from`).
  const queue = [{ from: first, kinds: "", depth: 0 }];
  for (let next = queue.shift(); next && seen.size < most; next = queue.shift()) {
    let layer = next.kinds === "" ? next.from : decode(next.from, next.kinds);
    for (let depth = next.depth; layer && !seen.has(layer.text) && seen.size < most; depth++) {
      seen.add(layer.text);
      const further = visit(layer);
      if (depth === MAX_LAYERS) break;
      for (const kind of ALL_KINDS) queue.push({ from: further, kinds: kind, depth: depth + 1 });
      layer = decode(further);
    }
  }
}

/** The original span of unit `i` of a layer. */
export const fromOf = (layer: Layer, i: number) => (layer.from ? layer.from[i]! : i);
export const toOf = (layer: Layer, i: number) => (layer.to ? layer.to[i]! : i + 1);

/** `text` as UTF-8 bytes, each spanning the character it belongs to (a lone surrogate reads as U+FFFD). */
export const toBytes = (text: string): Layer => rewrite({ text }, matches(text, NON_ASCII, utf8)) ?? { text };

/** @internal The escapes of `layer` as a reading of it finds them, left to right (found once a layer). */
export const escapesOf = (layer: Layer): Escapes =>
  (layer.escapes ??= nest(layer.text, matches(layer.text, ESCAPE, bytesOf)));

/**
 * Each escape of `found` given its nested readings, up to MAX_LAYERS escapes deep: one that stands for
 * a character that starts an escape starts one with the characters after it (`%25` + `61` reads `%61`,
 * so `a`), though decoding the whole text at once may give those characters to an escape before it.
 * Each escape is read forward once and at most MAX_LAYERS - 1 more tails, so this stays linear.
 */
function nest(text: string, found: Escapes): Escapes {
  for (const spellings of found.values()) {
    for (let [end, units] = spellings[0]!, tail; spellings.length < MAX_LAYERS && (tail = TAIL[units]);) {
      tail.lastIndex = end; // sticky, and read at once: no state outlives this call
      const rest = tail.exec(text)?.[0];
      units = (rest && bytesOf(units + rest)) || "";
      if (!units) break;
      spellings.push([(end += rest!.length), units]);
    }
  }
  return found;
}

const NON_ASCII = /[^\0-\x7f]/gu;

const ENCODER = /* @__PURE__ */ new TextEncoder();

/** `text` as UTF-8, one char per byte (a lone surrogate as U+FFFD). */
export const utf8 = (text: string) =>
  ASCII.test(text) ? text : ENCODER.encode(text).reduce((bytes, byte) => bytes + String.fromCharCode(byte), "");

const ASCII = /^[\0-\x7f]*$/;

/** The units of `layer` before `end` (its spans as they are: none past `end` is read). */
export const slice = (layer: Layer, end: number): Layer => ({
  ...layer,
  text: layer.text.slice(0, end),
  escapes: undefined,
});

/** Each match of `pattern` (which has no groups) in `text` that `read` gives units for (undefined: none). */
function matches(text: string, pattern: RegExp, read: (match: string) => string | undefined): Escapes {
  const found: Escapes = new Map();
  // replace, not matchAll: no copy of `pattern` for each text.
  text.replace(pattern, (match: string, index: number) => {
    const units = read(match);
    if (units !== undefined) found.set(index, [[index + match.length, units]]);
    return "";
  });
  return found;
}

/**
 * `layer` with each of `found` (in order, none overlapping) that starts with one of `kinds` (all:
 * undefined) replaced by its units, each unit spanning the original of what it replaced; undefined
 * if none is, or if `kinds` are all it holds.
 */
function rewrite(layer: Layer, found: Escapes, kinds?: string): Layer | undefined {
  const { text } = layer;
  // Only escapes of `kinds` (or none): read alone, they give the all-at-once reading, made already.
  if (kinds && [...found.keys()].every((at) => kinds.includes(text[at]!))) return undefined;
  const parts: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let done = 0;
  const keep = (end: number) => {
    parts.push(text.slice(done, end));
    for (; done < end; done++) (from.push(fromOf(layer, done)), to.push(toOf(layer, done)));
  };
  for (const [at, [escape]] of found) {
    if (kinds?.includes(text[at]!) === false) continue;
    const [end, units] = escape!;
    keep(at);
    parts.push(units);
    for (const _ of units) (from.push(fromOf(layer, at)), to.push(toOf(layer, end - 1)));
    done = end;
  }
  if (done === 0) return undefined;
  keep(text.length);
  return { text: parts.join(""), from, to };
}

/** One layer of escapes decoded (of `kinds` alone, if given), or undefined if that reads nothing new. */
const decode = (layer: Layer, kinds?: string) => rewrite(layer, escapesOf(layer), kinds);

/**
 * The bytes an escape stands for (a percent escape, one; others, a character's UTF-8), or undefined
 * for a name HTML does not know (or knows only with its `;`). An escape never stands for more bytes
 * than it has characters, so a layer never grows.
 */
function bytesOf(escape: string): string | undefined {
  if (escape[0] === "%") return String.fromCharCode(parseInt(escape.slice(1), 16));
  if (escape[0] === "\\") return utf8(JSON.parse(`"${escape}"`) as string);
  if (escape[1] === "#") {
    const hex = escape[2] === "x" || escape[2] === "X";
    const cp = parseInt(escape.slice(hex ? 3 : 2), hex ? 16 : 10);
    // As HTML reads them: U+0000 and anything past U+10FFFF are U+FFFD (a surrogate is, as UTF-8).
    return utf8(cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : "\ufffd");
  }
  const name = escape.slice(1).replace(/;$/, "");
  const known = Object.hasOwn(HTML_NAMED, name) && (escape.endsWith(";") || HTML_LEGACY.test(name));
  return known ? HTML_NAMED[name] : undefined;
}

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

/** References HTML still reads without their `;` (those of HTML_NAMED: all lower or all upper case). */
const HTML_LEGACY = /^(?:amp|lt|gt|quot)$/i;
