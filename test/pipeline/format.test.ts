// The formatter is part of the suite: `npm test` fails on code Prettier (printWidth 120, .prettierrc.json)
// would change, naming the files; `npm run format` fixes them.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { root } from "../helpers/pipeline.js";

describe("formatting", () => {
  it("src, scripts and test are as Prettier writes them (npm run format:check)", async () => {
    const result = await promisify(execFile)("npm", ["run", "-s", "format:check"], { cwd: root }).then(
      () => ({ code: 0, output: "" }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        output: error.stdout + error.stderr,
      }),
    );
    expect(result.output).toBe("");
    expect(result.code).toBe(0);
  });
});
