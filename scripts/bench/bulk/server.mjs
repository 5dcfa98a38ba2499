// Starts bulk/fake.mjs (the staged package's fake server) in its own process; `stats()` asks it
// what it has stored and received so far.
import { fork } from "node:child_process";
import path from "node:path";

export async function startFake(testing, { limits, latencyMs, conversations, record = true, background = 0 }) {
  const child = fork(path.join(import.meta.dirname, "fake.mjs"), [], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: {
      PATH: process.env.PATH,
      BULK_TESTING: testing,
      BULK_LIMITS: limits ? "1" : "0",
      BULK_LATENCY: String(latencyMs),
      BULK_CONVERSATIONS: String(conversations),
      BULK_RECORD: record ? "1" : "0",
      BULK_BACKGROUND: String(background),
    },
  });
  const info = await new Promise((resolve, reject) => {
    child.once("exit", (c) => reject(new Error(`fake server exited ${c}`)));
    child.on("message", (m) => m.ready && resolve(m.ready));
  });
  const waiting = [];
  child.on("message", (m) => m.stats && waiting.shift()?.(m.stats));
  return {
    info,
    stats: () => new Promise((resolve) => (waiting.push(resolve), child.send("stats"))),
    close: () => new Promise((resolve) => (child.once("exit", resolve), child.kill())),
  };
}
