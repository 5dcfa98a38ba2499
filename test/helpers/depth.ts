// How deep the property (fast-check) and soak runs go. The default is sized so that `npm test` fits
// its budget on a 2-core machine; TEST_DEPTH=deep runs each at its deep size (the size it was first
// written with, or more). Every assertion holds at either depth: only the number of inputs changes.
const depth = process.env.TEST_DEPTH ?? "";
if (!["", "quick", "deep"].includes(depth)) {
  throw new Error(`TEST_DEPTH must be "deep" or "quick" (the default), not ${JSON.stringify(depth)}`);
}

/** True under TEST_DEPTH=deep. */
export const DEEP = depth === "deep";

/** The number of runs: `quick` by default, `deep` under TEST_DEPTH=deep. */
export function runs(quick: number, deep: number): number {
  return DEEP ? deep : quick;
}
