// How fast one conversation may take creates: at most `rate` in any one second *as Twilio counts*.
// Twilio handles a request somewhere between our sending it and our reading its answer, so a start
// waits until one second after the answer to the `rate`-th previous start: whatever the jitter of
// connections and event loops, no second at Twilio's end holds more. Starts are also spread out.
// A 429 cuts the rate to 80%, at most once a window (429s to starts sent before the last cut, or
// within a second of it, say nothing new), and each quiet window gives back 2/s at a ceiling of 30
// (additive increase, multiplicative decrease): with other traffic using 10 of a conversation's
// 30 actions/s, the run settles just under what is left (1.16× N / 20 s, 6% 429s, measured with
// 900 creates over 3 conversations at 80 ms; bench:bulk's shared-budget run has the figures). One Pace per conversation per client, so
// every bulk call to that conversation shares it, its window and its back-off; each call brings its
// own ceiling (`ratePerConversation`) and starts only while the window holds fewer than that.

/** The window, ms: Twilio counts creates per second. */
const WINDOW_MS = 1000;
/** A 429's cut: what is kept of the rate. */
const DECREASE = 0.8;

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
  private readonly starts: Slot[] = [];
  private pausedUntil = 0;
  /** When the rate last changed: recovery counts whole quiet windows from here. */
  private changedAt: number;
  /** When a 429 last cut the rate: a 429 to a start sent before then is the same event. */
  private cutAt = -Infinity;
  lastUsed: number;

  constructor(ceiling: number, now: number) {
    this.rate = this.max = ceiling;
    this.changedAt = now;
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
    this.recover(now);
    const allowed = Math.max(1, Math.floor(Math.min(this.rate, ceiling)));
    const starts = this.prune(now);
    const n = starts.length;
    let at = this.pausedUntil;
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
    this.prune(now).push(slot);
    if (this.starts.length > this.max) this.starts.shift();
    this.lastUsed = now;
    return slot;
  }

  private prune(now: number): Slot[] {
    const starts = this.starts;
    while (starts.length && starts[0]!.doneAt + WINDOW_MS <= now) starts.shift();
    return starts;
  }

  /**
   * A 429 to a start sent at `startedAt` by a call with this ceiling: cut the rate it ran at (at
   * most once a window), and hold every start `retryAfterMs` (or a quarter window: beyond it, the window
   * itself holds the next start until the cut rate fits in the last second).
   */
  limited(now: number, retryAfterMs: number | undefined, ceiling: number, startedAt = now): void {
    if (startedAt >= this.cutAt && now - this.cutAt >= WINDOW_MS) {
      this.rate = Math.max(1, Math.floor(Math.min(this.rate, ceiling) * DECREASE));
      this.cutAt = now;
    }
    this.pausedUntil = Math.max(this.pausedUntil, now + (retryAfterMs ?? WINDOW_MS / 4));
    this.changedAt = Math.max(now, this.pausedUntil);
    this.lastUsed = now;
  }

  private recover(now: number): void {
    const { max } = this;
    if (this.rate >= max || now < this.changedAt + WINDOW_MS) return;
    const windows = Math.floor((now - this.changedAt) / WINDOW_MS);
    this.rate = Math.min(max, this.rate + windows * Math.max(1, Math.ceil(max / 15)));
    this.changedAt += windows * WINDOW_MS;
  }
}

/** @internal The paces of one client, by conversation; idle ones at full rate are dropped. */
export class Paces {
  private readonly byKey = new Map<string, Pace>();
  private gets = 0;

  /** The conversation's one pace; a call's own ceiling is applied by `readyAt`, never by a new Pace. */
  get(key: string, ceiling: number, now: number): Pace {
    if (++this.gets % 4096 === 0) this.sweep(now);
    let pace = this.byKey.get(key);
    if (pace) pace.admit(ceiling);
    else this.byKey.set(key, (pace = new Pace(ceiling, now)));
    return pace;
  }

  /** Current rates for a call with this ceiling, for progress reports. */
  rates(keys: Iterable<string>, ceiling: number): Record<string, number> {
    const out: Record<string, number> = {};
    for (const key of keys) {
      const pace = this.byKey.get(key);
      if (pace) out[key] = Math.min(pace.rate, ceiling);
    }
    return out;
  }

  private sweep(now: number): void {
    for (const [key, pace] of this.byKey) {
      if (pace.rate >= pace.max && now - pace.lastUsed > 10 * WINDOW_MS) this.byKey.delete(key);
    }
  }
}
