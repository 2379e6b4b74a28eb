import { type RetryPolicy } from './retry-policy';

/**
 * The wait before retry number `retryIndex` (0 for the first retry): "full jitter" exponential
 * backoff, a uniformly random delay between 0 and `min(maxDelayMs, baseDelayMs × 2^retryIndex)`.
 *
 * Full jitter spreads the retries of many clients that failed at the same moment (a Dynatrace
 * cluster hiccup hits every gate evaluation at once) instead of synchronising them into waves.
 *
 * @param random - a function returning a number in [0, 1), injectable for deterministic tests.
 */
export function computeBackoffDelay(
  retryIndex: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retryIndex));
  return Math.round(clampUnit(random()) * ceiling);
}

function clampUnit(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
