import assert from 'node:assert/strict';

import { parseMetricSelector, splitMetricSelectors } from '../../../sim/dynatrace/metric-selector';
import { SelectorSyntaxError } from '../../../sim/dynatrace/selector-criteria';

describe('splitMetricSelectors', () => {
  it('splits at top-level commas only', () => {
    assert.deepEqual(
      splitMetricSelectors('builtin:service.response.time:splitBy("dt.entity.service","x"), "a,b":avg'),
      ['builtin:service.response.time:splitBy("dt.entity.service","x")', '"a,b":avg'],
    );
  });

  it('reports unbalanced parentheses', () => {
    assert.throws(() => splitMetricSelectors('a:splitBy('), /unbalanced "\("/);
    assert.throws(() => splitMetricSelectors('a:avg)'), /unbalanced "\)" at position 6/);
  });
});

describe('parseMetricSelector', () => {
  it('keeps the namespace colon in the key and reads the transformation chain', () => {
    assert.deepEqual(parseMetricSelector(' builtin:service.response.time:splitBy():percentile(90) '), {
      text: 'builtin:service.response.time:splitBy():percentile(90)',
      key: 'builtin:service.response.time',
      transformations: [
        { kind: 'splitBy', dimensions: [] },
        { kind: 'aggregation', statistic: { aggregation: 'percentile', percentile: 90 } },
      ],
    });
  });

  it('accepts quoted keys with ~ escapes', () => {
    assert.equal(
      parseMetricSelector('"builtin:service.errors.total.rate":fold(avg)').key,
      'builtin:service.errors.total.rate',
    );
    assert.deepEqual(parseMetricSelector('"builtin:x~~y":names').transformations, [{ kind: 'names' }]);
    assert.equal(parseMetricSelector('"builtin:x~~y":names').key, 'builtin:x~y');
  });

  it('reads a key without namespace and keeps a transformation right after it', () => {
    assert.deepEqual(parseMetricSelector('custom.metric:avg').transformations, [
      { kind: 'aggregation', statistic: { aggregation: 'avg' } },
    ]);
    assert.equal(parseMetricSelector('custom.metric:avg').key, 'custom.metric');
  });

  it('reads splitBy dimensions, fold with and without aggregation, and every aggregation', () => {
    assert.deepEqual(parseMetricSelector('builtin:a.b:splitBy("dt.entity.service")').transformations, [
      { kind: 'splitBy', dimensions: ['dt.entity.service'] },
    ]);
    assert.deepEqual(parseMetricSelector('builtin:a.b:fold').transformations, [{ kind: 'fold' }]);
    assert.deepEqual(parseMetricSelector('builtin:a.b:fold(max)').transformations, [
      { kind: 'fold', statistic: { aggregation: 'max' } },
    ]);
    assert.deepEqual(parseMetricSelector('builtin:a.b:fold(percentile(95))').transformations, [
      { kind: 'fold', statistic: { aggregation: 'percentile', percentile: 95 } },
    ]);
    for (const aggregation of ['auto', 'avg', 'count', 'max', 'median', 'min', 'sum', 'value'] as const) {
      assert.deepEqual(parseMetricSelector(`builtin:a.b:${aggregation}`).transformations, [
        { kind: 'aggregation', statistic: { aggregation } },
      ]);
    }
  });

  for (const [text, message] of [
    ['builtin:a.b:filter(eq(x,y))', /the :filter transformation is not supported by the simulator/],
    ['builtin:a.b:timeshift(1h)', /the :timeshift transformation is not supported/],
    ['builtin:a.b:bogus', /unknown transformation :bogus/],
    ['builtin:a.b:percentile(101)', /percentile\(N\) needs N between 0 and 100, found "101"/],
    ['builtin:a.b:percentile', /percentile\(…\) takes exactly one value, found 0/],
    ['builtin:a.b:avg(1)', /:avg takes no arguments/],
    ['builtin:a.b:names(x)', /:names takes no arguments/],
    ['builtin:a.b:fold(bogus)', /unknown aggregation "bogus"/],
    ['builtin:a.b:fold(avg,max)', /fold takes at most one aggregation/],
    ['builtin:a.b::avg', /empty transformation/],
    ['"builtin:a.b"x:avg', /unexpected text after the quoted metric key/],
    ['builtin:a b', /invalid metric key "builtin:a b"/],
    ['', /empty metric selector/],
  ] as const) {
    it(`rejects ${JSON.stringify(text)}`, () => {
      assert.throws(
        () => parseMetricSelector(text),
        (error: unknown) => {
          assert.ok(error instanceof SelectorSyntaxError);
          assert.match(error.message, message);
          return true;
        },
      );
    });
  }
});
