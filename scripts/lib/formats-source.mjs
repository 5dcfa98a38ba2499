// Source text of the string formats the spec uses and of the code-point count JSON Schema's
// lengths need. The same text is evaluated here for Ajv at compile time and inlined into
// generated/validators.ts (which src/internal/rules.ts checks calls with) and generated/schema-validators.ts,
// so every checker agrees and nothing is `require()`d at run time (Ajv's own format and
// ucs2length helpers are CommonJS-only).

/** A function body returning { "date-time", uri }; its regexes are made once, not per call. */
export const FORMATS_BODY = `var DATE_TIME = /^\\d{4}-\\d\\d-\\d\\d[Tt]([01]\\d|2[0-3]):[0-5]\\d:([0-5]\\d|60)(\\.\\d+)?([Zz]|[+-]([01]\\d|2[0-3]):[0-5]\\d)$/;
var URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]*$/;
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
};`;

/** The formats as an expression (JavaScript). */
export const FORMATS_SOURCE = `(function () {\n${FORMATS_BODY}\n})()`;

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

export const formats = new Function(FORMATS_BODY)();
