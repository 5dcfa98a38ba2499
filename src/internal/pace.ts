// How fast one conversation may take creates: at most `rate` in any one second *as Twilio counts*.
// Twilio handles a request somewhere between our sending it and our reading its answer, so a start
// waits until one second after the answer to the `rate`-th previous start: whatever the jitter of
// connections and event loops, no second at Twilio's end holds more. Starts are also spread out. A 429 halves the rate and pauses the conversation; each quiet window gives back a
// tenth of the ceiling (additive increase, multiplicative decrease). One Pace per conversation per
// client, so every bulk call to that conversation shares it.

/** @internal */
export interface PaceSettings {
  /** The ceiling, in starts per window. */
  max: number;
  /** The window, ms: one second. */
  windowMs: number;
}

/** @internal One start: when it went out, and when its answer (or failure) came back. */
export interface Slot {
  at: number;
  doneAt: number;
}

/** @internal */
export class Pace {
  /** Starts allowed per window now; at most `max`, at least 1. */
  rate: number;
  /**
   * Recent starts, oldest first; `doneAt` is Infinity while the call is in flight. Those answered
   * more than a window ago no longer constrain anything and are dropped, so at a high `max` this
   * holds about one second of starts, not `max` of them.
   */
  private readonly starts: Slot[] = [];
  private pausedUntil = 0;
  /** When the rate last changed: recovery counts whole quiet windows from here. */
  private changedAt: number;
  lastUsed: number;

  constructor(readonly settings: PaceSettings, now: number) {
    this.rate = settings.max;
    this.changedAt = now;
    this.lastUsed = now;
  }

  /** The earliest time the next start may happen (at or before `now` means now). */
  readyAt(now: number): number {
    this.recover(now);
    const { windowMs } = this.settings;
    const allowed = Math.max(1, Math.floor(this.rate));
    const starts = this.prune(now);
    const n = starts.length;
    let at = this.pausedUntil;
    // Sliding window: the `allowed`-th most recent call must have been answered a window ago.
    if (n >= allowed) at = Math.max(at, starts[n - allowed]!.doneAt + windowMs);
    // Not all in one burst: the window's starts take its first quarter (a finer limiter at Twilio's
    // end would see no spike), while the last window still ends soon after its first start.
    if (n > 0) at = Math.max(at, starts[n - 1]!.at + windowMs / allowed / 4);
    return at;
  }

  /** Records a start at `now` (call only when `readyAt(now) <= now`); settle the slot when answered. */
  started(now: number): Slot {
    const slot = { at: now, doneAt: Infinity };
    this.prune(now).push(slot);
    if (this.starts.length > this.settings.max) this.starts.shift();
    this.lastUsed = now;
    return slot;
  }

  private prune(now: number): Slot[] {
    const starts = this.starts;
    while (starts.length && starts[0]!.doneAt + this.settings.windowMs <= now) starts.shift();
    return starts;
  }

  /** A 429: halve the rate and hold every start for `retryAfterMs` (or one window). */
  limited(now: number, retryAfterMs: number | undefined): void {
    this.rate = Math.max(1, Math.floor(this.rate / 2));
    this.pausedUntil = Math.max(this.pausedUntil, now + (retryAfterMs ?? this.settings.windowMs));
    this.changedAt = this.pausedUntil;
    this.lastUsed = now;
  }

  private recover(now: number): void {
    const { max, windowMs } = this.settings;
    if (this.rate >= max || now < this.changedAt + windowMs) return;
    const windows = Math.floor((now - this.changedAt) / windowMs);
    this.rate = Math.min(max, this.rate + windows * Math.max(1, Math.ceil(max / 10)));
    this.changedAt += windows * windowMs;
  }
}

/** @internal The paces of one client, by conversation; idle ones at full rate are dropped. */
export class Paces {
  private readonly byKey = new Map<string, Pace>();
  private gets = 0;

  get(key: string, settings: PaceSettings, now: number): Pace {
    if (++this.gets % 4096 === 0) this.sweep(now);
    let pace = this.byKey.get(key);
    // A different ceiling (another call's option) starts afresh rather than mixing two windows.
    if (!pace || pace.settings.max !== settings.max || pace.settings.windowMs !== settings.windowMs) {
      pace = new Pace(settings, now);
      this.byKey.set(key, pace);
    }
    return pace;
  }

  /** Current rates, for progress reports. */
  rates(keys: Iterable<string>): Record<string, number> {
    const out: Record<string, number> = {};
    for (const key of keys) {
      const pace = this.byKey.get(key);
      if (pace) out[key] = pace.rate;
    }
    return out;
  }

  private sweep(now: number): void {
    for (const [key, pace] of this.byKey) {
      if (pace.rate >= pace.settings.max && now - pace.lastUsed > 10 * pace.settings.windowMs) this.byKey.delete(key);
    }
  }
}
