/** How far behind the real clock the demo clock starts: room for every time jump of the four stories. */
export const DEFAULT_START_BEHIND_MS = 3 * 60 * 60_000;

/** The demo clock never comes closer to the real clock than this, so a gate window never ends in the future. */
export const MIN_LEAD_MS = 60_000;

/**
 * The time the simulators live in during the demo: a clock that runs at real speed but starts hours in the
 * past and can jump forward. A jump stands for time that passes in a real pipeline — a five-minute load
 * test, Dynatrace's detection window — so the demo can show minutes of traffic in seconds. It never
 * overtakes the real clock, because the gate function (which keeps its own, real clock) refuses windows
 * that end in the future.
 */
export class DemoClock {
  private behindMs: number;

  constructor(
    private readonly realNow: () => number = Date.now,
    startBehindMs: number = DEFAULT_START_BEHIND_MS,
  ) {
    if (!Number.isFinite(startBehindMs) || startBehindMs < MIN_LEAD_MS) {
      throw new RangeError(
        `DemoClock: startBehindMs must be at least ${MIN_LEAD_MS} ms (the minimum lead), found ${startBehindMs}`,
      );
    }
    this.behindMs = startBehindMs;
  }

  /** The demo time, epoch ms. */
  now(): number {
    return this.realNow() - this.behindMs;
  }

  /**
   * Jumps `ms` forward and returns the new demo time.
   *
   * @throws RangeError when the jump would bring the demo clock within `MIN_LEAD_MS` of the real clock.
   */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`DemoClock.advance: expected a duration ≥ 0 ms, found ${ms}`);
    }
    if (this.behindMs - ms < MIN_LEAD_MS) {
      throw new RangeError(
        `DemoClock.advance(${ms}): the demo clock is ${this.behindMs} ms behind the real clock and must stay at ` +
          `least ${MIN_LEAD_MS} ms behind it; start it further back`,
      );
    }
    this.behindMs -= ms;
    return this.now();
  }
}
