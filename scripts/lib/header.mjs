// The banner every generated file starts with, so nobody edits one by hand.
export const GENERATE_COMMAND = "npm run generate";

export function generatedHeader(specName) {
  return [
    `// GENERATED FILE — do not edit by hand.`,
    `// Generated from ${specName} by \`${GENERATE_COMMAND}\` (scripts/generate.mjs).`,
    `// Change the spec and run the command again to remake it.`,
    "",
  ].join("\n");
}
