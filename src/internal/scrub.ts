// Removes the client's own credentials from any text a server or proxy sent back, however it is
// spelled, before that text goes into an error or a log. Every reading of the text (readings.ts: its
// bytes with percent, JSON and HTML escapes decoded, each byte keeping its original span) is searched
// for each credential as bytes and as base64 (base64url's -/_ read as +/, at any alignment, padding
// optional and spelled any way), each character as itself or as one escape of that reading (nested
// ones too: `%2561` is `a`), and each span found is replaced in the original text.
import { eachReading, escapesOf, fromOf, PARTIAL_ESCAPE, slice, toBytes, toOf, utf8, type Layer } from "./readings.js";

/** Secrets this short would mangle ordinary text and are no real credential. */
const MIN_SCRUBBED = 8;

const REDACTED = "[redacted]";

/** How far past a cut the text is scrubbed, so a credential across the cut is redacted, not dropped. */
const CUT_MARGIN = 1024;

/** @internal A user (may be empty) and the secret that goes with it. */
export type Credential = readonly [user: string, secret: string];

/**
 * @internal One client's credentials and every form they are looked for in: the secret, `user:secret`
 * (as UTF-8 bytes), and their base64 at each of the three alignments a larger base64 text can give.
 */
export class Scrubber {
  readonly #plain: string[];
  readonly #base64: string[];

  constructor(credentials: readonly Credential[]) {
    const plain = new Set<string>();
    for (const [user, secret] of credentials) {
      for (const form of [secret, user && `${user}:${secret}`]) if (form.length >= MIN_SCRUBBED) plain.add(utf8(form));
    }
    this.#plain = [...plain];
    this.#base64 = [...new Set(this.#plain.flatMap(base64Forms))];
  }

  /** `text` with every credential form in it replaced by `[redacted]`. */
  text(text: string): string {
    if (this.#plain.length === 0 || text === "") return text;
    const spans: [number, number][] = [];
    eachReading(toBytes(text), (layer) => {
      this.#spelled(layer, false, (from, to) => spans.push([from, to]));
      return layer;
    });
    return redact(text, spans);
  }

  /**
   * `text` scrubbed, then cut to at most `maxLength` characters. A cut end that could be the start of
   * a credential in any form (cut here, or by the transport's byte cap: `cutBefore`) is dropped too.
   */
  cut(text: string, maxLength: number, cutBefore = false): string {
    const window = text.length > maxLength + CUT_MARGIN ? text.slice(0, maxLength + CUT_MARGIN) : text;
    const scrubbed = this.text(window);
    const kept = scrubbed.length > maxLength ? scrubbed.slice(0, maxLength) : scrubbed;
    const cut = window !== text || kept !== scrubbed;
    return cut || cutBefore ? kept.slice(0, this.#safeEnd(kept)) : kept;
  }

  /** Every string in a JSON value, keys too, scrubbed. */
  deep(value: unknown): unknown {
    if (typeof value === "string") return this.text(value);
    if (Array.isArray(value)) return value.map((v) => this.deep(v));
    if (typeof value !== "object" || value === null) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [this.text(k), this.deep(v)]));
  }

  /**
   * Scrubs, in place, every string and byte array reachable from a transport error: its own
   * properties (`message`, `stack`, a parser's raw bytes), its `cause` chain, an AggregateError's
   * `errors`, and plain objects and arrays among them. Returns `error`.
   */
  error<T>(error: T): T {
    if (this.#plain.length > 0) this.#walk(error, new Set(), 0);
    return error;
  }

  #walk(value: unknown, seen: Set<object>, depth: number): void {
    if (typeof value !== "object" || value === null || seen.has(value) || depth > 8) return;
    const proto = Object.getPrototypeOf(value);
    if (!(value instanceof Error || Array.isArray(value) || proto === Object.prototype || proto === null)) return;
    seen.add(value);
    for (const [key, found] of Object.entries(Object.getOwnPropertyDescriptors(value))) {
      if (!("value" in found)) continue;
      const v: unknown = found.value;
      let scrubbed: unknown = v;
      if (typeof v === "string") scrubbed = this.text(v);
      else if (v instanceof Uint8Array) {
        const text = new TextDecoder().decode(v);
        const clean = this.text(text);
        if (clean !== text) scrubbed = new TextEncoder().encode(clean);
      } else this.#walk(v, seen, depth + 1);
      if (scrubbed === v) continue;
      try {
        Object.defineProperty(value, key, { ...found, value: scrubbed });
      } catch {
        // A frozen property cannot be replaced; removing it is the next best thing.
        Reflect.deleteProperty(value, key);
      }
    }
  }

  /**
   * Where `kept` (already scrubbed) must end so that no start of a credential form survives: before
   * an escape the cut left unfinished, at any layer, and before any end that begins a form, however
   * its characters are spelled.
   */
  #safeEnd(kept: string): number {
    let end = kept.length;
    eachReading(toBytes(kept), (layer) => {
      const { text } = layer;
      // An escape the text ends inside of, or inside a nested reading of its last one (`%25` + `6`).
      let last: [number, (readonly [number, string])[]] = [0, [[0, ""]]];
      for (last of escapesOf(layer));
      const [to, units] = last[1].at(-1)!;
      const cutAt = Math.min(
        PARTIAL_ESCAPE.exec(text)?.index ?? text.length,
        PARTIAL_ESCAPE.exec(units + text.slice(to))?.index === 0 ? last[0] : text.length,
      );
      const whole = cutAt < text.length ? slice(layer, cutAt) : layer;
      if (whole !== layer) end = Math.min(end, fromOf(layer, cutAt));
      this.#spelled(whole, true, (from) => (end = Math.min(end, from)));
      return whole;
    });
    return end;
  }

  /**
   * Gives `found` the original span of each credential form spelled in `layer`: each character of
   * the form as itself or as one escape of the layer that stands for it (or whose nested reading
   * does: `%25` + `61`), the base64 forms' `-_` read as `+/` and their padding taken along. Nothing
   * before a form hides it: `%a` + `AUTH…` holds one though reading `%aA` as one escape takes its
   * `A`, nor `%a` + `AUTH…7%2561` though only the raw text, where `7%2561` is two escapes deep, has
   * it. With `atEnd`, only the forms the layer ends in the middle of.
   */
  #spelled(layer: Layer, atEnd: boolean, found: (from: number, to: number) => void): void {
    const escapes = escapesOf(layer);
    // b64: 1 for the base64 forms.
    [this.#plain, this.#base64].forEach((forms, b64) => {
      const read = (units: string) => (b64 ? standardBase64(units) : units);
      const text = read(layer.text);
      // Where `form`, from its character j on, spelled from unit `at` ends (-1: it is not). A loop, not
      // a call per character, so a credential of any length is taken.
      const end = (form: string, at: number, j: number): number => {
        for (;;) {
          if (atEnd ? at === text.length : j === form.length) return at;
          if (at === text.length || j === form.length) return -1;
          // The unit as itself, then each escape there (nested ones deeper) that spells form[j…]: where
          // more than one fits (a secret's `%` against the text's `%25`), each but the last is tried first.
          let to = text[at] === form[j] ? at + 1 : -1;
          let taken = 1;
          for (const [next, units] of escapes.get(at) ?? []) {
            if (!form.startsWith(read(units), j)) continue;
            const whole = to < 0 ? -1 : end(form, to, j + taken);
            if (whole >= 0) return whole;
            to = next;
            taken = units.length;
          }
          if (to < 0) return -1;
          at = to;
          j += taken;
        }
      };
      const from = (form: string, at: number) => {
        let to = end(form, at, 0);
        if (b64) for (const _ of "==") to = Math.max(to, end("=", to, 0)); // padding, however spelled
        if (to >= 0) found(fromOf(layer, at), toOf(layer, to - 1));
      };
      for (const form of forms)
        for (let at = text.indexOf(form[0]!); at >= 0; at = text.indexOf(form[0]!, at + 1)) from(form, at);
      for (const [at, spellings] of escapes)
        for (const [, units] of spellings) {
          const first = read(units)[0];
          for (const form of forms) if (form[0] === first) from(form, at);
        }
    });
  }
}

/** base64url's alphabet read as base64's, so one search finds both. */
function standardBase64(text: string): string {
  return text.replaceAll("-", "+").replaceAll("_", "/");
}

/**
 * The base64 of `plain` (bytes) without padding, and the part of it that is the same wherever
 * `plain` sits in a larger base64 text: at offset 0, 1 or 2 bytes modulo 3, the characters that
 * encode only its bytes.
 */
function base64Forms(plain: string): string[] {
  const forms = [btoa(plain).replace(/=+$/, "")];
  for (const offset of [0, 1, 2]) {
    const whole = Math.floor(((offset + plain.length) * 8) / 6);
    forms.push(btoa("\0".repeat(offset) + plain).slice([0, 2, 3][offset], whole));
  }
  return forms.filter((form) => form.length >= MIN_SCRUBBED);
}

/** `text` with each run of characters in `spans` (overlapping or touching) replaced. */
function redact(text: string, spans: [number, number][]): string {
  if (spans.length === 0) return text;
  const hidden = new Uint8Array(text.length);
  for (const [from, to] of spans) hidden.fill(1, from, to);
  let out = "";
  for (let i = 0; i < text.length; i++) {
    if (!hidden[i]) out += text[i];
    else if (!hidden[i - 1]) out += REDACTED;
  }
  return out;
}

/** @internal UTF-8 text as base64 (btoa alone takes only Latin-1). */
export function base64(text: string): string {
  return btoa(utf8(text));
}
