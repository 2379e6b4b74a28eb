import assert from 'node:assert/strict';

import * as http from '../../../lib/http';

describe('lib/http entry point', () => {
  it('exports the client factory, the error class and the building blocks service clients use', () => {
    assert.equal(typeof http.createHttpClient, 'function');
    assert.equal(typeof http.HttpError, 'function');
    assert.equal(typeof http.createRedactor, 'function');
    assert.equal(typeof http.readRateLimitReset, 'function');
    assert.equal(typeof http.systemClock.now, 'function');
    assert.deepEqual(http.DEFAULT_RETRY_POLICY, {
      maxRetries: 3,
      baseDelayMs: 250,
      maxDelayMs: 8000,
      maxRateLimitWaitMs: 30_000,
    });
    assert.equal(typeof http.wire.object, 'function');
    assert.equal(typeof http.WireFormatError, 'function');
  });
});
