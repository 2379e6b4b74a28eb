import { type Clock } from '../../lib/http/clock';

/** A clock whose `sleep` returns at once, advances time and remembers how long it was asked to wait. */
export interface FakeClock extends Clock {
  /** Every `sleep` duration, in call order. */
  readonly sleeps: readonly number[];
  advance(ms: number): void;
}

/** 2024-01-01T00:00:00Z: a fixed start so timestamps in assertions are readable. */
export const FAKE_CLOCK_START = Date.UTC(2024, 0, 1);

export function createFakeClock(start = FAKE_CLOCK_START): FakeClock {
  const sleeps: number[] = [];
  let now = start;
  return {
    sleeps,
    now: () => now,
    sleep: (ms) => {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

/** A logger that keeps every line, to assert on retries and on the absence of secrets. */
export function createRecordingLogger(): {
  readonly lines: string[];
  debug(message: string): void;
  warn(message: string): void;
} {
  const lines: string[] = [];
  return {
    lines,
    debug: (message) => lines.push(`debug: ${message}`),
    warn: (message) => lines.push(`warn: ${message}`),
  };
}
