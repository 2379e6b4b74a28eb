import assert from 'node:assert/strict';
import { decideRetry, defaultRetryPolicy } from '../../../lib/azure-devops/retry-policy';

describe('decideRetry', () => {
  const half = (): number => 0.5;

  it('retries 500, 502, 503 and 504 of an idempotent request with full-jitter exponential backoff', () => {
    for (const status of [500, 502, 503, 504]) {
      assert.deepEqual(decideRetry({ status, idempotent: true }, 1, defaultRetryPolicy, half), {
        retry: true,
        delayMs: 125,
      });
    }
    assert.deepEqual(decideRetry({ status: 503, idempotent: true }, 3, defaultRetryPolicy, half), {
      retry: true,
      delayMs: 500,
    });
  });

  it('caps the backoff at maxDelayMs', () => {
    assert.deepEqual(
      decideRetry(
        { status: 503, idempotent: true },
        3,
        { ...defaultRetryPolicy, maxDelayMs: 600 },
        () => 0.999,
      ),
      { retry: true, delayMs: 599 },
    );
  });

  it('prefers the wait the service asked for', () => {
    assert.deepEqual(
      decideRetry({ status: 503, retryAfterMs: 4_000, idempotent: true }, 1, defaultRetryPolicy, half),
      { retry: true, delayMs: 4_000 },
    );
  });

  it('gives up after maxRetries retries', () => {
    assert.deepEqual(decideRetry({ status: 503, idempotent: true }, 4, defaultRetryPolicy, half), {
      retry: false,
    });
  });

  it('does not retry client errors, including 401, 403, 404 and 409', () => {
    for (const status of [400, 401, 403, 404, 409])
      assert.deepEqual(decideRetry({ status, idempotent: true }, 1, defaultRetryPolicy, half), {
        retry: false,
      });
  });

  it('retries a 429 for any method after Retry-After plus jitter, and gives up when the wait is too long', () => {
    assert.deepEqual(
      decideRetry({ status: 429, retryAfterMs: 1_000, idempotent: false }, 1, defaultRetryPolicy, half),
      { retry: true, delayMs: 1_125 },
    );
    assert.deepEqual(
      decideRetry({ status: 429, retryAfterMs: 31_000, idempotent: true }, 1, defaultRetryPolicy, half),
      {
        retry: false,
        rateLimitedForMs: 31_000,
      },
    );
  });

  it('does not repeat a non-idempotent request after a 5xx, a timeout or a dropped connection', () => {
    assert.deepEqual(decideRetry({ status: 503, idempotent: false }, 1, defaultRetryPolicy, half), {
      retry: false,
    });
    assert.deepEqual(decideRetry({ timedOut: true, idempotent: false }, 1, defaultRetryPolicy, half), {
      retry: false,
    });
    assert.deepEqual(
      decideRetry({ networkCode: 'ECONNRESET', idempotent: false }, 1, defaultRetryPolicy, half),
      { retry: false },
    );
  });

  it('repeats any request whose connection was refused, and idempotent ones after timeouts', () => {
    assert.equal(
      decideRetry({ networkCode: 'ECONNREFUSED', idempotent: false }, 1, defaultRetryPolicy, half).retry,
      true,
    );
    assert.equal(decideRetry({ timedOut: true, idempotent: true }, 1, defaultRetryPolicy, half).retry, true);
  });
});
