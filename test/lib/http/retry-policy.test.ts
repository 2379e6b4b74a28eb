import assert from 'node:assert/strict';

import { DEFAULT_RETRY_POLICY, resolveRetryPolicy } from '../../../lib/http/retry-policy';

describe('resolveRetryPolicy', () => {
  it('uses 3 retries, 250 ms base, 8 s cap and 30 s of rate-limit waiting by default', () => {
    assert.deepEqual(resolveRetryPolicy(undefined), {
      maxRetries: 3,
      baseDelayMs: 250,
      maxDelayMs: 8000,
      maxRateLimitWaitMs: 30_000,
    });
    assert.deepEqual(resolveRetryPolicy({}), DEFAULT_RETRY_POLICY);
  });

  it('overrides only the given values and ignores explicit undefined', () => {
    assert.deepEqual(resolveRetryPolicy({ maxRetries: 0, maxDelayMs: undefined }), {
      ...DEFAULT_RETRY_POLICY,
      maxRetries: 0,
    });
  });

  it('rejects values that would make retrying unbounded or negative, naming the option', () => {
    assert.throws(
      () => resolveRetryPolicy({ maxRetries: -1 }),
      /retry\.maxRetries must be an integer from 0 to 20; found -1/,
    );
    assert.throws(() => resolveRetryPolicy({ maxRetries: 1.5 }), /retry\.maxRetries/);
    assert.throws(() => resolveRetryPolicy({ baseDelayMs: Number.POSITIVE_INFINITY }), /retry\.baseDelayMs/);
    assert.throws(
      () => resolveRetryPolicy({ maxRateLimitWaitMs: -5 }, 'dynatrace.retry'),
      /dynatrace\.retry\.maxRateLimitWaitMs/,
    );
  });
});
