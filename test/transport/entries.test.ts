// Which entry each runtime gets from the package's `exports`: Node the node:http one, everyone else
// (browsers, workers, Bun, Deno) the global-fetch one, with the same public API either way.
import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import * as web from "../../src/index.js";
import * as node from "../../src/node.js";
import { root } from "../helpers/pipeline.js";

const NAME = "twilio-conversations-participants";

/** The package file a bundler with these settings resolves `NAME` to (the repo resolves itself). */
async function resolved(options: {
  platform: "node" | "browser" | "neutral";
  format: "esm" | "cjs";
  conditions?: string[];
}): Promise<string> {
  const result = await build({
    stdin: {
      contents: options.format === "esm" ? `export * from "${NAME}";` : `module.exports = require("${NAME}");`,
      resolveDir: root,
    },
    bundle: true,
    write: false,
    metafile: true,
    logLevel: "silent",
    external: ["openapi-fetch", "node:*"],
    ...options,
  });
  // What the entry itself imports (the Node entry in turn imports the main one).
  return result.metafile.inputs["<stdin>"]!.imports[0]!.path;
}

describe("the runtime-conditional export", () => {
  it("Node gets the Node entry, for import and require", async () => {
    expect(await resolved({ platform: "node", format: "esm" })).toBe("dist/esm/src/node.js");
    expect(await resolved({ platform: "node", format: "cjs" })).toBe("dist/cjs/src/node.js");
    expect(import.meta.resolve(NAME)).toBe(`file://${join(root, "dist/esm/src/node.js")}`);
  });

  it("browsers, workers, Bun and Deno get the global-fetch entry", async () => {
    expect(await resolved({ platform: "browser", format: "esm" })).toBe("dist/esm/src/index.js");
    expect(await resolved({ platform: "browser", format: "cjs" })).toBe("dist/cjs/src/index.js");
    expect(await resolved({ platform: "neutral", format: "esm", conditions: ["workerd", "worker", "browser"] })).toBe(
      "dist/esm/src/index.js",
    );
    for (const runtime of ["bun", "deno"]) {
      // Both also honour `node`; their own condition comes first.
      expect(await resolved({ platform: "node", format: "esm", conditions: [runtime] })).toBe("dist/esm/src/index.js");
    }
  });

  it("both entries export the same names, the same error classes, and only the client factory differs", () => {
    expect(Object.keys(node).sort()).toEqual(Object.keys(web).sort());
    for (const name of Object.keys(web) as (keyof typeof web)[]) {
      if (name === "createConversationsClient") expect(node[name]).not.toBe(web[name]);
      else expect(node[name]).toBe(web[name]);
    }
  });
});
