import assert from 'node:assert/strict';

import { systemClock } from '../../../lib/http/clock';

describe('systemClock', () => {
  it('reads the wall clock', () => {
    const before = Date.now();
    const now = systemClock.now();
    assert.ok(now >= before && now <= Date.now());
  });

  it('rejects a sleep at once when the signal has already fired', async () => {
    await assert.rejects(systemClock.sleep(60_000, AbortSignal.abort(new Error('stop'))), /stop/);
  });

  it('rejects a sleep in progress when the signal fires, leaving no timer behind', async () => {
    const controller = new AbortController();
    const sleeping = systemClock.sleep(60_000, controller.signal);
    controller.abort();
    await assert.rejects(sleeping);
  });

  it('resolves a short sleep', async () => {
    await systemClock.sleep(1);
  });
});
