import assert from 'node:assert/strict';
import { combineV1Totals } from '../../../lib/monspec/combine-v1-totals';
import { type V1Request } from '../../../lib/monspec/plan-timeseries-v1';

function request(overrides: Partial<V1Request>): V1Request {
  return {
    role: 'source',
    path: 'perfsignature[0]',
    timeseriesId: 'com.dynatrace.builtin:service.failurerate',
    aggregationType: 'AVG',
    startTimestamp: 0,
    endTimestamp: 300_000,
    queryMode: 'TOTAL',
    conversion: 'none',
    tags: ['DeploymentGroup:Staging'],
    ...overrides,
  };
}

describe('combineV1Totals', () => {
  const exact: readonly [V1Request['aggregationType'], number][] = [
    ['MIN', 1],
    ['MAX', 5],
    ['SUM', 9],
    ['COUNT', 9],
  ];
  for (const [aggregationType, value] of exact) {
    it(`combines ${aggregationType} exactly across entities`, () => {
      assert.deepEqual(combineV1Totals(request({ aggregationType }), [1, 5, 3]), { value, exact: true });
    });
  }

  it('is exact for an average of one entity', () => {
    assert.deepEqual(combineV1Totals(request({}), [2.5]), { value: 2.5, exact: true });
  });

  it('approximates an average of several entities by their unweighted mean and says so', () => {
    assert.deepEqual(combineV1Totals(request({ role: 'compare' }), [1, 2, 6]), {
      value: 3,
      exact: false,
      note: "compare value approximated: the unweighted mean of 3 entities' avg (Timeseries API v1 reports one total per entity)",
    });
  });

  it('approximates percentiles of several entities too', () => {
    const combined = combineV1Totals(request({ aggregationType: 'PERCENTILE', percentile: 90 }), [100, 300]);
    assert.equal(combined.exact, false);
    assert.equal(combined.value, 200);
    assert.match(combined.note ?? '', /entities' p90/);
  });

  it('reports no data when no entity has a total', () => {
    assert.deepEqual(combineV1Totals(request({}), []), { value: null, exact: true });
    assert.deepEqual(combineV1Totals(request({}), [Number.NaN]), { value: null, exact: true });
  });

  it('converts microseconds to milliseconds', () => {
    const combined = combineV1Totals(
      request({ aggregationType: 'MAX', conversion: 'microseconds-to-milliseconds' }),
      [1500, 250_000],
    );
    assert.equal(combined.value, 250);
  });

  it('turns a request count over the window into requests per minute', () => {
    const combined = combineV1Totals(
      request({
        aggregationType: 'COUNT',
        conversion: 'per-window-minute',
        startTimestamp: 0,
        endTimestamp: 600_000,
      }),
      [400, 600],
    );
    assert.deepEqual(combined, { value: 100, exact: true });
  });
});
