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
| \`validators.ts\` | Ajv, compiled ahead of time (standalone; scripts/lib/emit-validators.mjs) | the client and its fake server: one validator per operation, of its whole input, run on every call before the network |
| \`schema-validators.ts\` | Ajv, compiled ahead of time (standalone) | tests: request and response bodies against the spec's component schemas |
| \`names.ts\` | scripts/lib/emit-names.mjs | the package's public types, re-exported by \`src/index.ts\`: each operation's \`…Input\`, \`…Body\`, \`…Result\` and (lists) \`…Item\`, each schema's type (\`…Body\` when the name is taken, as \`TwilioErrorBody\`), and \`ClientMethods\` with the spec's summaries as JSDoc |
| \`operations.ts\` | scripts/lib/emit-operations.mjs | the client: one entry per operation (method, path, each field and how it goes on the wire, success status, paged list or not, its validator) |
`;
}
