// Source text of the string formats the spec uses. The same text is evaluated here for Ajv at
// compile time and inlined into generated/validators.ts, so both always agree and nothing is
// `require()`d at run time (Ajv's own format and ucs2length helpers are CommonJS-only).
export const FORMATS_SOURCE = `{
  "date-time": function (s) {
    var m = /^(\\d{4})-(\\d{2})-(\\d{2})[Tt]([01]\\d|2[0-3]):([0-5]\\d):([0-5]\\d|60)(\\.\\d+)?([Zz]|[+-]([01]\\d|2[0-3]):[0-5]\\d)$/.exec(s);
    if (!m) return false;
    var year = +m[1], month = +m[2], day = +m[3];
    var leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    var days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
    return days !== undefined && day >= 1 && day <= days;
  },
  "uri": function (s) {
    return /^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]*$/.test(s);
  }
}`;

/** Counts Unicode code points, as JSON Schema's minLength/maxLength do. */
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

export const formats = new Function(`return ${FORMATS_SOURCE};`)();
