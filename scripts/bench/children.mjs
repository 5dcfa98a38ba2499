// The bench's child processes: the loopback server (one per run) and one-shot measurement
// children (worker.mjs, memory.mjs), each with a scrubbed environment.
import path from "node:path";
import { fork } from "node:child_process";

const HERE = import.meta.dirname;

// No proxies, no TWILIO_* (edge/region would rewrite hosts), no NODE_OPTIONS.
const childEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^(TWILIO_|HTTPS?_PROXY$|NO_PROXY$|NODE_OPTIONS$)/i.test(k)),
);

/** Runs a script beside this file; resolves with the `result` it sends, or `{ fatal }`. */
export function runChild(script, args, env, execArgv = []) {
  return new Promise((resolve) => {
    const child = fork(path.join(HERE, script), args, {
      env: { ...childEnv, ...env },
      execArgv,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    let stderr = "";
    let msg = null;
    child.stdout.on("data", () => {});
    child.stderr.on("data", (d) => (stderr += d));
    child.on("message", (m) => (msg = m));
    const timer = setTimeout(() => child.kill("SIGKILL"), 10 * 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (msg?.result) resolve(msg.result);
      else resolve({ fatal: msg?.fatal || `exit ${code}: ${stderr.trim().slice(-600)}` });
    });
  });
}

/** Starts server.mjs in its own process; `stats()` returns its counters since the last `reset()`. */
export async function startServer() {
  const child = fork(path.join(HERE, "server.mjs"), [], {
    env: childEnv,
    execArgv: [],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map();
  let seq = 0;
  const port = await new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (c) => reject(new Error(`server exited ${c}`)));
    child.on("message", (m) => {
      if (m.ready) resolve(m.port);
      else (pending.get(m.id)?.(m), pending.delete(m.id));
    });
  });
  const ctl = (cmd) =>
    new Promise((resolve) => {
      const id = ++seq;
      pending.set(id, resolve);
      child.send({ id, cmd });
    });
  return {
    url: `http://127.0.0.1:${port}`,
    reset: () => ctl("reset"),
    stats: async () => (await ctl("stats")).stats,
    close: () =>
      new Promise((resolve) => {
        child.once("exit", resolve);
        child.send({ cmd: "close" });
      }),
  };
}
