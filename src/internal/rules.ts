// Checks a call's input against its operation's rule table (generated/validators.ts): the findings,
// and their order, of the JSON Schema the table is read from (test/client/validator-parity.test.ts
// holds this to Ajv), without shipping a validator library. A valid input allocates nothing beyond
// what JSON.parse builds for a JSON field.
import { FORMATS, ucs2length, type FieldRules, type GroupRules, type InputRules } from "../../generated/validators.js";
import type { ValidationProblem } from "../errors/validation-error.js";

type Found = ValidationProblem[] | undefined;
type Fields = Record<string, unknown>;
type Format = NonNullable<FieldRules["format"]>;

/** @internal Every rule `input` breaks, worded, in Ajv's order; `undefined` when it breaks none. */
export function check(rules: InputRules, input: unknown): Found {
  if (!isObject(input)) return [{ in: "input", field: "input", rule: "type", message: "input must be of type object" }];
  const found = object(input, "input", rules.required, rules.groups, undefined, undefined);
  return found && found.length > 1 ? found.sort((a, b) => rank(rules, a) - rank(rules, b)) : found;
}

/**
 * `required`, then each key for...in yields: unknown (`additionalProperties`) or checked. Driven by
 * the keys given, not by the table, so absent fields cost nothing; unlike Ajv's code, a field hidden
 * as a non-enumerable property is not seen (prepare.ts copies only own enumerable keys anyway).
 */
function object(value: Fields, where: string, required: readonly string[], known: readonly (GroupRules | FieldRules)[], open: true | undefined, found: Found): Found {
  for (let i = 0; i < required.length; i++) {
    const name = required[i]!;
    if (value[name] === undefined) found = add(found, where, name, "required", `${name} is required`);
  }
  for (const key in value) {
    let i = 0;
    while (i < known.length && known[i]!.name !== key) i++;
    if (i === known.length) {
      if (!open) found = add(found, where, key, "additionalProperties", `${key} is not a ${where === "input" ? "known input" : `${where} field of this operation`}`);
      continue;
    }
    const field = value[key];
    if (field === undefined) continue;
    if (where === "input") {
      const group = known[i] as GroupRules;
      found = isObject(field) ? object(field, key, group.required, group.fields, group.open, found) : add(found, key, key, "type", `${key} must be of type object`);
    } else {
      found = typeof field === "string" ? string(known[i] as FieldRules, field, where, found) : notString(known[i] as FieldRules, field, where, found);
    }
  }
  return found;
}

/** Ajv's order: the input's own findings; then by group: required, unknown, then by field. */
function rank(rules: InputRules, problem: ValidationProblem): number {
  const g = rules.groups.findIndex((group) => group.name === problem.in);
  if (g < 0) return -1;
  const field = rules.groups[g]!.fields.findIndex((f) => f.name === problem.field);
  return g * 1e4 + (problem.rule === "required" ? 0 : problem.rule === "additionalProperties" ? 1 : 2 + field);
}

function string(rule: FieldRules, value: string, where: string, found: Found): Found {
  // The generator writes a field's keywords in the order Ajv checks them, and for...in keeps it;
  // `rule[keyword]` read inside it is fast whatever shape the (sparse) rule object has.
  for (const keyword in rule) {
    if (breaks(keyword, rule[keyword as keyof FieldRules], value)) found = add(found, where, rule.name, keyword === "regex" ? "pattern" : keyword, describe(rule, keyword));
  }
  return found;
}

function breaks(keyword: string, param: unknown, value: string): boolean {
  switch (keyword) {
    case "enum": return (param as unknown[]).indexOf(value) < 0;
    // A code point is one or two UTF-16 units: count them only when `length` cannot tell.
    case "maxLength": return value.length > (param as number) && ucs2length(value) > (param as number);
    case "minLength": return value.length < 2 * (param as number) && ucs2length(value) < (param as number);
    case "regex": return !(param as RegExp).test(value);
    case "format": return !FORMATS[param as Format](value);
    case "contentMediaType": return !isJson(value);
    default: return false; // name, pattern (`regex` checks it)
  }
}

/** Ajv reports the type before `enum`, unless the field has string-only rules: then after it. */
function notString(rule: FieldRules, value: unknown, where: string, found: Found): Found {
  let late = false;
  for (const keyword in rule) late ||= keyword !== "name" && keyword !== "enum";
  if (!late) found = add(found, where, rule.name, "type", describe(rule, "type"));
  if (rule.enum !== undefined && rule.enum.indexOf(value as string) < 0) found = add(found, where, rule.name, "enum", describe(rule, "enum"));
  return late ? add(found, where, rule.name, "type", describe(rule, "type")) : found;
}

function describe(rule: FieldRules, keyword: string): string {
  const name = rule.name;
  switch (keyword) {
    case "type": return `${name} must be of type string`;
    case "enum": return `${name} must be one of ${rule.enum!.map((v) => JSON.stringify(v)).join(", ")}`;
    case "maxLength": return `${name} must be at most ${rule.maxLength} characters`;
    case "minLength": return `${name} must be at least ${rule.minLength} characters`;
    case "regex": return `${name} must match the pattern ${rule.pattern}`;
    case "format": return `${name} must be a valid ${rule.format}${rule.format === "date-time" ? " (RFC 3339, e.g. 2023-05-04T09:42:00.123Z) or a Date" : ""}`;
    default: return `${name} must be a string of valid JSON`;
  }
}

function add(found: Found, where: string, field: string, rule: string, message: string): ValidationProblem[] {
  const problem = { in: where, field, rule, message };
  if (found === undefined) return [problem];
  found.push(problem);
  return found;
}

const isObject = (value: unknown): value is Fields => typeof value === "object" && value !== null && !Array.isArray(value);

function isJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}
