import assert from 'node:assert/strict';

import fc from 'fast-check';

import { chooseChartScale } from '../../../../gate-function/src/report/choose-chart-scale';

describe('chooseChartScale', () => {
  it('starts non-negative data at zero and uses round steps', () => {
    assert.deepEqual(chooseChartScale(90, 345), { min: 0, max: 400, ticks: [0, 100, 200, 300, 400] });
    assert.deepEqual(chooseChartScale(0.2, 1.15), { min: 0, max: 1.5, ticks: [0, 0.5, 1, 1.5] });
    assert.deepEqual(chooseChartScale(0.1, 0.3).ticks, [0, 0.1, 0.2, 0.3], 'no binary noise in the ticks');
  });

  it('extends below zero for negative data', () => {
    assert.deepEqual(chooseChartScale(-3, 7), { min: -5, max: 7.5, ticks: [-5, -2.5, 0, 2.5, 5, 7.5] });
  });

  it('gives a flat series room around its value', () => {
    assert.deepEqual(chooseChartScale(0, 0).ticks, [0, 0.25, 0.5, 0.75, 1]);
    assert.deepEqual(chooseChartScale(-4, -4), { min: -6, max: -2, ticks: [-6, -5, -4, -3, -2] });
    assert.deepEqual(chooseChartScale(120, 120), { min: 0, max: 150, ticks: [0, 50, 100, 150] });
  });

  it('always covers the data with a few evenly spaced ticks', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        (a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const { min, max, ticks } = chooseChartScale(low, high);
          assert.ok(min <= low && max >= high, `${min}..${max} must cover ${low}..${high}`);
          assert.ok(ticks.length >= 2 && ticks.length <= 11, `${ticks.length} ticks`);
          const step = (ticks[1] as number) - (ticks[0] as number);
          ticks.forEach((tick, index) => {
            assert.ok(Math.abs(tick - (min + index * step)) <= Math.abs(step) * 1e-9 + 1e-12);
          });
        },
      ),
    );
  });
});
