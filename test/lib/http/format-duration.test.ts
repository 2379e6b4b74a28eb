import assert from 'node:assert/strict';

import { formatDuration } from '../../../lib/http/format-duration';

describe('formatDuration', () => {
  it('shows milliseconds below one second', () => {
    assert.equal(formatDuration(0), '0 ms');
    assert.equal(formatDuration(150), '150 ms');
    assert.equal(formatDuration(999.6), '1000 ms');
  });

  it('shows seconds with one decimal below ten seconds', () => {
    assert.equal(formatDuration(1000), '1 s');
    assert.equal(formatDuration(1200), '1.2 s');
    assert.equal(formatDuration(9940), '9.9 s');
  });

  it('shows whole seconds up to ten minutes, minutes beyond', () => {
    assert.equal(formatDuration(10_000), '10 s');
    assert.equal(formatDuration(45_400), '45 s');
    assert.equal(formatDuration(600_000), '10 min');
    assert.equal(formatDuration(750_000), '12.5 min');
  });
});
