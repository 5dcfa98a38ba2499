// Every spelling of a credential the client promises to scrub (README, "Hostile input and secrets"),
// and, written independently of src/internal/scrub.ts, a reader that undoes each of them: a test
// looks for the credential in every reading of every string an error or a log holds.
import { inspect } from "node:util";

const code = (c: string) => c.charCodeAt(0);
const hex = (n: number, width: number, upper: boolean) => {
  const digits = n.toString(16).padStart(width, "0");
  return upper ? digits.toUpperCase() : digits;
};
const each = (text: string, spell: (c: string) => string) => [...text].map(spell).join("");
const b64 = (text: string) => Buffer.from(text).toString("base64");

/** Each way `secret` can come back, by name: escaped, entity-encoded, nested, base64 in any dress. */
export function spellings(secret: string): [string, string][] {
  const padded = b64(secret);
  const bare = padded.replace(/=+$/, "");
  const pad = padded.slice(bare.length);
  const url = Buffer.from(secret).toString("base64url");
  return [
    ["plain", secret],
    ["percent-encoded, upper case", each(secret, (c) => `%${hex(code(c), 2, true)}`)],
    ["percent-encoded, lower case", each(secret, (c) => `%${hex(code(c), 2, false)}`)],
    ["encodeURIComponent", encodeURIComponent(secret)],
    ["percent-encoded twice", each(secret, (c) => `%25${hex(code(c), 2, false)}`)],
    ["JSON \\u escapes, lower case", each(secret, (c) => `\\u${hex(code(c), 4, false)}`)],
    ["JSON \\u escapes, upper case", each(secret, (c) => `\\u${hex(code(c), 4, true)}`)],
    ["JSON escapes with \\/", JSON.stringify(`${secret}/`).slice(1, -1).replaceAll("/", "\\/")],
    ["percent-encoded inside a JSON string", each(secret, (c) => `\\u0025${hex(code(c), 2, true)}`)],
    ["HTML decimal references", each(secret, (c) => `&#${code(c)};`)],
    ["HTML hex references, lower case", each(secret, (c) => `&#x${hex(code(c), 2, false)};`)],
    ["HTML hex references, upper case", each(secret, (c) => `&#X${hex(code(c), 2, true)};`)],
    ["HTML references inside &amp;", each(secret, (c) => `&amp;#${code(c)};`)],
    [
      "HTML named references",
      secret.replaceAll(":", "&colon;").replaceAll("-", "&#45;").replaceAll("=", "&equals;").replaceAll("/", "&sol;"),
    ],
    ["base64", padded],
    ["base64 without padding", bare],
    ["base64, padding %3D", bare + pad.replaceAll("=", "%3D")],
    ["base64, padding %3d", bare + pad.replaceAll("=", "%3d")],
    ["base64, padding \\u003d", bare + pad.replaceAll("=", "\\u003d")],
    ["base64, padding \\u003D", bare + pad.replaceAll("=", "\\u003D")],
    ["base64, padding &#61;", bare + pad.replaceAll("=", "&#61;")],
    ["base64, padding &#x3d;", bare + pad.replaceAll("=", "&#x3d;")],
    ["base64, padding &#X3D;", bare + pad.replaceAll("=", "&#X3D;")],
    ["base64, padding &equals;", bare + pad.replaceAll("=", "&equals;")],
    ["base64url", url],
    ["base64url with padding", url + pad],
    ["base64, percent-encoded", encodeURIComponent(padded)],
    ["base64, JSON-escaped", each(padded, (c) => `\\u${hex(code(c), 4, false)}`)],
    ["base64 of a larger text (offset 1)", b64(`>${secret}<`)],
    ["base64 of a larger text (offset 2)", b64(`=>${secret}<=`)],
  ];
}

const HTML_NAMES: Record<string, string> = {
  amp: "&",
  colon: ":",
  equals: "=",
  sol: "/",
  plus: "+",
  lowbar: "_",
  quot: '"',
  lt: "<",
  gt: ">",
  percnt: "%",
};

const percent = (t: string) => t.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
const json = (t: string) =>
  t.replace(/\\u([0-9a-fA-F]{4})|\\([\\/"bfnrt])/g, (_, u?: string, c?: string) =>
    u ? String.fromCharCode(parseInt(u, 16)) : c === "/" || c === "\\" || c === '"' ? c : " ",
  );
/** A numeric reference's character; past U+10FFFF, U+FFFD, as HTML reads it (fromCodePoint would throw). */
const char = (code: number) => (code <= 0x10ffff ? String.fromCodePoint(code) : "\ufffd");
const html = (t: string) =>
  t.replace(/&#(\d+);?|&#[xX]([0-9a-fA-F]+);?|&([a-zA-Z]+);/g, (all, d?: string, h?: string, name?: string) =>
    d ? char(Number(d)) : h ? char(parseInt(h, 16)) : (HTML_NAMES[name!] ?? all),
  );

/**
 * `text` read every way: each order of percent, JSON and HTML decoding up to four deep, and every run
 * of base64 (either alphabet, padded or not) in each of those decoded at each of its four offsets.
 */
export function readings(text: string): string[] {
  const views = new Set([text]);
  let frontier = [text];
  for (let depth = 0; depth < 4; depth++) {
    const next: string[] = [];
    for (const view of frontier) {
      for (const decode of [percent, json, html]) {
        const decoded = decode(view);
        if (!views.has(decoded)) {
          views.add(decoded);
          next.push(decoded);
        }
      }
    }
    frontier = next;
  }
  const out = [...views];
  for (const view of views) {
    for (const run of view.match(/[A-Za-z0-9+/_-]{8,}/g) ?? []) {
      for (let k = 0; k < 4; k++) out.push(Buffer.from(run.slice(k), "base64").toString("latin1"));
    }
  }
  return out;
}

/** The names of the readings of `text` that hold `secret` (empty when none does). */
export function leaks(text: string, secret: string): boolean {
  return readings(text).some((reading) => reading.includes(secret));
}

/**
 * Every string reachable from `value`: own properties (enumerable or not), the `cause` chain,
 * arrays, plain objects, and Buffers (read as UTF-8 and Latin-1); plus the value printed every way.
 */
export function stringsIn(value: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<unknown>();
  const walk = (v: unknown, depth: number) => {
    if (typeof v === "string") return void out.push(v);
    if (typeof v !== "object" || v === null || seen.has(v) || depth > 12) return;
    seen.add(v);
    if (v instanceof Uint8Array)
      return void out.push(Buffer.from(v).toString("utf8"), Buffer.from(v).toString("latin1"));
    for (const key of Object.getOwnPropertyNames(v)) {
      out.push(key);
      const d = Object.getOwnPropertyDescriptor(v, key);
      if (d && "value" in d) walk(d.value, depth + 1);
      else if (d?.get) walk(Reflect.get(v, key), depth + 1);
    }
  };
  walk(value, 0);
  out.push(String(value), inspect(value, { depth: 20, showHidden: true, maxStringLength: Infinity }));
  try {
    out.push(JSON.stringify(value) ?? "");
  } catch {
    // circular: the walk above has every string anyway
  }
  return out;
}

/** The strings among `texts` in which some reading holds `secret`, for a failure message. */
export function leaking(texts: string[], secret: string): string[] {
  return texts.filter((text) => leaks(text, secret)).map((text) => text.slice(0, 300));
}
