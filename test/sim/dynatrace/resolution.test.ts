import assert from 'node:assert/strict';

import { formatResolution, parseResolution, slotsFor } from '../../../sim/dynatrace/resolution';

const MINUTE = 60_000;
const T = Date.UTC(2024, 4, 14, 12, 0, 30);

describe('parseResolution', () => {
  it('reads Inf and timespans of minutes, hours, days and weeks', () => {
    assert.deepEqual(parseResolution('Inf', 0, 1), { kind: 'inf' });
    assert.deepEqual(parseResolution('5m', 0, 1), { kind: 'fixed', ms: 5 * MINUTE });
    assert.deepEqual(parseResolution('2h', 0, 1), { kind: 'fixed', ms: 120 * MINUTE });
    assert.deepEqual(parseResolution('1d', 0, 1), { kind: 'fixed', ms: 1_440 * MINUTE });
    assert.deepEqual(parseResolution('1w', 0, 1), { kind: 'fixed', ms: 10_080 * MINUTE });
  });

  it('picks the finest resolution giving at most 120 points by default', () => {
    assert.deepEqual(parseResolution(undefined, T - 2 * 3_600_000, T), { kind: 'fixed', ms: 2 * MINUTE });
    assert.deepEqual(parseResolution(undefined, T - 60 * MINUTE, T), { kind: 'fixed', ms: MINUTE });
  });

  it('honours a requested number of points', () => {
    assert.deepEqual(parseResolution('10', T - 60 * MINUTE, T), { kind: 'fixed', ms: 10 * MINUTE });
    assert.deepEqual(parseResolution('1', T - 3 * 86_400_000, T), { kind: 'fixed', ms: 10_080 * MINUTE });
  });

  for (const [text, message] of [
    ['30s', /expected Inf, a number of points or a timespan/],
    ['1M', /units m h d w/],
    ['0m', /the finest resolution is 1m/],
    ['0', /a number of points must be at least 1/],
    ['0:Inf,1:10', /expected Inf/],
  ] as const) {
    it(`rejects ${text}`, () => {
      assert.throws(() => parseResolution(text, T - MINUTE, T), message);
    });
  }
});

describe('slotsFor', () => {
  it('aligns slots to the resolution and lets the last one end after `to`', () => {
    assert.deepEqual(slotsFor({ kind: 'fixed', ms: 5 * MINUTE }, T - 7 * MINUTE, T), [
      { start: T - 30_000 - 10 * MINUTE, end: T - 30_000 - 5 * MINUTE },
      { start: T - 30_000 - 5 * MINUTE, end: T - 30_000 },
      { start: T - 30_000, end: T - 30_000 + 5 * MINUTE },
    ]);
  });

  it('makes one slot of the whole window for Inf', () => {
    assert.deepEqual(slotsFor({ kind: 'inf' }, T - 5 * MINUTE, T), [{ start: T - 5 * MINUTE, end: T }]);
  });
});

describe('formatResolution', () => {
  it('writes the largest whole unit', () => {
    assert.equal(formatResolution({ kind: 'inf' }), 'Inf');
    assert.equal(formatResolution({ kind: 'fixed', ms: 90 * MINUTE }), '90m');
    assert.equal(formatResolution({ kind: 'fixed', ms: 120 * MINUTE }), '2h');
    assert.equal(formatResolution({ kind: 'fixed', ms: 2_880 * MINUTE }), '2d');
    assert.equal(formatResolution({ kind: 'fixed', ms: 10_080 * MINUTE }), '1w');
  });
});
