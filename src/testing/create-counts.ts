// What the fake server counts of creates, per conversation: the most it received in any one
// second (refused ones included) and the 429s it sent, so tests assert a client's pacing by what
// the server saw rather than by wall time.

export class CreateCounts {
  /** Receive times within the last second, per conversation. */
  private readonly recent = new Map<string, number[]>();
  private readonly peaks = new Map<string, number>();
  /** 429s sent, per conversation. */
  readonly rejected = new Map<string, number>();

  saw(conversation: string, admitted: boolean, now = performance.now()): void {
    let times = this.recent.get(conversation);
    if (!times) this.recent.set(conversation, (times = []));
    let drop = 0;
    while (drop < times.length && times[drop]! <= now - 1000) drop++;
    if (drop) times.splice(0, drop);
    times.push(now);
    if (times.length > (this.peaks.get(conversation) ?? 0)) this.peaks.set(conversation, times.length);
    if (!admitted) this.rejected.set(conversation, (this.rejected.get(conversation) ?? 0) + 1);
  }

  /** The most create requests each conversation received in any one second. */
  peakPerSecond(): Record<string, number> {
    return Object.fromEntries(this.peaks);
  }
}
