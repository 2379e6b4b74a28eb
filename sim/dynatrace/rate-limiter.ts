const WINDOW_MS = 60_000;

/** The outcome of counting one request. */
export interface RateLimitDecision {
  readonly allowed: boolean;
  /** `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` (µs since the epoch). */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Per-endpoint request budget per minute, as Dynatrace's API throttling reports it. Each endpoint's window
 * starts with its first request and lasts one minute of the simulator clock.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly limitPerMinute: number) {
    if (!(Number.isInteger(limitPerMinute) && limitPerMinute > 0)) {
      throw new RangeError(`rateLimitPerMinute must be a positive integer, found ${limitPerMinute}`);
    }
  }

  /** Counts a request to `endpoint` and says whether it is within the budget. */
  consume(endpoint: string, now: number): RateLimitDecision {
    const window = this.current(endpoint, now);
    const allowed = window.count < this.limitPerMinute;
    if (allowed) window.count += 1;
    return { allowed, headers: this.headers(window) };
  }

  /** The headers for `endpoint` without counting a request. */
  peek(endpoint: string, now: number): Readonly<Record<string, string>> {
    return this.headers(this.current(endpoint, now));
  }

  private current(endpoint: string, now: number): { start: number; count: number } {
    let window = this.windows.get(endpoint);
    if (!window || now >= window.start + WINDOW_MS) {
      window = { start: now, count: 0 };
      this.windows.set(endpoint, window);
    }
    return window;
  }

  private headers(window: { start: number; count: number }): Record<string, string> {
    return {
      'X-RateLimit-Limit': String(this.limitPerMinute),
      'X-RateLimit-Remaining': String(Math.max(0, this.limitPerMinute - window.count)),
      'X-RateLimit-Reset': String((window.start + WINDOW_MS) * 1000),
    };
  }
}
