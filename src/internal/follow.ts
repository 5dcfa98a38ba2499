// Following a caller's AbortSignal from many calls at once with one listener on it, however many
// calls share it. AbortSignal.any([signal]) would be the platform's way, but Node 20–24 and Deno keep
// each combined signal in the source's list for as long as the source lives (nodejs/node#55351 and
// #64476, denoland/deno#24842): a long-lived signal (a shutdown signal given to every call) grows
// without end. A listener per call instead makes Node warn past ten.

type Follower = (reason: unknown) => void;

/** The followers of one signal, kept on the signal itself: no module state, gone with the signal. */
const FOLLOWERS = Symbol("followers");

type Followed = AbortSignal & { [FOLLOWERS]?: Set<Follower> };

/** @internal Calls `onAbort` with the reason when `signal` aborts, until the returned function is called. */
export function follow(signal: AbortSignal, onAbort: Follower): () => void {
  if (signal.aborted) {
    onAbort(signal.reason);
    return () => {};
  }
  const followed = signal as Followed;
  let followers = followed[FOLLOWERS];
  if (!followers) {
    const all = new Set<Follower>();
    followers = followed[FOLLOWERS] = all;
    signal.addEventListener("abort", () => all.forEach((f) => f(signal.reason)), { once: true });
  }
  const mine = followers;
  mine.add(onAbort);
  return () => void mine.delete(onAbort);
}
