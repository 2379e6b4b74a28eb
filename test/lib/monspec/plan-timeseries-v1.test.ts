import assert from 'node:assert/strict';
import { MonspecRequestError } from '../../../lib/monspec/monspec-request-error';
import { planTimeseriesV1 } from '../../../lib/monspec/plan-timeseries-v1';
import { definitionOf, END_MS, monspecOf, planScenario, sampleDocument } from './monspec-test-kit';
import { planEvaluation } from '../../../lib/monspec/plan-evaluation';

describe('planTimeseriesV1', () => {
  it('plans one TOTAL request per entry per window with v1 tags', () => {
    const plan = planScenario(
      [
        { timeseries: 'service.responsetime', aggregate: 'p90' },
        { timeseries: 'service.requestspermin', aggregate: 'avg', validate: 'lower' },
      ],
      { shiftcomparetimeframe: 3600 },
    );
    assert.deepEqual(planTimeseriesV1(plan), [
      {
        role: 'source',
        path: 'perfsignature[0]',
        timeseriesId: 'com.dynatrace.builtin:service.responsetime',
        aggregationType: 'PERCENTILE',
        percentile: 90,
        startTimestamp: END_MS - 300_000,
        endTimestamp: END_MS,
        queryMode: 'TOTAL',
        conversion: 'microseconds-to-milliseconds',
        tags: ['DeploymentGroup:Staging'],
      },
      {
        role: 'source',
        path: 'perfsignature[1]',
        timeseriesId: 'com.dynatrace.builtin:service.requestspermin',
        aggregationType: 'COUNT',
        startTimestamp: END_MS - 300_000,
        endTimestamp: END_MS,
        queryMode: 'TOTAL',
        conversion: 'per-window-minute',
        tags: ['DeploymentGroup:Staging'],
      },
      {
        role: 'compare',
        path: 'perfsignature[0]',
        timeseriesId: 'com.dynatrace.builtin:service.responsetime',
        aggregationType: 'PERCENTILE',
        percentile: 90,
        startTimestamp: END_MS - 3_600_000 - 300_000,
        endTimestamp: END_MS - 3_600_000,
        queryMode: 'TOTAL',
        conversion: 'microseconds-to-milliseconds',
        tags: ['DeploymentGroup:Production'],
      },
      {
        role: 'compare',
        path: 'perfsignature[1]',
        timeseriesId: 'com.dynatrace.builtin:service.requestspermin',
        aggregationType: 'COUNT',
        startTimestamp: END_MS - 3_600_000 - 300_000,
        endTimestamp: END_MS - 3_600_000,
        queryMode: 'TOTAL',
        conversion: 'per-window-minute',
        tags: ['DeploymentGroup:Production'],
      },
    ]);
  });

  it('writes tags in the v1 form [Context]key:value without selector escaping', () => {
    const document = sampleDocument();
    const environments = definitionOf(document)['environments'] as Record<string, unknown>;
    environments['Staging'] = {
      tags: [{ context: 'Environment', key: 'a:b', value: 'Staging' }, { key: 'solo' }],
    };
    environments['Production'] = { entities: ['SERVICE-1', 'SERVICE-2'] };
    const plan = planEvaluation(monspecOf(document), {
      service: 'SampleJSonService',
      comparison: 'StagingToProduction',
      windowMinutes: 5,
      endMs: END_MS,
    });
    const requests = planTimeseriesV1(plan);
    const source = requests.find((request) => request.role === 'source');
    const compare = requests.find((request) => request.role === 'compare');
    assert.ok(source && 'tags' in source);
    assert.deepEqual(source.tags, ['[Environment]a:b:Staging', 'solo']);
    assert.ok(compare && 'entities' in compare);
    assert.deepEqual(compare.entities, ['SERVICE-1', 'SERVICE-2']);
  });

  const unsupported: readonly [string, object, RegExp][] = [
    [
      'a Metrics v2 key outside the catalog',
      { metric: 'builtin:host.cpu.usage' },
      /^"builtin:host.cpu.usage" has no Timeseries API v1 equivalent/,
    ],
    [
      'a verbatim selector',
      { metric: 'builtin:service.response.time:splitBy():avg' },
      /has no Timeseries API v1 equivalent/,
    ],
    [
      'a fractional percentile',
      { timeseries: 'service.responsetime', aggregate: 'p99.9' },
      /accepts whole percentiles only, found p99.9/,
    ],
  ];
  for (const [what, entry, message] of unsupported) {
    it(`rejects ${what}, naming the entry`, () => {
      const plan = planScenario([entry as never]);
      assert.throws(
        () => planTimeseriesV1(plan),
        (error: unknown) =>
          error instanceof MonspecRequestError &&
          error.path === 'SampleJSonService.perfsignature[0]' &&
          message.test(error.message),
      );
    });
  }
});
