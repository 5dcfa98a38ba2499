// Source text of the formats the validators check, and of the code-point count JSON Schema's
// lengths need. The same text is evaluated here for Ajv at compile time and inlined into
// generated/validators.ts (which src/internal/rules.ts checks calls with) and generated/schema-validators.ts,
// so every checker agrees and nothing is `require()`d at run time (Ajv's own format and
// ucs2length helpers are CommonJS-only). Only the formats a spec uses are inlined.
//
// The set is OpenAPI's format registry plus the JSON Schema formats Twilio's description uses:
// `date-time`, `date`, `uri`, `email`, `uuid`, `byte` (base64) and the ranges `int32`/`int64` are
// checked; `float`, `double`, `binary` and `password` say nothing a value could break (ajv-formats
// makes them always valid too). Any other format is an annotation: see `annotationFormats`.
import { fullFormats } from "ajv-formats/dist/formats.js";

/** The calendar check both date formats share: `s` starts `YYYY-MM-DD`. */
const CALENDAR = `var year = (s.charCodeAt(0) - 48) * 1000 + (s.charCodeAt(1) - 48) * 100 + (s.charCodeAt(2) - 48) * 10 + (s.charCodeAt(3) - 48);
    var month = (s.charCodeAt(5) - 48) * 10 + (s.charCodeAt(6) - 48);
    var day = (s.charCodeAt(8) - 48) * 10 + (s.charCodeAt(9) - 48);
    var leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    var days = month === 2 ? (leap ? 29 : 28) : month >= 1 && month <= 12 ? 30 + ((month + (month >> 3)) & 1) : 0;
    return day >= 1 && day <= days;`;

/** A string format checked by one regex, held in `variable`. */
function byRegex(name, variable, regex, comment = "") {
  return {
    type: "string",
    vars: [`var ${variable} = ${regex};`],
    source: `${comment}"${name}": function (s) {\n    return ${variable}.test(s);\n  }`,
  };
}

/**
 * Each checked format: the values it applies to (Ajv's format `type`), the regexes it needs (made
 * once, not per call) and its function's source. The regexes of `email` and `uuid` are ajv-formats'.
 */
const CHECKED = {
  "date-time": {
    type: "string",
    vars: [
      "var DATE_TIME = /^\\d{4}-\\d\\d-\\d\\d[Tt]([01]\\d|2[0-3]):[0-5]\\d:([0-5]\\d|60)(\\.\\d+)?([Zz]|[+-]([01]\\d|2[0-3]):[0-5]\\d)$/;",
    ],
    source: `/* RFC 3339, with a real calendar: no 30 February, 29 February in leap years only. */
  "date-time": function (s) {
    if (!DATE_TIME.test(s)) return false;
    ${CALENDAR}
  }`,
  },
  date: {
    type: "string",
    vars: ["var DATE = /^\\d{4}-\\d\\d-\\d\\d$/;"],
    source: `/* RFC 3339 full-date, with the same calendar. */
  "date": function (s) {
    if (!DATE.test(s)) return false;
    ${CALENDAR}
  }`,
  },
  uri: byRegex("uri", "URI", "/^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]*$/"),
  email: byRegex("email", "EMAIL", fullFormats.email),
  uuid: byRegex("uuid", "UUID", fullFormats.uuid),
  byte: byRegex(
    "byte",
    "BASE64",
    "/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/",
    "/* RFC 4648 base64, padded. */\n  ",
  ),
  int32: {
    type: "number",
    vars: [],
    source: `"int32": { type: "number", validate: function (n) {
    return Number.isInteger(n) && n >= -2147483648 && n <= 2147483647;
  } }`,
  },
  int64: {
    type: "number",
    vars: [],
    // Every integer a JavaScript number holds exactly is within int64 (as ajv-formats has it).
    source: `"int64": { type: "number", validate: function (n) {
    return Number.isInteger(n);
  } }`,
  },
};

/** Registry formats a value cannot break: Ajv accepts them without a check. */
const ALWAYS_VALID = ["float", "double", "binary", "password"];

/** Every format the generator knows (checked or always valid); any other is an annotation. */
export const KNOWN_FORMATS = new Set([...Object.keys(CHECKED), ...ALWAYS_VALID]);

/** The instance type a format applies to (`string` or `number`), or undefined for the always-valid ones. */
export const formatType = (name) => CHECKED[name]?.type;

/** Whether the generator checks (or knowingly accepts) `format` on a schema of JSON type `type`. */
export function formatApplies(name, types) {
  if (ALWAYS_VALID.includes(name)) return true;
  const type = formatType(name);
  if (type === undefined) return false;
  return types.some((t) => t === type || (type === "number" && t === "integer"));
}

/** A function body returning the checked formats in `names` (all by default); its regexes are made once. */
export function formatsBody(names = Object.keys(CHECKED)) {
  const used = Object.keys(CHECKED).filter((name) => names.includes(name));
  return `${[...new Set(used.flatMap((n) => CHECKED[n].vars))].join("\n")}
return {
  ${used.map((n) => CHECKED[n].source).join(",\n  ")}
};`;
}

/** The checked formats in `names` as an expression (JavaScript). */
export const formatsSource = (names) => `(function () {\n${formatsBody(names)}\n})()`;

/** Counts Unicode code points (a lone surrogate counts as one), as JSON Schema's minLength/maxLength do. */
export const UCS2LENGTH_SOURCE = `function ucs2length(str) {
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
}`;

/** Each checked format as Ajv takes it: a string format's function, a number format's `{ type, validate }`. */
export const formats = new Function(formatsBody())();

/** Registers every known format with `ajv`: the checked ones by the source above, the others as always valid. */
export function addFormats(ajv) {
  for (const [name, check] of Object.entries(formats)) ajv.addFormat(name, check);
  for (const name of ALWAYS_VALID) ajv.addFormat(name, true);
}
