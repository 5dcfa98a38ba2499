// Strict application/x-www-form-urlencoded decoding for the fake server: malformed escapes and
// repeated keys are errors (Twilio would reject them), not silently fixed.

export type FormResult = { ok: true; fields: Record<string, string> } | { ok: false; reason: string };

export function decodeForm(raw: string): FormResult {
  const fields: Record<string, string> = Object.create(null);
  if (raw === "") return { ok: true, fields };
  for (const pair of raw.split("&")) {
    const eq = pair.indexOf("=");
    const [rawKey, rawValue] = eq < 0 ? [pair, ""] : [pair.slice(0, eq), pair.slice(eq + 1)];
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, " "));
      value = decodeURIComponent(rawValue.replace(/\+/g, " "));
    } catch {
      return { ok: false, reason: `malformed percent-encoding in ${JSON.stringify(pair.slice(0, 64))}` };
    }
    if (key in fields) return { ok: false, reason: `${key} is given more than once` };
    fields[key] = value;
  }
  return { ok: true, fields: { ...fields } };
}
