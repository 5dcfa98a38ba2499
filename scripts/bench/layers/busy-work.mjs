// Calibration, not a layer: layer 1 plus 8 µs of busy work per request. How much more CPU the
// worker then measures per request tells how the bench weighs a microsecond of client work (with
// 32 in flight, a slower client also gets fewer responses per read, so the kernel's share grows).
import { setup as transport } from "./transport.mjs";

export const BUSY_NS = 8_000n;

export async function setup(options) {
  const createOne = await transport(options);
  return () => {
    const until = process.hrtime.bigint() + BUSY_NS;
    while (process.hrtime.bigint() < until);
    return createOne();
  };
}
