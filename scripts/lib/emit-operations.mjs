// The operation table the client is built from: one entry per operation, with everything the
// client needs at run time (method, path, content type, parameter and field names, input rules).
import { listOperations, methodName } from "./load-spec.mjs";
import { generatedHeader } from "./header.mjs";

export function emitOperations(doc, resolve, specName) {
  const entries = listOperations(doc).map(({ path, method, operation, pathItem }) => {
    const params = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map(resolve);
    const namesIn = (where) => params.filter((p) => p.in === where).map((p) => p.name);
    const body = resolve(operation.requestBody ?? {});
    const [contentType, media] = Object.entries(body.content ?? {})[0] ?? [null, null];
    const bodySchema = media ? resolve(media.schema) : { properties: {} };
    const fields = Object.entries(bodySchema.properties ?? {}).map(([name, s]) => [name, resolve(s)]);
    const success = Object.keys(operation.responses ?? {}).find((code) => /^2\d\d$/.test(code));
    const entry = {
      operationId: operation.operationId,
      method: method.toUpperCase(),
      path,
      requestContentType: contentType,
      successStatus: Number(success),
      pathParameters: namesIn("path"),
      headerParameters: namesIn("header"),
      queryParameters: namesIn("query"),
      bodyFields: fields.map(([name]) => name),
      dateTimeBodyFields: fields.filter(([, s]) => s.format === "date-time").map(([name]) => name),
    };
    const rules = `${methodName(operation.operationId)}InputRules`;
    const literal = JSON.stringify(entry, null, 2).replace(/\n/g, "\n  ").replace(/\n  }$/, "");
    return {
      rules,
      text: `  ${methodName(operation.operationId)}: ${literal},\n    inputRules: ${rules},\n  },`,
    };
  });

  const servers = (doc.servers ?? []).map((s) => ({
    url: s.url,
    variables: Object.fromEntries(
      Object.entries(s.variables ?? {}).map(([k, v]) => [k, { default: v.default, enum: v.enum ?? null }]),
    ),
  }));

  return [
    generatedHeader(specName),
    `import { ${entries.map((e) => e.rules).join(", ")} } from "./validators.js";`,
    "",
    "/** Every operation in the spec, keyed by the client method that calls it. */",
    "export const operationTable = {",
    ...entries.map((e) => e.text),
    "} as const;",
    "",
    "export type OperationTable = typeof operationTable;",
    "",
    "/** The spec's `servers`: the default host first, then templated (regional) hosts. */",
    `export const servers = ${JSON.stringify(servers, null, 2)} as const;`,
    "",
  ].join("\n");
}
