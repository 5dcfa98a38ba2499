// One contender, one fresh process (forked by run.mjs): warm up, then time N
// creates with CONCURRENCY in flight. CPU = process.cpuUsage() of this process
// (user+system, all its threads) over the timed phase only.
// argv: <contender> (contenders/<name>.mjs, or a path such as layers/transport) ; env: BENCH_URL, BENCH_N, BENCH_WARMUP, BENCH_CONCURRENCY, BENCH_ENTRY
import { drive } from "./drive.mjs";

const name = process.argv[2];
const n = Number(process.env.BENCH_N);
const warmup = Number(process.env.BENCH_WARMUP);
const concurrency = Number(process.env.BENCH_CONCURRENCY);

try {
  // A bare name is one of contenders/; a path (layers/transport) is relative to this folder.
  const { setup } = await import(`./${name.includes("/") ? name : `contenders/${name}`}.mjs`);
  const createOne = await setup({ baseUrl: process.env.BENCH_URL, entry: process.env.BENCH_ENTRY });
  const w = await drive(createOne, warmup, concurrency);
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const r = await drive(createOne, n, concurrency);
  const ns = Number(process.hrtime.bigint() - t0);
  const cpu = process.cpuUsage(c0);
  process.send(
    {
      result: {
        n,
        seconds: ns / 1e9,
        reqPerSec: n / (ns / 1e9),
        cpuUsPerReq: (cpu.user + cpu.system) / n,
        errors: w.errors + r.errors,
        firstError: w.firstError ?? r.firstError,
      },
    },
    () => process.exit(0),
  );
} catch (e) {
  process.send({ fatal: String(e.stack || e) }, () => process.exit(1));
}
