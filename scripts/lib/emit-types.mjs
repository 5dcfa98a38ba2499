// TypeScript types for every path, operation and schema, by openapi-typescript.
import openapiTS, { astToString } from "openapi-typescript";
import { pathToFileURL } from "node:url";
import { generatedHeader } from "./header.mjs";

export async function emitTypes(specPath, specName) {
  const ast = await openapiTS(pathToFileURL(specPath));
  return generatedHeader(specName) + "\n" + astToString(ast);
}
