import assert from 'node:assert/strict';
import { computeEventWindow, EVENT_TOLERANCE_MS } from '../../../lib/remediation';
import { MINUTE, T0 } from './remediation-test-kit';

describe('computeEventWindow', () => {
  it('spans the lookback before the problem and a small tolerance after its start', () => {
    assert.deepEqual(computeEventWindow(T0, 180), { from: T0 - 180 * MINUTE, to: T0 + EVENT_TOLERANCE_MS });
  });
});
