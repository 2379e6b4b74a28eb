import assert from 'node:assert/strict';

import { parseTimeParameter } from '../../../sim/dynatrace/time-parameter';

const NOW = Date.UTC(2024, 4, 15, 14, 37, 21, 500); // a Wednesday

describe('parseTimeParameter', () => {
  it('reads epoch milliseconds', () => {
    assert.equal(parseTimeParameter('1589455320000', NOW), 1589455320000);
  });

  for (const [text, expected] of [
    ['2021-01-25T05:57:01.123+01:00', Date.UTC(2021, 0, 25, 4, 57, 1, 123)],
    ['2021-01-25T05:57:01.123Z', Date.UTC(2021, 0, 25, 5, 57, 1, 123)],
    ['2021-01-25T05:57:01', Date.UTC(2021, 0, 25, 5, 57, 1)],
    ['2021-01-25 05:57', Date.UTC(2021, 0, 25, 5, 57)],
    ['2021-01-25T05:57-0230', Date.UTC(2021, 0, 25, 8, 27)],
    ['2021-01-25', Date.UTC(2021, 0, 25)],
  ] as const) {
    it(`reads ISO 8601 ${text} (no zone means UTC)`, () => {
      assert.equal(parseTimeParameter(text, NOW), expected);
    });
  }

  for (const [text, expected] of [
    ['now', NOW],
    ['now-5m', NOW - 5 * 60_000],
    ['now-2h', NOW - 2 * 3_600_000],
    ['now-3d', NOW - 3 * 86_400_000],
    ['now-1w', NOW - 7 * 86_400_000],
    ['now-1M', Date.UTC(2024, 3, 15, 14, 37, 21, 500)],
    ['now-1y', Date.UTC(2023, 4, 15, 14, 37, 21, 500)],
    ['now-2h/h', Date.UTC(2024, 4, 15, 12)],
    ['now/m', Date.UTC(2024, 4, 15, 14, 37)],
    ['now-1d/d', Date.UTC(2024, 4, 14)],
    ['now/w', Date.UTC(2024, 4, 13)],
    ['now/M', Date.UTC(2024, 4, 1)],
    ['now-1y/y', Date.UTC(2023, 0, 1)],
  ] as const) {
    it(`resolves the relative time ${text} against now`, () => {
      assert.equal(parseTimeParameter(text, NOW), expected);
    });
  }

  for (const text of [
    'yesterday',
    'now-5s',
    'now+5m',
    'now-m',
    '2021-13-01',
    '2021-02-30T00:00',
    '2021-01-25T24:00',
    '',
  ]) {
    it(`rejects ${JSON.stringify(text)} saying which forms are accepted`, () => {
      assert.throws(
        () => parseTimeParameter(text, NOW),
        (error: unknown) => {
          assert.ok(error instanceof RangeError);
          assert.match(error.message, /expected/);
          return true;
        },
      );
    });
  }
});
