/** How persistently a request is retried. All durations in milliseconds. */
export interface RetryPolicy {
  /** Retries after the first attempt; `maxRetries + 1` attempts in total. */
  readonly maxRetries: number;
  /** The first backoff ceiling; it doubles with every retry. */
  readonly baseDelayMs: number;
  /** The backoff ceiling is never raised above this. */
  readonly maxDelayMs: number;
  /**
   * The longest rate-limit wait the client accepts. A 429 asking for more fails at once, because a
   * release gate or a webhook cannot sit through a long throttle and should report it instead.
   */
  readonly maxRateLimitWaitMs: number;
}

/** The defaults: 3 retries, 250 ms growing to at most 8 s, rate-limit waits up to 30 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRateLimitWaitMs: 30_000,
};

/**
 * Fills in the defaults and rejects values that would make the retry loop unbounded or negative.
 * `where` names the option in the error, e.g. `retry` or `Dynatrace client retry`.
 */
export function resolveRetryPolicy(
  overrides: Partial<RetryPolicy> | undefined,
  where = 'retry',
): RetryPolicy {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...definedEntries(overrides) };
  requireInteger(policy.maxRetries, `${where}.maxRetries`, 0, 20);
  requireInteger(policy.baseDelayMs, `${where}.baseDelayMs`, 0, 600_000);
  requireInteger(policy.maxDelayMs, `${where}.maxDelayMs`, 0, 600_000);
  requireInteger(policy.maxRateLimitWaitMs, `${where}.maxRateLimitWaitMs`, 0, 3_600_000);
  return policy;
}

function definedEntries(overrides: Partial<RetryPolicy> | undefined): Partial<RetryPolicy> {
  if (overrides === undefined) {
    return {};
  }
  return Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
}

function requireInteger(value: number, name: string, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}; found ${String(value)}.`);
  }
}
