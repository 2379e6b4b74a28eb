import { computeBackoffDelay } from '../http';

/**
 * When a failed Azure DevOps request is tried again, and after how long.
 *
 * azure-devops-node-api's transport (typed-rest-client 3.1.2) only retries when `allowRetries` is set,
 * and then only OPTIONS/GET/DELETE/HEAD, only on 502/503/504 and the socket errors ECONNRESET,
 * ENOTFOUND, ESOCKETTIMEDOUT, ETIMEDOUT, ECONNREFUSED and EHOSTUNREACH, with a fixed 10–5 120 ms
 * exponential backoff without jitter; it never retries 429 or 500 and ignores `Retry-After`; its own
 * socket timeout ("Request timeout: …") is never retried. So the connection turns those retries off
 * and applies this policy around each call instead (node-api still retries its one `ResourceAreas`
 * lookup itself, up to 5 times, which `WebApi.getLocationsApi` hard-codes).
 *
 * - 429: retried for every method (a throttled request was not executed), after `Retry-After` (or
 *   until `X-RateLimit-Reset`) plus a little jitter; a wait beyond `maxRateLimitWaitMs` gives up at once.
 * - 500, 502, 503, 504, timeouts and connection errors: retried only for idempotent requests (GET and
 *   node-api's discovery calls), because a PATCH or POST that failed this way may have taken effect, and
 *   a second redeploy is worse than a reported failure. Exception: a refused connection (ECONNREFUSED)
 *   never reached the service, so it is retried for every method.
 * - Backoff: "full jitter", `random() × min(maxDelayMs, baseDelayMs × 2^(retry−1))`, or the service's
 *   `Retry-After` when it gives one.
 */
export interface RetryPolicy {
  /** Retries after the first attempt; default 3. */
  readonly maxRetries: number;
  /** Default 250 ms. */
  readonly baseDelayMs: number;
  /** Default 8 000 ms. */
  readonly maxDelayMs: number;
  /** Longest wait for a 429 before giving up; default 30 000 ms. */
  readonly maxRateLimitWaitMs: number;
}

/** The defaults documented on {@link RetryPolicy}. */
export const defaultRetryPolicy: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRateLimitWaitMs: 30_000,
};

/** What went wrong with one attempt, as far as the retry decision is concerned. */
export interface AttemptFailure {
  readonly status?: number;
  readonly timedOut?: boolean;
  readonly networkCode?: string;
  /** The wait the service asked for (Retry-After or X-RateLimit-Reset), in ms from now. */
  readonly retryAfterMs?: number;
  /** Whether repeating the request cannot change the outcome (GET, OPTIONS). */
  readonly idempotent: boolean;
}

/** The decision for one failed attempt. */
export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number }
  | { readonly retry: false; readonly rateLimitedForMs?: number };

const retriedStatuses = new Set([500, 502, 503, 504]);
const rateLimitJitterMs = 250;

/**
 * Decides whether to try again after the `attempt`-th attempt (1-based) failed.
 *
 * @param random a source of numbers in [0, 1), injectable for deterministic tests
 */
export function decideRetry(
  failure: AttemptFailure,
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
): RetryDecision {
  if (failure.status === 429) {
    const wait = failure.retryAfterMs ?? backoff(attempt, policy, random);
    if (wait > policy.maxRateLimitWaitMs) return { retry: false, rateLimitedForMs: wait };
    if (attempt > policy.maxRetries) return { retry: false, rateLimitedForMs: wait };
    return { retry: true, delayMs: wait + Math.floor(random() * rateLimitJitterMs) };
  }
  if (attempt > policy.maxRetries) return { retry: false };
  const transient =
    (failure.status !== undefined && retriedStatuses.has(failure.status)) ||
    failure.timedOut === true ||
    failure.networkCode !== undefined;
  if (!transient) return { retry: false };
  if (!failure.idempotent && failure.networkCode !== 'ECONNREFUSED') return { retry: false };
  return { retry: true, delayMs: failure.retryAfterMs ?? backoff(attempt, policy, random) };
}

function backoff(attempt: number, policy: RetryPolicy, random: () => number): number {
  return computeBackoffDelay(attempt - 1, policy, random);
}
