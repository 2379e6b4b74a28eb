import assert from 'node:assert/strict';

import { WaitTimeoutError, withTimeout } from '../../../scripts/demo/with-timeout';

describe('withTimeout', () => {
  it('passes on the value of a promise that settles in time', async () => {
    assert.equal(await withTimeout(Promise.resolve(42), 1000, 'the answer'), 42);
  });

  it('passes on the rejection of a promise that fails in time', async () => {
    await assert.rejects(withTimeout(Promise.reject(new Error('boom')), 1000, 'the answer'), /boom/);
  });

  it('gives up on a promise that never settles, naming what it waited for', async () => {
    await assert.rejects(
      withTimeout(new Promise<never>(() => undefined), 10, 'the webhook calls'),
      (error: unknown) =>
        error instanceof WaitTimeoutError &&
        error.message === 'the webhook calls did not finish within 10 ms',
    );
  });
});
