import assert from 'node:assert/strict';

import { METRICS, type MetricDefinition } from '../../../sim/dynatrace/metric-catalog';
import {
  type MinuteContribution,
  aggregateValues,
  computeStatistic,
  effectiveAggregation,
} from '../../../sim/dynatrace/metric-statistics';

function metric(key: string): MetricDefinition {
  const definition = METRICS.get(key);
  if (!definition) throw new Error(`no metric ${key}`);
  return definition;
}

const responseTime = metric('builtin:service.response.time');
const failureRate = metric('builtin:service.errors.total.rate');
const successRate = metric('builtin:service.successes.server.rate');
const requestCount = metric('builtin:service.requestCount.total');
const successCount = metric('builtin:service.errors.total.successCount');
const fourxx = metric('builtin:service.errors.fourxx.count');

// Two entities in minute 0, one in minute 1; every representative duration stands for 2 requests.
const minutes: MinuteContribution[] = [
  { minuteStart: 0, sample: { requests: 4, failures: 1, responseTimesMicros: [100, 300] } },
  { minuteStart: 60_000, sample: { requests: 2, failures: 0, responseTimesMicros: [200] } },
  { minuteStart: 0, sample: { requests: 6, failures: 3, responseTimesMicros: [400, 400, 100] } },
];

describe('computeStatistic', () => {
  describe('for response times', () => {
    for (const [aggregation, expected] of [
      ['avg', 250],
      ['auto', 250],
      ['value', 250],
      ['sum', 3000],
      ['count', 12],
      ['min', 100],
      ['max', 400],
      ['median', 200],
    ] as const) {
      it(`computes ${aggregation} as documented (request-weighted)`, () => {
        assert.equal(computeStatistic(responseTime, { aggregation }, minutes), expected);
      });
    }

    it('computes percentiles by weighted nearest rank', () => {
      assert.equal(
        computeStatistic(responseTime, { aggregation: 'percentile', percentile: 90 }, minutes),
        400,
      );
      assert.equal(
        computeStatistic(responseTime, { aggregation: 'percentile', percentile: 0 }, minutes),
        100,
      );
      assert.equal(
        computeStatistic(responseTime, { aggregation: 'percentile', percentile: 50 }, minutes),
        200,
      );
    });

    it('has no average without requests but counts zero requests', () => {
      const idle = [{ minuteStart: 0, sample: { requests: 0, failures: 0, responseTimesMicros: [] } }];
      assert.equal(computeStatistic(responseTime, { aggregation: 'avg' }, idle), null);
      assert.equal(computeStatistic(responseTime, { aggregation: 'count' }, idle), 0);
    });
  });

  describe('for rates', () => {
    it('pools failures over requests for avg', () => {
      assert.equal(computeStatistic(failureRate, { aggregation: 'avg' }, minutes), (4 / 12) * 100);
      assert.equal(computeStatistic(successRate, { aggregation: 'auto' }, minutes), (8 / 12) * 100);
    });

    it('uses per-minute pooled rates for min, max, median and sum, and requests for count', () => {
      assert.equal(computeStatistic(failureRate, { aggregation: 'min' }, minutes), 0);
      assert.equal(computeStatistic(failureRate, { aggregation: 'max' }, minutes), 40);
      assert.equal(computeStatistic(failureRate, { aggregation: 'median' }, minutes), 0);
      assert.equal(computeStatistic(failureRate, { aggregation: 'sum' }, minutes), 40);
      assert.equal(computeStatistic(failureRate, { aggregation: 'count' }, minutes), 12);
    });

    it('has no rate without requests', () => {
      const idle = [{ minuteStart: 0, sample: { requests: 0, failures: 0, responseTimesMicros: [] } }];
      assert.equal(computeStatistic(failureRate, { aggregation: 'avg' }, idle), null);
      assert.equal(computeStatistic(failureRate, { aggregation: 'max' }, idle), null);
    });
  });

  describe('for counts', () => {
    it('totals the slot for value, sum and auto', () => {
      for (const aggregation of ['value', 'sum', 'auto'] as const) {
        assert.equal(computeStatistic(requestCount, { aggregation }, minutes), 12);
      }
      assert.equal(computeStatistic(successCount, { aggregation: 'value' }, minutes), 8);
      assert.equal(computeStatistic(fourxx, { aggregation: 'value' }, minutes), 0);
    });

    it('uses per-minute totals for avg, min, max, median and percentile, and counts minutes', () => {
      assert.equal(computeStatistic(requestCount, { aggregation: 'avg' }, minutes), 6);
      assert.equal(computeStatistic(requestCount, { aggregation: 'min' }, minutes), 2);
      assert.equal(computeStatistic(requestCount, { aggregation: 'max' }, minutes), 10);
      assert.equal(computeStatistic(requestCount, { aggregation: 'median' }, minutes), 2);
      assert.equal(
        computeStatistic(requestCount, { aggregation: 'percentile', percentile: 75 }, minutes),
        10,
      );
      assert.equal(computeStatistic(requestCount, { aggregation: 'count' }, minutes), 2);
    });
  });

  it('answers null for a slot without samples', () => {
    for (const definition of [responseTime, failureRate, requestCount]) {
      assert.equal(computeStatistic(definition, { aggregation: 'auto' }, []), null);
    }
  });
});

describe('aggregateValues', () => {
  it('folds slot values', () => {
    assert.equal(aggregateValues('avg', undefined, [1, 2, 6]), 3);
    assert.equal(aggregateValues('sum', undefined, [1, 2, 6]), 9);
    assert.equal(aggregateValues('min', undefined, [1, 2, 6]), 1);
    assert.equal(aggregateValues('max', undefined, [1, 2, 6]), 6);
    assert.equal(aggregateValues('median', undefined, [6, 1, 2]), 2);
    assert.equal(aggregateValues('percentile', 100, [6, 1, 2]), 6);
    assert.equal(aggregateValues('count', undefined, [6, 1, 2]), 3);
  });

  it('gives null for no values, except a count of zero', () => {
    assert.equal(aggregateValues('avg', undefined, []), null);
    assert.equal(aggregateValues('count', undefined, []), 0);
  });
});

describe('effectiveAggregation', () => {
  it('resolves auto to the default and value to avg or sum', () => {
    assert.equal(effectiveAggregation(responseTime, 'auto'), 'avg');
    assert.equal(effectiveAggregation(responseTime, 'value'), 'avg');
    assert.equal(effectiveAggregation(requestCount, 'auto'), 'sum');
    assert.equal(effectiveAggregation(requestCount, 'max'), 'max');
  });
});
