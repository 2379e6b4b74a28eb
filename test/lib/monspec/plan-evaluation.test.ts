import assert from 'node:assert/strict';
import { MonspecRequestError } from '../../../lib/monspec/monspec-request-error';
import { planEvaluation, type EvaluationRequest } from '../../../lib/monspec/plan-evaluation';
import { definitionOf, END_MS, monspecOf, planScenario, sampleDocument, type Json } from './monspec-test-kit';

const REQUEST: EvaluationRequest = {
  service: 'SampleJSonService',
  comparison: 'StagingToProduction',
  windowMinutes: 5,
  endMs: END_MS,
};

function requestErrorOf(
  request: Partial<EvaluationRequest>,
  document = sampleDocument(),
): MonspecRequestError {
  try {
    planEvaluation(monspecOf(document), { ...REQUEST, ...request });
  } catch (error) {
    assert.ok(error instanceof MonspecRequestError, `expected MonspecRequestError, got ${String(error)}`);
    return error;
  }
  return assert.fail('expected the request to be rejected');
}

describe('planEvaluation', () => {
  describe('windows', () => {
    it('ends both unshifted windows at T and starts them W minutes earlier', () => {
      const plan = planEvaluation(monspecOf(sampleDocument()), REQUEST);
      assert.deepEqual([plan.source.fromMs, plan.source.toMs], [END_MS - 300_000, END_MS]);
      assert.deepEqual([plan.compare.fromMs, plan.compare.toMs], [END_MS - 300_000, END_MS]);
      assert.equal(plan.windowMinutes, 5);
    });

    it('shifts the source and compare windows by their own seconds', () => {
      const plan = planScenario(
        [{ timeseries: 'service.responsetime' }],
        {
          shiftsourcetimeframe: 600,
          shiftcomparetimeframe: 3600,
        },
        { windowMinutes: 15 },
      );
      assert.deepEqual(
        [plan.source.fromMs, plan.source.toMs, plan.source.shiftSeconds],
        [END_MS - 600_000 - 900_000, END_MS - 600_000, 600],
      );
      assert.deepEqual(
        [plan.compare.fromMs, plan.compare.toMs, plan.compare.shiftSeconds],
        [END_MS - 3_600_000 - 900_000, END_MS - 3_600_000, 3600],
      );
    });

    it('accepts fractional shifts and windows', () => {
      const plan = planScenario(
        [{ timeseries: 'service.responsetime' }],
        { shiftsourcetimeframe: 1.5 },
        { windowMinutes: 0.5 },
      );
      assert.deepEqual([plan.source.fromMs, plan.source.toMs], [END_MS - 1500 - 30_000, END_MS - 1500]);
    });
  });

  describe('queries', () => {
    it('chunks 23 distinct selectors into queries of at most 10, in entry order', () => {
      const perfsignature: Json[] = Array.from({ length: 23 }, (_, index) => ({
        metric: `calc:service.metric${index}`,
      }));
      const plan = planScenario(perfsignature);
      const selectors = perfsignature.map((_, index) => `calc:service.metric${index}:splitBy():avg`);
      assert.deepEqual(
        plan.source.queries.map((query) => query.selectors),
        [selectors.slice(0, 10), selectors.slice(10, 20), selectors.slice(20)],
      );
      assert.deepEqual(
        plan.source.queries.map((query) => query.metricSelector),
        [selectors.slice(0, 10).join(','), selectors.slice(10, 20).join(','), selectors.slice(20).join(',')],
      );
      assert.deepEqual(plan.compare.queries, plan.source.queries);
      assert.equal(plan.entries.length, 23);
    });

    it('queries equal selectors once while keeping every entry', () => {
      const plan = planScenario([
        { timeseries: 'service.responsetime', validate: 'upper' },
        { timeseries: 'service.responsetime', upperlimit: 500 },
        { timeseries: 'service.requestspermin', aggregate: 'avg', validate: 'lower' },
        { metric: 'builtin:service.requestCount.total', aggregate: 'count', validate: 'lower' },
      ]);
      assert.deepEqual(plan.source.queries, [
        {
          metricSelector:
            'builtin:service.response.time:splitBy():avg,builtin:service.requestCount.total:splitBy():sum',
          selectors: [
            'builtin:service.response.time:splitBy():avg',
            'builtin:service.requestCount.total:splitBy():sum',
          ],
        },
      ]);
      assert.equal(plan.entries.length, 4);
    });
  });

  describe('entries', () => {
    const cases: readonly [string, Json, string, string, string][] = [
      [
        'a v1 id without prefix',
        { timeseries: 'service.responsetime', aggregate: 'median' },
        'builtin:service.response.time:splitBy():median',
        'Response time',
        'ms',
      ],
      [
        'a percentile',
        { timeseries: 'service.responsetime', aggregate: 'p90' },
        'builtin:service.response.time:splitBy():percentile(90)',
        'Response time',
        'ms',
      ],
      [
        'a fractional percentile',
        { timeseries: 'service.responsetime', aggregate: 'p99.9' },
        'builtin:service.response.time:splitBy():percentile(99.9)',
        'Response time',
        'ms',
      ],
      [
        'the request count of response time',
        { timeseries: 'service.responsetime', aggregate: 'count' },
        'builtin:service.response.time:splitBy():count',
        'Response time',
        'requests',
      ],
      [
        'a failure rate maximum',
        { timeseries: 'service.failurerate', aggregate: 'max' },
        'builtin:service.errors.total.rate:splitBy():max',
        'Failure rate',
        '%',
      ],
      [
        'server-side failures',
        { timeseries: 'service.serversidefailurerate' },
        'builtin:service.errors.server.rate:splitBy():avg',
        'Server-side failure rate',
        '%',
      ],
      [
        'client-side failures',
        { timeseries: 'service.clientsidefailurerate' },
        'builtin:service.errors.client.rate:splitBy():avg',
        'Client-side failure rate',
        '%',
      ],
      [
        'requests per minute as a sum',
        { timeseries: 'service.requestspermin', aggregate: 'sum' },
        'builtin:service.requestCount.total:splitBy():sum',
        'Requests per minute',
        'req/min',
      ],
      [
        'HTTP 5xx errors',
        { timeseries: 'service.errorcounthttp5xx', aggregate: 'count' },
        'builtin:service.errors.fivexx.count:splitBy():sum',
        'HTTP 5xx errors',
        'errors',
      ],
      [
        'HTTP 4xx errors',
        { timeseries: 'service.errorcounthttp4xx', aggregate: 'sum' },
        'builtin:service.errors.fourxx.count:splitBy():sum',
        'HTTP 4xx errors',
        'errors',
      ],
      [
        'a known v2 key',
        { metric: 'builtin:service.response.time', aggregate: 'min' },
        'builtin:service.response.time:splitBy():min',
        'Response time',
        'ms',
      ],
      [
        'an unknown v2 key',
        { metric: 'builtin:host.cpu.usage', aggregate: 'max' },
        'builtin:host.cpu.usage:splitBy():max',
        'builtin:host.cpu.usage',
        '',
      ],
      [
        'a v2 key that needs quoting',
        { metric: 'ext:my_metric"~', aggregate: 'sum' },
        '"ext:my_metric~"~~":splitBy():sum',
        'ext:my_metric"~',
        '',
      ],
      [
        'a verbatim selector',
        {
          metric:
            'builtin:service.keyRequest.count.total:filter(eq("dt.entity.service_method","X")):splitBy():sum',
        },
        'builtin:service.keyRequest.count.total:filter(eq("dt.entity.service_method","X")):splitBy():sum',
        'builtin:service.keyRequest.count.total:filter(eq("dt.entity.service_method","X")):splitBy():sum',
        '',
      ],
    ];
    for (const [what, entry, selector, label, unit] of cases) {
      it(`plans ${what}`, () => {
        const [planned] = planScenario([entry]).entries;
        assert.deepEqual([planned?.selector, planned?.label, planned?.unit], [selector, label, unit]);
      });
    }

    it('marks verbatim selectors so results show where the aggregation lives', () => {
      const [planned] = planScenario([
        { metric: 'builtin:service.response.time:splitBy():avg:toUnit(MicroSecond,Second)' },
      ]).entries;
      assert.equal(planned?.aggregate, 'selector');
      assert.equal(planned?.conversion, 'none');
      assert.equal(planned?.timeseries, undefined);
    });

    it('records the v1 query of catalog metrics', () => {
      const entries = planScenario([
        { metric: 'builtin:service.response.time', aggregate: 'p95' },
        { timeseries: 'service.requestspermin', aggregate: 'avg', validate: 'lower' },
      ]).entries;
      assert.deepEqual(entries[0]?.timeseries, {
        timeseriesId: 'com.dynatrace.builtin:service.responsetime',
        aggregationType: 'PERCENTILE',
        percentile: 95,
      });
      assert.deepEqual(entries[1]?.timeseries, {
        timeseriesId: 'com.dynatrace.builtin:service.requestspermin',
        aggregationType: 'COUNT',
      });
    });
  });

  describe('missing-data policies', () => {
    const entry = [{ timeseries: 'service.responsetime' }];

    it('defaults to fail for missing source data and warn for missing compare data', () => {
      const plan = planScenario(entry);
      assert.deepEqual(plan.onMissingSource, { policy: 'fail', origin: 'default' });
      assert.deepEqual(plan.onMissingCompare, { policy: 'warn', origin: 'default' });
    });

    it("takes the comparison's policies over the defaults", () => {
      const plan = planScenario(entry, { onmissingsource: 'warn', onmissingcompare: 'fail' });
      assert.deepEqual(plan.onMissingSource, { policy: 'warn', origin: 'comparison' });
      assert.deepEqual(plan.onMissingCompare, { policy: 'fail', origin: 'comparison' });
    });

    it("takes the request's policies over the comparison's", () => {
      const plan = planScenario(
        entry,
        { onmissingsource: 'warn', onmissingcompare: 'fail' },
        { onMissingSource: 'pass', onMissingCompare: 'pass' },
      );
      assert.deepEqual(plan.onMissingSource, { policy: 'pass', origin: 'request' });
      assert.deepEqual(plan.onMissingCompare, { policy: 'pass', origin: 'request' });
    });
  });

  describe('request errors', () => {
    it('rejects an unknown service and lists the defined ones', () => {
      const error = requestErrorOf({ service: 'SampleJsonService' });
      assert.equal(error.path, 'service');
      assert.equal(
        error.message,
        'service "SampleJsonService" is not defined in the monspec; defined: SampleJSonService; did you mean "SampleJSonService"?',
      );
    });

    it('rejects an unknown comparison and lists the defined ones', () => {
      const error = requestErrorOf({ comparison: 'Nightly' });
      assert.equal(error.path, 'comparison');
      assert.equal(
        error.message,
        'comparison "Nightly" is not defined for SampleJSonService; defined: StagingToProduction, StagingToProductionYesterday, StagingToStagingLastHour',
      );
    });

    it('explains that a definition without comparisons cannot be evaluated', () => {
      const document = sampleDocument();
      delete definitionOf(document)['comparisons'];
      const error = requestErrorOf({}, document);
      assert.equal(error.path, 'comparison');
      assert.match(error.message, /^SampleJSonService defines no comparisons; /);
    });

    for (const windowMinutes of [0, -5, 1441, Number.NaN, Number.POSITIVE_INFINITY]) {
      it(`rejects a window of ${windowMinutes} minutes`, () => {
        const error = requestErrorOf({ windowMinutes });
        assert.equal(error.path, 'windowMinutes');
        assert.equal(
          error.message,
          `expected a window of more than 0 and at most 1440 minutes, found ${windowMinutes}`,
        );
      });
    }

    it('accepts a window of exactly one day', () => {
      assert.equal(
        planEvaluation(monspecOf(sampleDocument()), { ...REQUEST, windowMinutes: 1440 }).windowMinutes,
        1440,
      );
    });

    for (const endMs of [Number.NaN, -1, 9e15]) {
      it(`rejects a window end of ${endMs}`, () => {
        assert.equal(requestErrorOf({ endMs }).path, 'endMs');
      });
    }

    it('names the comparison of a hand-built monspec whose environment does not exist', () => {
      const [definition] = monspecOf(sampleDocument()).definitions;
      assert.ok(definition);
      const broken = { definitions: [{ ...definition, environments: definition.environments.slice(0, 1) }] };
      assert.throws(
        () => planEvaluation(broken, REQUEST),
        (error: unknown) =>
          error instanceof MonspecRequestError &&
          error.path === 'SampleJSonService.comparisons[0].compare' &&
          error.message === 'environment "Production" is not defined for SampleJSonService',
      );
    });

    it('rejects an unknown missing-data policy in the request', () => {
      const error = requestErrorOf({ onMissingCompare: 'ignore' as never });
      assert.equal(error.path, 'onMissingCompare');
      assert.equal(error.message, 'expected one of fail, warn, pass, found "ignore"');
    });
  });
});
