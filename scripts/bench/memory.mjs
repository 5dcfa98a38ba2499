// Memory run (forked by run.mjs with --expose-gc): one contender, warm-up, then
// BENCH_MEM_N requests in CHECKPOINTS slices, all sharing one AbortSignal; gc() twice before every reading.
// Growth = after - after-warm-up, for heapUsed and RSS.
import { drive } from "./drive.mjs";

const name = process.argv[2];
const total = Number(process.env.BENCH_MEM_N);
const warmup = Number(process.env.BENCH_WARMUP);
const concurrency = Number(process.env.BENCH_CONCURRENCY);
const CHECKPOINTS = 5;

async function settle() {
  for (let i = 0; i < 2; i++) {
    await new Promise((r) => setImmediate(r));
    globalThis.gc();
  }
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, rss: m.rss, external: m.external, arrayBuffers: m.arrayBuffers };
}

try {
  if (typeof globalThis.gc !== "function") throw new Error("run with --expose-gc");
  const { setup } = await import(`./contenders/${name}.mjs`);
  // Every call gets one long-lived AbortSignal, as a server passing its shutdown signal would: a client
  // that keeps anything per call on it grows here (AbortSignal.any does, on Node 20–24).
  const signal = new AbortController().signal;
  const createOne = await setup({ baseUrl: process.env.BENCH_URL, entry: process.env.BENCH_ENTRY, signal });
  let errors = 0;
  let firstError = null;
  const w = await drive(createOne, warmup, concurrency);
  errors += w.errors;
  firstError ??= w.firstError;
  const before = await settle();
  const samples = [{ done: 0, ...before }];
  const slice = Math.ceil(total / CHECKPOINTS);
  for (let done = 0; done < total;) {
    const k = Math.min(slice, total - done);
    const r = await drive(createOne, k, concurrency);
    errors += r.errors;
    firstError ??= r.firstError;
    done += k;
    samples.push({ done, ...(await settle()) });
  }
  const after = samples.at(-1);
  process.send(
    {
      result: {
        n: total,
        before,
        after,
        samples,
        errors,
        firstError,
        heapGrowth: after.heapUsed - before.heapUsed,
        rssGrowth: after.rss - before.rss,
      },
    },
    () => process.exit(0),
  );
} catch (e) {
  process.send({ fatal: String(e.stack || e) }, () => process.exit(1));
}
