import assert from 'node:assert/strict';

import {
  formatShortTime,
  formatTime,
  formatValue,
  formatWindow,
} from '../../../../gate-function/src/report/format-report-values';

describe('report values', () => {
  it('formats values with their unit, and missing values as no data', () => {
    assert.equal(formatValue(0.575, '%'), '0.58 %');
    assert.equal(formatValue(1186.4, 'req/min'), '1186 req/min');
    assert.equal(formatValue(3, ''), '3');
    assert.equal(formatValue(null, 'ms'), 'no data');
  });

  it('formats times in UTC', () => {
    const time = Date.parse('2026-03-02T08:01:05.250Z');
    assert.equal(formatTime(time), '2026-03-02 08:01:05 UTC');
    assert.equal(formatShortTime(time), '03-02 08:01');
  });

  it('formats a window on one day compactly and a window over midnight in full', () => {
    assert.equal(
      formatWindow('2026-03-02T07:54:00.000Z', '2026-03-02T07:59:00.000Z'),
      '2026-03-02 07:54–07:59 UTC',
    );
    assert.equal(
      formatWindow('2026-03-01T23:58:00.000Z', '2026-03-02T00:03:00.000Z'),
      '2026-03-01 23:58:00 UTC – 2026-03-02 00:03:00 UTC',
    );
    assert.equal(formatWindow('soon', 'later'), 'soon – later');
  });
});
