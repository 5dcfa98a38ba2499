// The scrubber on its own, exactly: which part of a text each spelling of a credential takes with it
// (the whole escape that spells a character, base64 padding however written, nothing around it), what
// a cut keeps, and how JSON values and errors are scrubbed. secret-spellings.test.ts proves no reading
// of the result holds a credential; this file pins what is left standing around it.
import { describe, expect, it } from "vitest";
import { Scrubber } from "../../src/internal/scrub.js";

const TOKEN = "s3cr3t-t0ken";
const scrubber = new Scrubber([
  ["ACuser01", TOKEN],
  ["proxy", "p&ss<w0rd>="],
  ["", "fjord-p4ss"],
  ["", "pässwörd-9"],
]);
const b64 = (text: string) => Buffer.from(text).toString("base64");

describe("the scrubber: what each spelling takes with it", () => {
  it.each([
    ["plain", `a ${TOKEN} b`, "a [redacted] b"],
    ["percent-encoded, either case", "a %73%33cr3t-t0ken b", "a [redacted] b"],
    ["percent-encoded twice", "a %2573%2533cr3t-t0ken b", "a [redacted] b"],
    ["JSON escapes after a surrogate pair", "\\ud83d\\ude00\\u0073\\u0033cr3t-t0ken!", "\\ud83d\\ude00[redacted]!"],
    ["HTML numeric references, leading zeros, either x", "&#0000115;3cr3t&#x2D;t0ken&#X2d", "[redacted]&#X2d"],
    ["an HTML reference inside &amp;", "x &amp;#115;3cr3t-t0ken", "x [redacted]"],
    ["named references, legacy ones without their ;", "p&amp;ss&lt;w0rd&gt&equals; .", "[redacted] ."],
    ["a named reference that needs its ; lacks it", "p&amp;ss&lt;w0rd&gt&equals .", "p&amp;ss&lt;w0rd&gt&equals ."],
    ["a reference that is two characters", "&fjlig;ord-p4ss", "[redacted]"],
    [
      "a non-ASCII secret as UTF-8, escaped every way",
      "p%C3%A4ssw%c3%b6rd-9 p&#228;ssw&#xF6;rd-9 p\\u00e4ssw\\u00F6rd-9 pässwörd-9",
      "[redacted] [redacted] [redacted] [redacted]",
    ],
    ["one kind of escape read alone, where another would swallow it", "é&#3%37;733cr3t-t0ken", "é[redacted]"],
    ["base64 of user:secret", `Basic ${b64(`ACuser01:${TOKEN}`)}.`, "Basic [redacted]."],
    ["base64url with its padding percent-encoded", "czNjcjN0LXQwa2Vu%3D.", "[redacted]."],
    [
      "base64 padding spelled any way, two at most",
      "ZmpvcmQtcDRzcw%3D&#61; ZmpvcmQtcDRzcw=%3d=",
      "[redacted] [redacted]=",
    ],
    ["base64 of a larger text (offset 1)", b64(`>${TOKEN}<`), "Pn[redacted]jw="],
    ["base64 of a larger text (offset 2)", b64(`=>${TOKEN}<=`), "PT5[redacted]48PQ=="],
    ["touching matches as one, a near miss kept", `${TOKEN}${TOKEN} ${TOKEN.slice(0, -1)}`, "[redacted] s3cr3t-t0ke"],
    ["lone surrogates around it", `\ud800${TOKEN}\udfff`, "\ud800[redacted]\udfff"],
    ["references past U+10FFFF and to U+0000", `&#9999999999;${TOKEN}&#0;`, "&#9999999999;[redacted]&#0;"],
    ["a long text, nested escapes", `${"x".repeat(20_000)}%2573%2533cr3t-t0ken`, `${"x".repeat(20_000)}[redacted]`],
  ])("%s", (_name, text, scrubbed) => {
    expect(scrubber.text(text)).toBe(scrubbed);
  });

  it("leaves secrets shorter than 8 characters alone, but not user:secret when that is long enough", () => {
    expect(new Scrubber([["AC", "short"]]).text("short AC:short")).toBe("short [redacted]");
  });

  it("takes a secret of any length, spelled with escapes too", () => {
    const long = `k${"0123456789abcdef".repeat(1250)}`;
    expect(new Scrubber([["", long]]).text(`x ${long.slice(0, -1)}%66 y`)).toBe("x [redacted] y");
  });
});

describe("the scrubber: a cut", () => {
  it.each([
    ["the start of a secret", "hello s3c", "hello "],
    ["an unfinished percent escape", "hello %7", "hello "],
    ["an unfinished reference", "hello &#11", "hello "],
    ["nothing that starts a form", "hello world", "hello world"],
  ])("drops %s at a cut end, and only at one", (_name, text, kept) => {
    expect(scrubber.cut(text, 100, true)).toBe(kept);
    expect(scrubber.cut(text, 100)).toBe(text);
  });

  it("scrubs before it cuts, so a cut through a credential keeps none of it", () => {
    expect(scrubber.cut(`abc ${TOKEN} def`, 8)).toBe("abc [red");
    expect(scrubber.cut(b64(TOKEN), 10)).toBe("[redacted]");
  });
});

describe("the scrubber: an escape before a credential that swallows its first characters", () => {
  // Decoded greedily, `%a` + `AUTH…` reads as the byte 0xAA then `UTH…`, so no whole reading holds the
  // token when another of its characters is escaped; yet every character of it is spelled in the text.
  const SID = "AC5ec12e75ec12e75ec12e75ec12e75ec1";
  const AUTH = "AUTHTOKEN-c0ffee-d0n0tl3ak-7a11";
  const overlapped = new Scrubber([
    [SID, AUTH],
    ["ACuser01", "short"],
    ["", TOKEN],
    ["", "n3v3r-pr1nt-me"],
    ["", ";semi-secret"],
    ["", "9lives-secret"],
  ]);

  it.each([
    ["a percent escape ending in its first (hex) character", "%aAUTHTOKEN-c0ffee-d0n0tl3ak-7%6111.", "%a[redacted]."],
    ["a percent escape taking its first two", "%ACuser01:shor%74.", "%[redacted]."],
    ["an HTML hex reference without ;", "&#x4AUTHTOKEN-c0ffee-d0n0tl3ak-7&#x61;11.", "&#x4[redacted]."],
    ["an HTML hex reference with no digit yet", "&#xAUTHTOKEN-c0ffee-d0n0tl3ak-7&#97;11.", "&#x[redacted]."],
    ["an HTML decimal reference without ;", "&#19lives-secre&#116;.", "&#1[redacted]."],
    ["a JSON escape", "\\n3v3r-pr1nt-m\\u0065.", "\\[redacted]."],
    ["a named reference taking a ; that starts it", "&lt;semi-secre&#116;.", "&lt[redacted]."],
    ["a percent escape before its base64", `%a${b64(TOKEN).slice(0, -1)}%75.`, "%a[redacted]."],
    ["a percent escape one layer down", "%25a%41UTHTOKEN-c0ffee-d0n0tl3ak-7%256111.", "%25a[redacted]."],
    // One character spelled deeper than the rest: the raw text reads it only through an escape of an
    // escape, and the layer that decodes that outer escape has the one before the credential swallow it.
    ["a percent escape, a character two escapes deep", "%aAUTHTOKEN-c0ffee-d0n0tl3ak-7%256111.", "%a[redacted]."],
    ["a percent escape, a character three deep", "%aAUTHTOKEN-c0ffee-d0n0tl3ak-7%25256111.", "%a[redacted]."],
    ["a character three deep, kinds mixed", "%aAUTHTOKEN-c0ffee-d0n0tl3ak-7%26#x25;6111.", "%a[redacted]."],
    ["an HTML hex reference, then HTML over HTML", "&#x4AUTHTOKEN-c0ffee-d0n0tl3ak-7&#38;#x61;11.", "&#x4[redacted]."],
    [
      "an HTML reference with no digit, then HTML over percent",
      "&#xAUTHTOKEN-c0ffee-d0n0tl3ak-7&#x25;6111.",
      "&#x[redacted].",
    ],
    ["an HTML decimal reference, then HTML over JSON", "&#19lives-secre&#92;u0074.", "&#1[redacted]."],
    ["a JSON escape, then JSON over JSON", "\\n3v3r-pr1nt-m\\u005cu0065.", "\\[redacted]."],
    ["a named reference, then HTML over HTML", "&lt;semi-secre&amp;#116;.", "&lt[redacted]."],
    ["user:secret, a character two deep", "%ACuser01:shor%2574.", "%[redacted]."],
    ["its base64, a character two deep", `%a${b64(TOKEN).slice(0, -1)}%2575.`, "%a[redacted]."],
  ])("%s", (_name, text, scrubbed) => {
    expect(overlapped.text(text)).toBe(scrubbed);
    expect(overlapped.cut(text, 100, true)).toBe(scrubbed);
  });

  it.each([
    ["the token", "%aAUTHT%4f", "%a"],
    ["user:secret", "%ACuser01%3as", "%"],
    ["base64", `%a${b64(TOKEN).slice(0, 8)}%4c`, "%a"],
    ["a JSON escape", "\\n3v3r\\u002d", "\\"],
    ["the token, a character two deep", "%aAUTHT%254f", "%a"],
    ["the token, cut inside a character two deep", "%aAUTHTOKEN-c0ffee-d0n0tl3ak-7%256", "%a"],
    ["the token, cut inside a character three deep", "&#x4AUTHT&#x25;254", "&#x4"],
    ["the token, cut after an escape of an escape of %", "%aAUTHT%2525", "%a"],
    ["the token, a character three deep", "&#x4AUTHT&#x25;254f", "&#x4"],
    ["user:secret, a character two deep", "%ACuser01%253as", "%"],
    ["base64, a character two deep", `%a${b64(TOKEN).slice(0, 8)}%254c`, "%a"],
  ])("a cut end drops the start of %s behind such an escape", (_name, text, kept) => {
    expect(overlapped.cut(text, 100, true)).toBe(kept);
  });
});

describe("the scrubber: values and errors", () => {
  it("scrubs every string of a JSON value, keys too", () => {
    const value = { [TOKEN]: ["%73%33cr3t-t0ken", 1, null, { k: "fjord-p4ss" }] };
    expect(scrubber.deep(value)).toEqual({ "[redacted]": ["[redacted]", 1, null, { k: "[redacted]" }] });
  });

  it("scrubs an error in place: its message, its cause's bytes and arrays, a read-only property", () => {
    const cause = { raw: new TextEncoder().encode(`got ${b64(TOKEN)}`), list: ["%73%33cr3t-t0ken"] };
    const error = new Error(`bad ${TOKEN}`, { cause });
    Object.defineProperty(error, "locked", { value: TOKEN, writable: false, configurable: true, enumerable: true });
    Object.defineProperty(error, "frozen", { value: TOKEN, writable: false, configurable: false });
    expect(scrubber.error(error)).toBe(error);
    expect(error.message).toBe("bad [redacted]");
    expect(new TextDecoder().decode(cause.raw)).toBe("got [redacted]");
    expect(cause.list).toEqual(["[redacted]"]);
    expect(Object.getOwnPropertyDescriptor(error, "locked")).toMatchObject({ value: "[redacted]", writable: false });
  });
});
