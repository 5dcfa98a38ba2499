// Twilio's per-conversation rate limit for the fake server: creates in any sliding one-second
// window, per conversation. Also remembers the most any conversation received in one second, so
// tests can assert a client's pacing by what the server saw rather than by wall time.

export class ConversationRates {
  /** Receive times within the last second, per conversation. */
  private readonly recent = new Map<string, number[]>();
  private readonly peaks = new Map<string, number>();
  /** 429s sent, per conversation. */
  readonly rejected = new Map<string, number>();

  /** `limit` creates per second; undefined or 0 counts without limiting. */
  constructor(private readonly limit: number | undefined) {}

  /** Counts one create for `conversation`; false when it is over the limit (answer 429). */
  admit(conversation: string, now = performance.now()): boolean {
    let times = this.recent.get(conversation);
    if (!times) this.recent.set(conversation, (times = []));
    let drop = 0;
    while (drop < times.length && times[drop]! <= now - 1000) drop++;
    if (drop) times.splice(0, drop);
    times.push(now);
    if (times.length > (this.peaks.get(conversation) ?? 0)) this.peaks.set(conversation, times.length);
    // Accepted ones only count toward the limit: a 429 is never processed.
    if (this.limit && times.length > this.limit) {
      times.pop();
      this.rejected.set(conversation, (this.rejected.get(conversation) ?? 0) + 1);
      return false;
    }
    return true;
  }

  /** The most create requests each conversation received in any one second (rejected ones included). */
  peakPerSecond(): Record<string, number> {
    return Object.fromEntries(this.peaks);
  }
}
