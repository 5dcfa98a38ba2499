import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // Generous: with files running side by side, a tsc, Redocly or API Extractor child process can take a
    // minute on a busy 2-core machine. A limit here is a hang detector, never a speed check.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Most files spend their time waiting on child processes, servers and back-offs, not on the CPU:
    // vitest's default (one worker less than the cores: 1 on a 2-core machine) runs them one by one.
    maxWorkers: Math.max(2, availableParallelism() * 2),
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
