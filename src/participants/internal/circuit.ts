// The bulk run's circuit breaker: when Twilio fails create after create (5xx, timeouts, resets),
// every row would fail the same way, so sending stops for a pause, then one create probes; each
// failed probe doubles the pause, and after `tries` of them the run stops (a rerun resumes).
// A success, or any answer that shows the service working (a 4xx), closes it again.
// Until answers show the service working, at most `after` calls are in flight (doubling with each
// answer, as TCP's slow start): a failed create is reported only after addParticipant's lookup, a
// second later, and without this cap a whole second's creates would go out before the first failure.

/** @internal */
export class Circuit {
  #inRow = 0;
  #failedProbes = 0;
  /** 0 while closed; else no start before this time. */
  #openUntil = 0;
  #probe: object | undefined;
  /** Calls in flight allowed now: `after` at the start and after a failure, doubling with each answer. */
  inFlightCap: number;

  constructor(
    private readonly after: number,
    private readonly tries: number,
    private readonly pauseMs: number,
  ) {
    this.inFlightCap = after;
  }

  /** The earliest time the next start may go (Infinity: after the probe's answer). */
  readyAt(): number {
    return this.#probe ? Infinity : this.#openUntil;
  }

  /** Records a start: while open, the first one after the pause is the probe. */
  started(item: object): void {
    if (this.#openUntil > 0 && !this.#probe) this.#probe = item;
  }

  /** The service answered (a success, or a failure that is the row's own): closed again. */
  answered(): void {
    this.#inRow = this.#failedProbes = this.#openUntil = 0;
    this.#probe = undefined;
    this.inFlightCap *= 2; // Infinity in the end: no cap
  }

  /** A failure that would fail every row; true when the tries are used up and the run must stop. */
  failed(item: object, now: number): boolean {
    this.#inRow++;
    this.inFlightCap = this.after;
    if (this.#probe === item) {
      this.#probe = undefined;
      if (++this.#failedProbes >= this.tries) return true;
      this.#openUntil = now + this.pauseMs * 2 ** this.#failedProbes;
    } else if (this.#openUntil === 0 && this.#inRow >= this.after) this.#openUntil = now + this.pauseMs;
    return false;
  }
}
