// The load loop shared by every contender: `n` calls with `concurrency` in flight.
export async function drive(createOne, n, concurrency) {
  let issued = 0;
  let errors = 0;
  let firstError = null;
  async function lane() {
    while (issued < n) {
      issued++;
      try {
        await createOne();
      } catch (e) {
        errors++;
        firstError ??= e;
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, lane));
  return {
    errors,
    firstError:
      firstError &&
      String(firstError.stack || firstError)
        .split("\n")
        .slice(0, 3)
        .join(" | "),
  };
}
