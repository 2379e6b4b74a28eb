import assert from 'node:assert/strict';
import * as monspec from '../../../lib/monspec';

describe('lib/monspec', () => {
  it('exports the public API from one entry point', () => {
    for (const name of [
      'parseMonspec',
      'validateMonspec',
      'planEvaluation',
      'buildEntitySelector',
      'readWindowValues',
      'planTimeseriesV1',
      'combineV1Totals',
      'evaluatePlan',
      'renderMarkdown',
    ] as const) {
      assert.equal(typeof monspec[name], 'function', name);
    }
    assert.ok(new monspec.MonspecValidationError([{ path: '', message: 'm' }]) instanceof Error);
    assert.ok(new monspec.MonspecRequestError('service', 'm') instanceof Error);
    assert.ok(new monspec.MetricResponseError('responses[0]', 'm') instanceof Error);
  });

  it('runs a whole evaluation from monspec text to Markdown', () => {
    const { monspec: spec } = monspec.parseMonspec(`{
      // one service, one comparison
      "Checkout": {
        "environments": {
          "Canary": { "entities": ["SERVICE-0000000000000001"] },
          "Stable": { "tags": [{ "key": "track", "value": "stable" }] },
        },
        "comparisons": [{ "name": "CanaryToStable", "source": "Canary", "compare": "Stable", "scalefactorperc": { "default": 10 } }],
        "perfsignature": [{ "metric": "builtin:service.response.time", "aggregate": "p95" }],
      },
    }`);
    const plan = monspec.planEvaluation(spec, {
      service: 'Checkout',
      comparison: 'CanaryToStable',
      windowMinutes: 10,
      endMs: Date.UTC(2024, 0, 1),
    });
    const selector = 'builtin:service.response.time:splitBy():percentile(95)';
    assert.deepEqual(plan.source.queries, [{ metricSelector: selector, selectors: [selector] }]);
    const body = (value: number) => [{ result: [{ metricId: selector, data: [{ values: [value] }] }] }];
    const result = monspec.evaluatePlan(plan, {
      source: monspec.readWindowValues(plan.source, plan, body(300_000)),
      compare: monspec.readWindowValues(plan.compare, plan, body(250_000)),
    });
    assert.equal(result.status, 'fail');
    assert.equal(
      result.summary,
      'fail: 1 of 1 metric violated — Response time (p95) in Canary 300 ms > 275 ms',
    );
    assert.equal(result.source.entitySelector, 'type(SERVICE),entityId("SERVICE-0000000000000001")');
    assert.equal(result.compare.entitySelector, 'type(SERVICE),tag("track:stable")');
    assert.match(monspec.renderMarkdown(result), /^## FAIL: Checkout \/ CanaryToStable\n/);
  });
});
