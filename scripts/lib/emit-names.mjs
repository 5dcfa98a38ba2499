// generated/names.ts: the names a user imports, owned by the spec. Per operation its input, body
// (when it has one), result and, for a paged list, item type; each component schema's type under its
// own name (with a `Body` suffix when the package already exports that name, such as the
// TwilioError class); and `ClientMethods`, one method per operation with the spec's summary and
// description as its JSDoc. src/ re-exports them and names no operation itself.
import { generatedHeader } from "./header.mjs";
import { operationEntries } from "./emit-operations.mjs";
import { fit, jsDoc, propertyKey } from "./ts-print.mjs";
import { typeName } from "./ts-names.mjs";

/** What this module itself refers to: no generated name may shadow it. */
const OWN = [
  "components",
  "paths",
  "OperationTable",
  "BodyOf",
  "InputOf",
  "ItemOf",
  "PagePromise",
  "ResultOf",
  "Promise",
  "ClientMethods",
];

/**
 * @param {Set<string>} taken the names the package's entry exports itself (runtime-exports.mjs)
 */
export function emitNames(doc, resolve, specName, typesModule, taken) {
  const used = new Set([...taken, ...OWN]);
  const claim = (name, what) => {
    if (used.has(name)) throw new Error(`${what} would be exported as ${name}, a name the package already uses`);
    used.add(name);
    return name;
  };

  const operations = operationEntries(doc, resolve).map(({ key, summary, description, entry }) => {
    const id = typeName(entry.operationId);
    const of = (plumbing) => `${plumbing}<paths, OperationTable[${JSON.stringify(key)}]>`;
    const list = entry.list !== null;
    const names = {
      input: claim(`${id}Input`, `${id}'s input`),
      body: entry.requestContentType ? claim(`${id}Body`, `${id}'s body`) : undefined,
      result: claim(`${id}Result`, `${id}'s result`),
      item: list ? claim(`${id}Item`, `${id}'s list item`) : undefined,
    };
    const alias = (doc, name, plumbing) => `${jsDoc([doc])}${fit(`export type ${name} =`, `${of(plumbing)};`)}`;
    const types = [
      alias(`The argument of \`${key}\`: path, header, query and body, and per-call options.`, names.input, "InputOf"),
      names.body && alias(`The form body of \`${key}\` (date-time fields also take a \`Date\`).`, names.body, "BodyOf"),
      alias(
        `What \`${key}\` resolves to${list ? " when awaited: the first page, with its `meta`" : ""}` +
          `${entry.successHasBody ? "" : ": nothing, the answer has no body"}.`,
        names.result,
        "ResultOf",
      ),
      names.item &&
        alias(
          `One item of \`${key}\`'s pages (\`${entry.list.itemsKey}\`), as \`for await\` yields them.`,
          names.item,
          "ItemOf",
        ),
    ].filter(Boolean);
    const returns = list ? `PagePromise<${names.result}, ${names.item}>` : `Promise<${names.result}>`;
    const signature = `  ${propertyKey(key)}(input: ${names.input}): ${returns};`;
    const method =
      jsDoc([summary, description], "  ") +
      (signature.length <= 120 ? signature : `  ${propertyKey(key)}(\n    input: ${names.input},\n  ): ${returns};`);
    return { types, method };
  });

  // Schema types come after the operations' names, which are the ones users are promised.
  const schemas = Object.entries(doc.components?.schemas ?? {}).map(([name, schema]) => {
    const base = typeName(name);
    const exported = claim(used.has(base) ? `${base}Body` : base, `the ${name} schema`);
    return `${jsDoc([schema.description])}${fit(`export type ${exported} =`, `components["schemas"][${JSON.stringify(name)}];`)}`;
  });

  return [
    generatedHeader(specName) + "// The public names of every operation and schema of the spec; src/ re-exports them.",
    "",
    'import type { components, paths } from "./openapi.js";',
    'import type { OperationTable } from "./operations.js";',
    `import type { BodyOf, InputOf, ItemOf, PagePromise, ResultOf } from ${JSON.stringify(typesModule)};`,
    "",
    ...operations.flatMap((o) => [...o.types, ""]),
    ...schemas.flatMap((s) => [s, ""]),
    "/** One method per operation of the spec, named after its operationId. */",
    "export interface ClientMethods {",
    operations.map((o) => o.method).join("\n\n"),
    "}",
    "",
  ].join("\n");
}
