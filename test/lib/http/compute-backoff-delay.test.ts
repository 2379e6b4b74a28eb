import assert from 'node:assert/strict';

import { computeBackoffDelay } from '../../../lib/http/compute-backoff-delay';

const policy = { baseDelayMs: 250, maxDelayMs: 8000 };

describe('computeBackoffDelay', () => {
  it('doubles the ceiling with every retry', () => {
    const ceilings = [0, 1, 2, 3, 4].map((retry) => computeBackoffDelay(retry, policy, () => 1));
    assert.deepEqual(ceilings, [250, 500, 1000, 2000, 4000]);
  });

  it('never exceeds maxDelayMs', () => {
    assert.equal(
      computeBackoffDelay(10, policy, () => 1),
      8000,
    );
    assert.equal(
      computeBackoffDelay(2000, policy, () => 1),
      8000,
    );
  });

  it('draws the delay uniformly below the ceiling (full jitter)', () => {
    assert.equal(
      computeBackoffDelay(2, policy, () => 0),
      0,
    );
    assert.equal(
      computeBackoffDelay(2, policy, () => 0.25),
      250,
    );
    assert.equal(
      computeBackoffDelay(2, policy, () => 0.5),
      500,
    );
  });

  it('clamps a misbehaving random source into [0, 1]', () => {
    assert.equal(
      computeBackoffDelay(0, policy, () => 7),
      250,
    );
    assert.equal(
      computeBackoffDelay(0, policy, () => -1),
      0,
    );
    assert.equal(
      computeBackoffDelay(0, policy, () => Number.NaN),
      0,
    );
  });
});
