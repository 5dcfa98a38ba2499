// generated/README.md is written by the generator too, so the folder explains itself.
import { GENERATE_COMMAND } from "./header.mjs";

export function generatedReadme(specName) {
  return `# generated/

Everything here is made from \`${specName}\` by \`${GENERATE_COMMAND}\`. Do not edit these files:
change the spec and run the command. CI runs \`npm run check:generated\`, which fails when a file here
no longer matches the spec.

| file | made by | used by |
| --- | --- | --- |
| \`openapi.ts\` | openapi-typescript | the client's parameter, body, header and result types |
| \`validators.ts\` | scripts/lib/emit-rules.mjs | the client and its fake server: each operation's input rules, plain data that \`src/internal/rules.ts\` checks every input against before the network |
| \`schema-validators.ts\` | Ajv, compiled ahead of time (standalone) | tests: request and response bodies against the spec's component schemas |
| \`operations.ts\` | scripts/lib/emit-operations.mjs | the client: one method per operation, with its method, path and field names |
`;
}
