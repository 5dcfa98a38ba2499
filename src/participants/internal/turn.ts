// A call queued behind another runs on its own caller's terms: it leaves the queue at once when its
// signal aborts or its timeoutMs passes. The call ahead keeps running for its own caller, and the
// calls behind keep their places: the queue's links are apart from what each caller awaits.
import { follow } from "../../internal/follow.js";

/** @internal What a waiting caller allows: its signal, and how long it waits before `timedOut()`. */
export interface WaitLimits {
  signal: AbortSignal | undefined;
  timeoutMs: number;
  timedOut: () => Error;
}

/** @internal What to do when the call ahead settles: pass its result on, or take the turn. */
export interface Turn<T> {
  done(value: T): T;
  take(): Promise<T>;
}

/**
 * @internal Queues a call behind `ahead`. `link` is what the next call waits for; `result` is what
 * this caller gets: `link`'s outcome, or its own signal's reason or timeout while it is still
 * waiting. Once it takes its turn, its own call honours the limits itself (the wait's are dropped).
 */
export function waitTurn<T>(
  ahead: Promise<T>,
  turn: Turn<T>,
  limits: WaitLimits,
): { link: Promise<T>; result: Promise<T> } {
  let left = false;
  let release = () => {};
  // A caller who left takes no turn: its link passes the failure ahead on, so the next call takes it.
  const link = ahead.then(turn.done, (error: unknown) => {
    if (left) throw error;
    release();
    return turn.take();
  });
  const result = new Promise<T>((resolve, reject) => {
    const leave = (reason: unknown) => {
      left = true;
      release();
      reject(reason);
    };
    let unfollow: (() => void) | undefined;
    const timer = setTimeout(() => leave(limits.timedOut()), limits.timeoutMs);
    release = () => {
      clearTimeout(timer);
      unfollow?.();
    };
    unfollow = limits.signal && follow(limits.signal, leave);
    link.then(
      (value) => (release(), resolve(value)),
      (error: unknown) => (release(), reject(error)),
    );
  });
  return { link, result };
}
