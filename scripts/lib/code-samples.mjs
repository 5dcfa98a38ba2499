// Redoc `x-codeSamples` for every operation, written from sample-inputs.mjs's call: this client in
// TypeScript (after `addParticipant`, first where the package has it) and curl, each optional field
// marked as such. scripts/docs.mjs puts them into the copy of the spec it renders;
// test/docs/samples.test.ts compiles and runs each one.
import { sampleCalls } from "./sample-inputs.mjs";

const WIDTH = 60; // characters of code that fit the samples panel at 1,280 px (scripts/docs.mjs widens it)
const ENV_NOTE = "// Reads TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN.";

/**
 * Sets `x-codeSamples` on every operation of `doc` (a parsed spec, changed in place) and returns
 * the calls they show. `addParticipantFor`: the operationId `client.addParticipant` takes the input
 * of, when the package has that method; that operation also gets the package's `command` (its
 * CLI, which adds the rows of a CSV file of body fields that way), when it has one.
 */
export function addCodeSamples(doc, { packageName, addParticipantFor = null, command = null }) {
  const baseUrl = serverUrl(doc);
  const calls = sampleCalls(doc);
  for (const call of calls) {
    const plain = { lang: "TypeScript", label: "TypeScript", source: typescript(packageName, call) };
    const samples = [];
    // The safe call first: a reader copies the first tab.
    if (call.operationId === addParticipantFor) {
      samples.push({ lang: "TypeScript", label: "addParticipant", source: addParticipant(packageName, call) }, plain);
      if (command) samples.push({ lang: "curl", label: "CLI", source: cli(packageName, command, call) });
    } else samples.push(plain);
    samples.push({ lang: "curl", label: "curl", source: curl(baseUrl, call) });
    operationOf(doc, call)["x-codeSamples"] = samples;
  }
  return calls;
}

/**
 * Redoc's `codeSamples.languages` setting for the samples in `doc`: Redoc shows an `x-codeSamples`
 * entry only when a configured language has its label, and opens on the first configured one it has.
 * Its `lang` must be one Redoc knows: our TypeScript tabs pass as Node.js.
 */
export function sampleLanguages(doc) {
  // Redoc opens each panel on the first configured label the operation has, so the operations with the most
  // tabs set the order (the create: addParticipant before the plain TypeScript call), whatever the spec's order.
  const sampleLists = Object.values(doc.paths ?? {})
    .flatMap((item) => Object.values(item).map((operation) => operation?.["x-codeSamples"] ?? []))
    .sort((a, b) => b.length - a.length);
  const labels = new Map();
  for (const samples of sampleLists) {
    for (const { lang, label } of samples)
      if (!labels.has(label)) labels.set(label, lang === "TypeScript" ? "Node.js" : lang);
  }
  return [...labels].map(([label, lang]) => ({ lang, label }));
}

/** Install, import and the client: what every TypeScript sample starts with. */
export function clientLines(packageName) {
  return [
    `// npm install ${packageName}`,
    `import { createConversationsClient } from "${packageName}";`,
    "",
    ENV_NOTE,
    "const client = createConversationsClient();",
  ];
}

function typescript(packageName, call) {
  const lines = clientLines(packageName);
  const args = argument(call);
  if (call.list) {
    const { itemsKey, itemName } = call.list;
    lines.push(
      "",
      `const ${itemsKey} = client.${call.methodName}(${args});`,
      `// await ${itemsKey}: the first page.`,
      `// for await: every ${itemName}, page by page.`,
      `for await (const ${itemName} of ${itemsKey}) {`,
      `  console.log(${itemName});`,
      "}",
    );
  } else if (call.hasResult) {
    const result = call.resultName;
    lines.push("", `const ${result} = await client.${call.methodName}(${args});`, `console.log(${result});`);
  } else {
    lines.push("", `await client.${call.methodName}(${args}); // the answer has no body`);
  }
  return lines.join("\n") + "\n";
}

function addParticipant(packageName, call) {
  return (
    [
      ...clientLines(packageName),
      "",
      "// Exactly once: after a lost answer it looks before it resends.",
      `const { ${call.resultName}, outcome } = await client.addParticipant(${argument(call)});`,
      `console.log(outcome, ${call.resultName}); // "created" or "existing"`,
    ].join("\n") + "\n"
  );
}

/** The CLI's form: the body example as a one-row CSV file, added to the example's conversation. */
function cli(packageName, command, call) {
  const fields = Object.entries(call.input.body ?? {});
  const csv = (text) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  return (
    [
      `# npm install ${packageName}`,
      "# Reads TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN.",
      ...optionalNote(
        call,
        fields.map(([name]) => name),
        "Optional columns",
      ),
      "cat > people.csv <<'CSV'",
      fields.map(([name]) => csv(name)).join(","),
      fields.map(([, value]) => csv(wire(value))).join(","),
      "CSV",
      `npx ${command} add \\`,
      `  --service ${shellWord(wire(call.input.path.ChatServiceSid))} \\`,
      `  --conversation ${shellWord(wire(call.input.path.ConversationSid))} \\`,
      "  --file people.csv",
    ].join("\n") + "\n"
  );
}

/**
 * The call's argument: `{ path: {…}, header: {…}, body: {…} }`, a group on one line when it fits
 * and holds no optional field (each of those gets its own line, marked).
 */
function argument({ input, optional }) {
  const groups = Object.entries(input).filter(([, fields]) => Object.keys(fields).length > 0);
  if (!groups.length) return "{}";
  const lines = groups.flatMap(([group, fields]) => {
    const marked = new Set(optional[group]);
    const entries = Object.entries(fields).map(([key, value]) => [`${property(key)}: ${literal(value)}`, key]);
    const flat = `  ${group}: { ${entries.map(([e]) => e).join(", ")} },`;
    if (flat.length <= WIDTH && !marked.size) return [flat];
    return [`  ${group}: {`, ...entries.map(([e, key]) => `    ${e},${marked.has(key) ? " // optional" : ""}`), "  },"];
  });
  return `{\n${lines.join("\n")}\n}`;
}

/** A shell comment naming the optional fields among `names`, or nothing. */
function optionalNote(call, names, what = "Optional") {
  const marked = names.filter((name) => Object.values(call.optional).some((group) => group.includes(name)));
  return marked.length ? [`# ${what}: ${marked.join(", ")}.`] : [];
}

const property = (key) => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key));

/** A value as JavaScript: identifier keys bare, strings double-quoted (single if they hold `"`), Dates built. */
export function literal(value) {
  if (value instanceof Date) return `new Date(${JSON.stringify(value.toISOString())})`;
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  if (value && typeof value === "object") {
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${property(k)}: ${literal(v)}`)
      .join(", ")} }`;
  }
  // A string holding double quotes (JSON in Attributes) reads better in single quotes.
  if (typeof value === "string" && value.includes('"') && !/['\\\n]/.test(value)) return `'${value}'`;
  return JSON.stringify(value);
}

function curl(baseUrl, call) {
  const path = call.path.replace(/\{([^{}]+)\}/g, (_, name) => encodeComponent(wire(call.input.path[name])));
  const hasQuery = Object.keys(call.input.query).length > 0;
  const method = call.method === "GET" ? (hasQuery ? "-G " : "") : `-X ${call.method} `;
  const lines = [`curl ${method}${shellQuote(baseUrl + path)}`, `-u "$TWILIO_ACCOUNT_SID:$TWILIO_AUTH_TOKEN"`];
  for (const [name, value] of Object.entries(call.input.header)) {
    lines.push(`-H ${shellQuote(`${name}: ${wire(value)}`)}`);
  }
  // With -G, curl puts --data-urlencode pairs in the query string instead of the body.
  for (const fields of [call.input.query, call.input.body ?? {}]) {
    for (const [name, value] of Object.entries(fields)) {
      for (const item of [value].flat()) lines.push(`--data-urlencode ${shellQuote(`${name}=${wire(item)}`)}`);
    }
  }
  const names = [
    ...Object.keys(call.input.header),
    ...Object.keys(call.input.query),
    ...Object.keys(call.input.body ?? {}),
  ];
  return [...optionalNote(call, names), lines.join(" \\\n  ")].join("\n") + "\n";
}

/** A value as Twilio's wire format writes it (null: the key with an empty value). */
const wire = (value) => (value === null ? "" : String(value));

/** RFC 3986 unreserved characters stay; everything else is percent-encoded (as the client does). */
const encodeComponent = (value) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const shellQuote = (text) => `'${text.replaceAll("'", `'\\''`)}'`;
/** A word the shell reads as it is stays bare. */
const shellWord = (text) => (/^[\w@%+=:,./-]+$/.test(text) ? text : shellQuote(text));

/** The first server's URL, with its variables at their defaults. */
function serverUrl(doc) {
  const [server] = doc.servers ?? [{ url: "" }];
  return server.url.replace(/\{([^{}]+)\}/g, (_, name) => server.variables?.[name]?.default ?? name).replace(/\/$/, "");
}

function operationOf(doc, call) {
  return doc.paths[call.path][call.method.toLowerCase()];
}
