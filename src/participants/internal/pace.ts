// How fast one conversation may take creates: at most `rate` in any one second *as Twilio counts*.
// Twilio handles a request somewhere between our sending it and our reading its answer, so a start
// waits until one second after the answer to the `rate`-th previous start: whatever the jitter of
// connections and event loops, no second at Twilio's end holds more. Starts are also spread out.
// A 429 is never processed (Twilio's error pages), so its start leaves the window; and it is one
// start that did not fit, so it takes one off the rate: a burst of 429s cuts the rate by what did
// not fit, down to half the rate it began at (multiplicative at most), and 429s to starts sent
// before that episode began say nothing new. Each quiet window gives back 2/s at a ceiling of 30
// (additive increase). With other traffic using 10 of a conversation's 30 actions/s, the run settles
// at what is left (bench:bulk's shared-budget run has the figures; cutting to 80% each time, as
// before, spent a fifth of the time below it). One Pace per conversation per client, so
// every bulk call to that conversation shares it, its window and its back-off; each call brings its
// own ceiling (`ratePerConversation`) and starts only while the window holds fewer than that.

/** The window, ms: Twilio counts creates per second. */
const WINDOW_MS = 1000;
/** The deepest one episode of 429s cuts: what is kept, at least, of the rate it began at. */
const DEEPEST_CUT = 0.5;

/** @internal One start: when it went out, and when its answer (or failure) came back. */
export interface Slot {
  at: number;
  doneAt: number;
}

/** @internal */
export class Pace {
  /** Starts allowed per window now, whatever a call's ceiling; at most `max`, at least 1. */
  rate: number;
  /** The highest ceiling a call has asked for: where `rate` recovers to. */
  max: number;
  /**
   * Recent starts, oldest first; `doneAt` is Infinity while the call is in flight. Those answered
   * more than a window ago no longer constrain anything and are dropped, so at a high `max` this
   * holds about one second of starts, not `max` of them.
   */
  readonly #starts: Slot[] = [];
  #pausedUntil = 0;
  /** When the rate last changed: recovery counts whole quiet windows from here. */
  #changedAt: number;
  /** When the last episode of 429s began: a 429 to a start sent before then is the same event. */
  #cutAt = -Infinity;
  /** The rate that episode began at: its 429s cut down to `DEEPEST_CUT` of it, no further. */
  #cutFrom = 1;
  lastUsed: number;

  constructor(ceiling: number, now: number) {
    this.rate = this.max = ceiling;
    this.#changedAt = now;
    this.lastUsed = now;
  }

  /** A call with this ceiling joins: a higher one lets the rate climb further, never resets a back-off. */
  admit(ceiling: number): void {
    if (ceiling <= this.max) return;
    if (this.rate >= this.max) this.rate = ceiling;
    this.max = ceiling;
  }

  /** The earliest time a call with this ceiling may start (at or before `now` means now). */
  readyAt(now: number, ceiling: number): number {
    this.#recover(now);
    const allowed = Math.max(1, Math.floor(Math.min(this.rate, ceiling)));
    const starts = this.#prune(now);
    const n = starts.length;
    let at = this.#pausedUntil;
    // Sliding window: the `allowed`-th most recent call must have been answered a window ago.
    if (n >= allowed) at = Math.max(at, starts[n - allowed]!.doneAt + WINDOW_MS);
    // Not all in one burst: the window's starts take its first quarter (a finer limiter at Twilio's
    // end would see no spike), while the last window still ends soon after its first start.
    if (n > 0) at = Math.max(at, starts[n - 1]!.at + WINDOW_MS / allowed / 4);
    return at;
  }

  /** Records a start at `now` (call only when `readyAt(now) <= now`); settle the slot when answered. */
  started(now: number): Slot {
    const slot = { at: now, doneAt: Infinity };
    this.#prune(now).push(slot);
    if (this.#starts.length > this.max) this.#starts.shift();
    this.lastUsed = now;
    return slot;
  }

  #prune(now: number): Slot[] {
    const starts = this.#starts;
    while (starts.length && starts[0]!.doneAt + WINDOW_MS <= now) starts.shift();
    return starts;
  }

  /**
   * A 429 to `slot`'s start by a call with this ceiling. Twilio never processed it: the start leaves
   * the window. Within a window of the episode's first 429, each takes one off the rate it ran at
   * (what did not fit), never below `DEEPEST_CUT` of the rate the episode began at. Every start is
   * held `retryAfterMs` (or a quarter window: beyond it, the window itself holds the next start
   * until the cut rate fits in the last second).
   */
  limited(now: number, retryAfterMs: number | undefined, ceiling: number, slot?: Slot): void {
    const startedAt = slot?.at ?? now;
    const at = slot ? this.#starts.indexOf(slot) : -1;
    if (at >= 0) this.#starts.splice(at, 1);
    if (startedAt >= this.#cutAt && now - this.#cutAt >= WINDOW_MS) {
      this.#cutFrom = Math.min(this.rate, ceiling);
      this.#cutAt = now;
    }
    if (now - this.#cutAt < WINDOW_MS) {
      const floor = Math.max(1, Math.ceil(this.#cutFrom * DEEPEST_CUT));
      this.rate = Math.max(Math.min(this.rate, floor), Math.min(this.rate, ceiling) - 1);
    }
    this.#pausedUntil = Math.max(this.#pausedUntil, now + (retryAfterMs ?? WINDOW_MS / 4));
    this.#changedAt = Math.max(now, this.#pausedUntil);
    this.lastUsed = now;
  }

  #recover(now: number): void {
    const { max } = this;
    if (this.rate >= max || now < this.#changedAt + WINDOW_MS) return;
    const windows = Math.floor((now - this.#changedAt) / WINDOW_MS);
    this.rate = Math.min(max, this.rate + windows * Math.max(1, Math.ceil(max / 15)));
    this.#changedAt += windows * WINDOW_MS;
  }
}

/** @internal The paces of one client, by conversation; idle ones at full rate are dropped. */
export class Paces {
  readonly #byKey = new Map<string, Pace>();
  #gets = 0;

  /** The conversation's one pace; a call's own ceiling is applied by `readyAt`, never by a new Pace. */
  get(key: string, ceiling: number, now: number): Pace {
    if (++this.#gets % 4096 === 0) this.#sweep(now);
    let pace = this.#byKey.get(key);
    if (pace) pace.admit(ceiling);
    else this.#byKey.set(key, (pace = new Pace(ceiling, now)));
    return pace;
  }

  /** Current rates for a call with this ceiling, for progress reports. */
  rates(keys: Iterable<string>, ceiling: number): Record<string, number> {
    const out: Record<string, number> = {};
    for (const key of keys) {
      const pace = this.#byKey.get(key);
      if (pace) out[key] = Math.min(pace.rate, ceiling);
    }
    return out;
  }

  #sweep(now: number): void {
    for (const [key, pace] of this.#byKey) {
      if (pace.rate >= pace.max && now - pace.lastUsed > 10 * WINDOW_MS) this.#byKey.delete(key);
    }
  }
}
