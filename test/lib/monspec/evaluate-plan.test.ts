import assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluatePlan } from '../../../lib/monspec/evaluate-plan';
import { type EntryResult } from '../../../lib/monspec/evaluation-result';
import { evaluateValues, planScenario, PROPERTY_SEED, type Json } from './monspec-test-kit';

const FAILURE_RATE = { timeseries: 'service.failurerate' };
const RESPONSE_TIME = { timeseries: 'com.dynatrace.builtin:service.responsetime' };
const REQUESTS = { timeseries: 'service.requestspermin', aggregate: 'count', validate: 'lower' };

interface Case {
  readonly name: string;
  readonly entry: { [key: string]: Json };
  readonly comparison?: { [key: string]: Json };
  readonly source: number | null;
  readonly compare: number | null;
  readonly expect: Partial<EntryResult>;
}

/** Evaluates a single-entry scenario and returns its only result. */
function evaluateCase(testCase: Case): EntryResult {
  const plan = planScenario([testCase.entry], testCase.comparison);
  const [result] = evaluateValues(plan, [testCase.source], [testCase.compare]).results;
  assert.ok(result);
  return result;
}

function checkCases(cases: readonly Case[]): void {
  for (const testCase of cases) {
    it(testCase.name, () => {
      const result = evaluateCase(testCase);
      for (const [field, expected] of Object.entries(testCase.expect)) {
        assert.deepEqual(result[field as keyof EntryResult], expected, `${field} of "${testCase.name}"`);
      }
    });
  }
}

describe('evaluatePlan', () => {
  describe('relative upper checks', () => {
    checkCases([
      {
        name: 'passes when the source stays below compare × (1 + sf/100)',
        entry: FAILURE_RATE,
        comparison: { scalefactorperc: { default: 30 } },
        source: 120,
        compare: 100,
        expect: { status: 'pass', outcome: 'pass', threshold: 130, limitKind: 'relative', scaleFactor: 30 },
      },
      {
        name: 'passes when the source equals the threshold',
        entry: FAILURE_RATE,
        comparison: { scalefactorperc: { default: 30 } },
        source: 130,
        compare: 100,
        expect: {
          status: 'pass',
          threshold: 130,
          reason: '130 % ≤ threshold 130 % (Production 100 % + 30 %)',
        },
      },
      {
        name: 'fails when the source exceeds the threshold',
        entry: FAILURE_RATE,
        comparison: { scalefactorperc: { default: 30 } },
        source: 131,
        compare: 100,
        expect: {
          status: 'violation',
          outcome: 'fail',
          threshold: 130,
          reason: '131 % > threshold 130 % (Production 100 % + 30 %)',
        },
      },
      {
        name: 'explains the seed example with the rounded threshold',
        entry: FAILURE_RATE,
        comparison: { scalefactorperc: { default: 15 } },
        source: 33.7,
        compare: 0.5,
        expect: {
          status: 'violation',
          threshold: 0.575,
          reason: '33.7 % > threshold 0.58 % (Production 0.5 % + 15 %)',
        },
      },
      {
        name: 'prints enough decimals to tell a violating source from its threshold',
        entry: FAILURE_RATE,
        comparison: { scalefactorperc: { default: 15 } },
        source: 0.5751,
        compare: 0.5,
        expect: { status: 'violation', reason: '0.5751 % > threshold 0.575 % (Production 0.5 % + 15 %)' },
      },
      {
        name: 'uses a scale factor of 0 when the comparison has none, so equality with compare passes',
        entry: RESPONSE_TIME,
        source: 100,
        compare: 100,
        expect: { status: 'pass', threshold: 100, scaleFactor: 0, unit: 'ms' },
      },
      {
        name: 'tightens the threshold with a negative scale factor',
        entry: RESPONSE_TIME,
        comparison: { scalefactorperc: { default: -10 } },
        source: 95,
        compare: 100,
        expect: {
          status: 'violation',
          threshold: 90,
          reason: '95 ms > threshold 90 ms (Production 100 ms − 10 %)',
        },
      },
    ]);
  });

  describe('relative lower checks', () => {
    checkCases([
      {
        name: 'passes when the source equals compare × (1 − sf/100)',
        entry: REQUESTS,
        source: 10,
        compare: 100,
        comparison: { scalefactorperc: { default: 90 } },
        expect: {
          status: 'pass',
          threshold: 10,
          reason: '10 req/min ≥ threshold 10 req/min (Production 100 req/min − 90 %)',
        },
      },
      {
        name: 'fails when the source falls below the threshold',
        entry: REQUESTS,
        source: 9,
        compare: 100,
        comparison: { scalefactorperc: { default: 90 } },
        expect: {
          status: 'violation',
          outcome: 'fail',
          reason: '9 req/min < threshold 10 req/min (Production 100 req/min − 90 %)',
        },
      },
      {
        name: 'keeps "equality passes" at a threshold that binary floating point cannot represent',
        entry: REQUESTS,
        source: 20,
        compare: 200,
        comparison: { scalefactorperc: { default: 90 } },
        expect: { status: 'pass', threshold: 20 },
      },
      {
        name: 'passes a source above the threshold',
        entry: REQUESTS,
        source: 500,
        compare: 100,
        expect: { status: 'pass', threshold: 100 },
      },
    ]);
  });

  describe('a compare value of 0', () => {
    checkCases([
      {
        name: 'makes the upper threshold 0 and says so when the source is above it',
        entry: FAILURE_RATE,
        comparison: { scalefactorperc: { default: 50 } },
        source: 0.1,
        compare: 0,
        expect: {
          status: 'violation',
          threshold: 0,
          reason: '0.1 % > threshold 0 % (Production was 0 %, and no scale factor widens a zero baseline)',
        },
      },
      {
        name: 'passes an upper check whose source is also 0',
        entry: FAILURE_RATE,
        source: 0,
        compare: 0,
        expect: { status: 'pass', threshold: 0 },
      },
      {
        name: 'passes any lower check, since nothing is below 0 requests',
        entry: REQUESTS,
        source: 0,
        compare: 0,
        expect: { status: 'pass', threshold: 0 },
      },
    ]);
  });

  describe('per-metric scale factors', () => {
    checkCases([
      {
        name: 'applies an override keyed with the builtin prefix to an entry written without it',
        entry: REQUESTS,
        comparison: { scalefactorperc: { default: 15, 'com.dynatrace.builtin:service.requestspermin': 90 } },
        source: 10,
        compare: 100,
        expect: { status: 'pass', scaleFactor: 90, threshold: 10 },
      },
      {
        name: 'applies an override keyed without the prefix to an entry written with it',
        entry: RESPONSE_TIME,
        comparison: { scalefactorperc: { default: 15, 'service.responsetime': 50 } },
        source: 150,
        compare: 100,
        expect: { status: 'pass', scaleFactor: 50, threshold: 150 },
      },
      {
        name: 'applies an override keyed by a Metrics v2 key to the entry with that metric',
        entry: { metric: 'builtin:service.errors.total.rate' },
        comparison: { scalefactorperc: { default: 15, 'builtin:service.errors.total.rate': 100 } },
        source: 2,
        compare: 1,
        expect: { status: 'pass', scaleFactor: 100, threshold: 2, unit: '%' },
      },
      {
        name: 'falls back to the default for metrics without an override',
        entry: FAILURE_RATE,
        comparison: { scalefactorperc: { default: 15, 'service.requestspermin': 90 } },
        source: 1.16,
        compare: 1,
        expect: { status: 'violation', scaleFactor: 15, threshold: 1.15 },
      },
    ]);
  });

  describe('static limits', () => {
    checkCases([
      {
        name: 'passes a source equal to the upper limit without looking at the comparison',
        entry: { ...RESPONSE_TIME, upperlimit: 200 },
        source: 200,
        compare: 1,
        expect: {
          status: 'pass',
          limitKind: 'static',
          upperLimit: 200,
          threshold: 200,
          scaleFactor: null,
          reason: '200 ms ≤ static upper limit 200 ms',
        },
      },
      {
        name: 'fails a source above the upper limit, with enough decimals to show it',
        entry: { ...RESPONSE_TIME, upperlimit: '200' },
        source: 200.4,
        compare: 1000,
        expect: { status: 'violation', threshold: 200, reason: '200.4 ms > static upper limit 200 ms' },
      },
      {
        name: 'passes a source equal to the lower limit',
        entry: { ...RESPONSE_TIME, lowerlimit: 50 },
        source: 50,
        compare: null,
        expect: { status: 'pass', threshold: 50, lowerLimit: 50, reason: '50 ms ≥ static lower limit 50 ms' },
      },
      {
        name: 'fails a source below the lower limit',
        entry: { ...RESPONSE_TIME, lowerlimit: 50 },
        source: 49,
        compare: null,
        expect: { status: 'violation', threshold: 50, reason: '49 ms < static lower limit 50 ms' },
      },
      {
        name: 'applies both limits at once and passes a source between them',
        entry: { ...RESPONSE_TIME, upperlimit: 200, lowerlimit: 50 },
        source: 120,
        compare: null,
        expect: { status: 'pass', threshold: 200, reason: '50 ms ≤ 120 ms ≤ 200 ms (static limits)' },
      },
      {
        name: 'applies both limits at once and fails a source above the upper one',
        entry: { ...RESPONSE_TIME, upperlimit: 200, lowerlimit: 50 },
        source: 201,
        compare: null,
        expect: { status: 'violation', threshold: 200, reason: '201 ms > static upper limit 200 ms' },
      },
      {
        name: 'applies both limits at once and fails a source below the lower one',
        entry: { ...RESPONSE_TIME, upperlimit: 200, lowerlimit: 50 },
        source: 49.9,
        compare: null,
        expect: { status: 'violation', threshold: 50, reason: '49.9 ms < static lower limit 50 ms' },
      },
      {
        name: 'reports the lower limit as the threshold of a passing lower entry with both limits',
        entry: { ...RESPONSE_TIME, upperlimit: 200, lowerlimit: 50, validate: 'lower' },
        source: 100,
        compare: null,
        expect: { status: 'pass', threshold: 50 },
      },
      {
        name: 'still needs a source value',
        entry: { ...RESPONSE_TIME, upperlimit: 200 },
        source: null,
        compare: 100,
        expect: { status: 'nodata', outcome: 'fail', threshold: 200 },
      },
    ]);
  });

  describe('missing data', () => {
    checkCases([
      {
        name: 'fails a missing source value by default',
        entry: RESPONSE_TIME,
        source: null,
        compare: 100,
        expect: {
          status: 'nodata',
          outcome: 'fail',
          reason: 'no data in Staging for the window (onmissingsource: fail, the default)',
        },
      },
      {
        name: 'warns about a missing compare value by default',
        entry: RESPONSE_TIME,
        source: 100,
        compare: null,
        expect: {
          status: 'nodata',
          outcome: 'warning',
          threshold: null,
          reason:
            'no data in Production for the window to compare with (onmissingcompare: warn, the default)',
        },
      },
      {
        name: "follows the comparison's onmissingsource",
        entry: RESPONSE_TIME,
        comparison: { onmissingsource: 'warn' },
        source: null,
        compare: 100,
        expect: {
          status: 'nodata',
          outcome: 'warning',
          reason: 'no data in Staging for the window (onmissingsource: warn, from the comparison)',
        },
      },
      {
        name: "follows the comparison's onmissingcompare",
        entry: RESPONSE_TIME,
        comparison: { onmissingcompare: 'fail' },
        source: 100,
        compare: null,
        expect: { status: 'nodata', outcome: 'fail' },
      },
      {
        name: 'lets a comparison pass missing compare data explicitly',
        entry: RESPONSE_TIME,
        comparison: { onmissingcompare: 'pass' },
        source: 100,
        compare: null,
        expect: { status: 'nodata', outcome: 'pass' },
      },
      {
        name: 'does not need a compare value for a static entry',
        entry: { ...RESPONSE_TIME, upperlimit: 200 },
        source: 100,
        compare: null,
        expect: { status: 'pass', outcome: 'pass' },
      },
      {
        name: 'judges a missing source before a missing compare value',
        entry: RESPONSE_TIME,
        source: null,
        compare: null,
        expect: { status: 'nodata', outcome: 'fail', threshold: null },
      },
    ]);

    it('lets the request override the comparison for missing source data', () => {
      const plan = planScenario([RESPONSE_TIME], { onmissingsource: 'fail' }, { onMissingSource: 'pass' });
      const [result] = evaluateValues(plan, [null], [100]).results;
      assert.equal(result?.outcome, 'pass');
      assert.equal(
        result?.reason,
        'no data in Staging for the window (onmissingsource: pass, from the request)',
      );
    });

    it('lets the request override the comparison for missing compare data', () => {
      const plan = planScenario([RESPONSE_TIME], { onmissingcompare: 'pass' }, { onMissingCompare: 'fail' });
      const result = evaluateValues(plan, [100], [null]);
      assert.equal(result.results[0]?.outcome, 'fail');
      assert.equal(result.status, 'fail');
    });

    it('treats an entry absent from the values as missing data', () => {
      const plan = planScenario([RESPONSE_TIME]);
      const result = evaluatePlan(plan, { source: new Map(), compare: new Map([['perfsignature[0]', 100]]) });
      assert.equal(result.results[0]?.status, 'nodata');
      assert.equal(result.status, 'fail');
    });

    it('treats a non-finite value as missing data rather than comparing it', () => {
      const plan = planScenario([RESPONSE_TIME]);
      const result = evaluateValues(plan, [Number.NaN], [100]);
      assert.equal(result.results[0]?.status, 'nodata');
      assert.equal(result.results[0]?.source, null);
    });
  });

  describe('overall status', () => {
    const entries = [RESPONSE_TIME, FAILURE_RATE, REQUESTS];

    it('passes when every entry passes', () => {
      const result = evaluateValues(planScenario(entries), [100, 1, 100], [100, 1, 100]);
      assert.equal(result.status, 'pass');
      assert.equal(result.totalViolations, 0);
      assert.equal(result.summary, 'pass: 0 of 3 metrics violated');
    });

    it('is a warning when entries only warn', () => {
      const result = evaluateValues(planScenario(entries), [100, 1, 100], [null, 1, 100]);
      assert.equal(result.status, 'warning');
      assert.equal(result.totalViolations, 0);
      assert.equal(
        result.summary,
        'warning: 0 of 3 metrics violated — Response time (avg): no data in Production',
      );
    });

    it('fails when any entry violates, even if others warn', () => {
      const result = evaluateValues(planScenario(entries), [100, 5, 100], [null, 1, 100]);
      assert.equal(result.status, 'fail');
      assert.equal(result.totalViolations, 1);
      assert.equal(
        result.summary,
        'fail: 1 of 3 metrics violated — Failure rate (avg) in Staging 5 % > 1 %; Response time (avg): no data in Production',
      );
    });

    it('fails on failing missing data without counting it as a violation', () => {
      const result = evaluateValues(planScenario(entries), [null, 1, 100], [100, 1, 100]);
      assert.equal(result.status, 'fail');
      assert.equal(result.totalViolations, 0);
      assert.equal(result.summary, 'fail: 0 of 3 metrics violated — Response time (avg): no data in Staging');
    });

    it('counts every violating entry', () => {
      const result = evaluateValues(planScenario(entries), [200, 5, 1], [100, 1, 100]);
      assert.equal(result.totalViolations, 3);
      assert.deepEqual(
        result.results.map((entry) => entry.status),
        ['violation', 'violation', 'violation'],
      );
    });

    it('reproduces the summary of the seed example', () => {
      const plan = planScenario(
        [RESPONSE_TIME, { ...RESPONSE_TIME, aggregate: 'max' }, FAILURE_RATE, REQUESTS],
        {
          scalefactorperc: { default: 15, 'com.dynatrace.builtin:service.requestspermin': 90 },
        },
      );
      const result = evaluateValues(plan, [100, 300, 33.7, 20], [100, 300, 0.5, 100]);
      assert.equal(
        result.summary,
        'fail: 1 of 4 metrics violated — Failure rate (avg) in Staging 33.7 % > 0.58 %',
      );
    });

    it('names at most three problems in the summary and counts the rest', () => {
      const plan = planScenario([1, 2, 3, 4, 5].map((index) => ({ ...FAILURE_RATE, upperlimit: index })));
      const result = evaluateValues(plan, [10, 10, 10, 10, 10], []);
      const violation = (limit: number) => `Failure rate (avg) in Staging 10 % > ${limit} %`;
      assert.equal(
        result.summary,
        `fail: 5 of 5 metrics violated — ${violation(1)}; ${violation(2)}; ${violation(3)}; and 2 more`,
      );
    });

    it('speaks of one metric in the singular', () => {
      const result = evaluateValues(planScenario([RESPONSE_TIME]), [1], [1]);
      assert.equal(result.summary, 'pass: 0 of 1 metric violated');
    });
  });

  describe('windows', () => {
    it('reports both unshifted windows ending at the requested time', () => {
      const result = evaluateValues(planScenario([RESPONSE_TIME]), [1], [1]);
      assert.deepEqual(result.source, {
        environment: 'Staging',
        from: '2024-05-01T09:55:00.000Z',
        to: '2024-05-01T10:00:00.000Z',
        entitySelector: 'type(SERVICE),tag("DeploymentGroup:Staging")',
      });
      assert.equal(result.compare.environment, 'Production');
      assert.equal(result.compare.entitySelector, 'type(SERVICE),tag("DeploymentGroup:Production")');
      assert.equal(result.windowMinutes, 5);
      assert.equal(result.service, 'SampleJSonService');
      assert.equal(result.comparison, 'Scenario');
    });

    it('shifts each window back by its own number of seconds', () => {
      const plan = planScenario([RESPONSE_TIME], { shiftsourcetimeframe: 60, shiftcomparetimeframe: 86400 });
      const result = evaluateValues(plan, [1], [1]);
      assert.equal(result.source.from, '2024-05-01T09:54:00.000Z');
      assert.equal(result.source.to, '2024-05-01T09:59:00.000Z');
      assert.equal(result.compare.from, '2024-04-30T09:55:00.000Z');
      assert.equal(result.compare.to, '2024-04-30T10:00:00.000Z');
    });
  });

  describe('explanations', () => {
    it('reports the queried selector, key, unit and values of each entry', () => {
      const plan = planScenario([{ ...RESPONSE_TIME, aggregate: 'p90' }]);
      const [result] = evaluateValues(plan, [250], [200]).results;
      assert.deepEqual(result, {
        path: 'perfsignature[0]',
        metric: 'Response time',
        key: 'com.dynatrace.builtin:service.responsetime',
        selector: 'builtin:service.response.time:splitBy():percentile(90)',
        aggregate: 'p90',
        validate: 'upper',
        unit: 'ms',
        source: 250,
        compare: 200,
        threshold: 200,
        status: 'violation',
        outcome: 'fail',
        reason: '250 ms > threshold 200 ms (Production 200 ms + 0 %)',
        limitKind: 'relative',
        scaleFactor: 0,
      });
    });

    it('attaches notes to the entries they are about', () => {
      const plan = planScenario([RESPONSE_TIME, FAILURE_RATE]);
      const notes = new Map([['perfsignature[1]', ['approximated from per-entity totals']]]);
      const result = evaluateValues(plan, [1, 1], [1, 1], notes);
      assert.equal(result.results[0]?.notes, undefined);
      assert.deepEqual(result.results[1]?.notes, ['approximated from per-entity totals']);
    });

    it('keeps full precision in the result while the reason rounds', () => {
      const plan = planScenario([FAILURE_RATE], { scalefactorperc: { default: 15 } });
      const [result] = evaluateValues(plan, [0.123456789], [1]).results;
      assert.equal(result?.source, 0.123456789);
      assert.equal(result?.reason, '0.12 % ≤ threshold 1.15 % (Production 1 % + 15 %)');
    });
  });

  describe('monotonicity', () => {
    const finite = fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true });
    const scaleFactor = fc.double({ min: -99, max: 1000, noNaN: true, noDefaultInfinity: true });

    it('never turns an upper violation into a pass by raising the source', () => {
      fc.assert(
        fc.property(
          finite,
          finite,
          fc.double({ min: 0, max: 1e9, noNaN: true }),
          scaleFactor,
          (source, compare, raise, sf) => {
            const plan = planScenario([FAILURE_RATE], { scalefactorperc: { default: sf } });
            const before = evaluateValues(plan, [source], [compare]).results[0];
            const after = evaluateValues(plan, [source + raise], [compare]).results[0];
            if (before?.status === 'violation') assert.equal(after?.status, 'violation');
          },
        ),
        { seed: PROPERTY_SEED },
      );
    });

    it('never turns a lower violation into a pass by lowering the source', () => {
      fc.assert(
        fc.property(
          finite,
          finite,
          fc.double({ min: 0, max: 1e9, noNaN: true }),
          scaleFactor,
          (source, compare, drop, sf) => {
            const plan = planScenario([REQUESTS], { scalefactorperc: { default: sf } });
            const before = evaluateValues(plan, [source], [compare]).results[0];
            const after = evaluateValues(plan, [source - drop], [compare]).results[0];
            if (before?.status === 'violation') assert.equal(after?.status, 'violation');
          },
        ),
        { seed: PROPERTY_SEED },
      );
    });

    it('keeps static limits monotonic in both directions', () => {
      fc.assert(
        fc.property(finite, fc.double({ min: 0, max: 1e9, noNaN: true }), finite, (source, shift, limit) => {
          const upper = planScenario([{ ...RESPONSE_TIME, upperlimit: limit }]);
          const lower = planScenario([{ ...RESPONSE_TIME, lowerlimit: limit }]);
          const status = (plan: typeof upper, value: number) =>
            evaluateValues(plan, [value], [null]).results[0]?.status;
          if (status(upper, source) === 'violation') assert.equal(status(upper, source + shift), 'violation');
          if (status(lower, source) === 'violation') assert.equal(status(lower, source - shift), 'violation');
        }),
        { seed: PROPERTY_SEED },
      );
    });
  });
});
