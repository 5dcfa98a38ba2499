// One conversation's pace on a clock of our own (every call takes `now`): what a burst of 429s cuts,
// that a refused create leaves the window, and the recovery. Deterministic: no server, no timer.
import { describe, expect, it } from "vitest";
import { Pace, type Slot } from "../../src/participants/internal/pace.js";

/** Starts `count` creates as soon as the pace allows, from `from` on; each answered 10 ms later. */
function burst(pace: Pace, ceiling: number, count: number, from = 0): Slot[] {
  const slots: Slot[] = [];
  let now = from;
  for (let i = 0; i < count; i++) {
    now = Math.max(now, pace.readyAt(now, ceiling));
    slots.push(pace.started(now));
  }
  for (const slot of slots) slot.doneAt = slot.at + 10;
  return slots;
}

describe("a conversation's pace", () => {
  it("takes one off per create a burst's 429s say did not fit, and the refused creates leave the window", () => {
    const pace = new Pace(10, 0);
    const slots = burst(pace, 10, 10);
    // The last three of ten did not fit: the rate is what did, 7 (cutting to 80% gave 8).
    for (const slot of slots.slice(7)) pace.limited(slot.doneAt, undefined, 10, slot);
    expect(pace.rate).toBe(7);
    // Only the seven Twilio took hold places: the next start waits for the first of them to be a
    // second old, not for the fourth (as it did while refused creates were counted).
    expect(pace.readyAt(slots.at(-1)!.doneAt, 10)).toBe(slots[0]!.doneAt + 1000);
  });

  it("cuts one burst of 429s down to half the rate it began at, no further", () => {
    const pace = new Pace(20, 0);
    const slots = burst(pace, 20, 20);
    for (const slot of slots) pace.limited(slot.doneAt, undefined, 20, slot);
    expect(pace.rate).toBe(10);
  });

  it("a 429 to a start sent before a burst began says nothing new; a later burst cuts again", () => {
    const pace = new Pace(10, 0);
    const [early, ...rest] = burst(pace, 10, 10);
    const cutAt = rest[0]!.doneAt;
    pace.limited(cutAt, undefined, 10, rest[0]);
    expect(pace.rate).toBe(9);
    // The early start's 429 arrives two windows later: the same event, no cut.
    pace.limited(cutAt + 2000, undefined, 10, early);
    expect(pace.rate).toBe(9);
    const later = burst(pace, 10, 1, cutAt + 3000)[0]!;
    pace.limited(later.doneAt, undefined, 10, later);
    expect(pace.rate).toBe(8);
  });

  it("gives back 2/s per quiet window after a cut, up to the ceiling", () => {
    const pace = new Pace(30, 0);
    const slots = burst(pace, 30, 30);
    for (const slot of slots.slice(20)) pace.limited(slot.doneAt, undefined, 30, slot);
    expect(pace.rate).toBe(20);
    // A quarter-second pause after the last 429, then whole quiet windows count.
    const quiet = slots.at(-1)!.doneAt + 250;
    pace.readyAt(quiet + 2500, 30);
    expect(pace.rate).toBe(24);
    pace.readyAt(quiet + 60_000, 30);
    expect(pace.rate).toBe(30);
  });
});
