import assert from 'node:assert/strict';
import { aggregateKind, parseAggregate, percentileOf } from '../../../lib/monspec/parse-aggregate';

describe('parseAggregate', () => {
  for (const text of ['avg', 'min', 'max', 'sum', 'count', 'median', 'p50', 'p90', 'p99.9', 'p0.5', 'p1']) {
    it(`accepts ${text}`, () => assert.equal(parseAggregate(text), text));
  }
  for (const text of ['AVG', 'average', 'p0', 'p100', 'p', 'p.5', 'p90.', 'p-1', 'percentile', '']) {
    it(`rejects ${JSON.stringify(text)}`, () => assert.equal(parseAggregate(text), undefined));
  }
});

describe('aggregateKind and percentileOf', () => {
  it('read the family and the percentile', () => {
    assert.equal(aggregateKind('p99.9'), 'percentile');
    assert.equal(percentileOf('p99.9'), 99.9);
    assert.equal(aggregateKind('median'), 'median');
    assert.equal(percentileOf('median'), undefined);
  });
});
