import assert from 'node:assert/strict';

import {
  type DynatraceSimulator,
  SAMPLE_APP_ENTITY_IDS,
  type Scenario,
  sampleAppScenario,
  startDynatraceSimulator,
} from '../../../../sim/dynatrace';
import { MINUTE, NOW, NOW_MINUTE, apiClient } from '../support/api-client';
import { closeTo, durationPercentile, figures, samplesOf, windowMinutes } from '../support/expected-metrics';

const STAGING = [SAMPLE_APP_ENTITY_IDS.staging.service];
const PRODUCTION = [
  SAMPLE_APP_ENTITY_IDS.productionEast.service,
  SAMPLE_APP_ENTITY_IDS.productionWest.service,
];

/** The gate's window: five minutes ending one minute (the ingest delay) before now. */
const TO = NOW - MINUTE;
const FROM = TO - 5 * MINUTE;

/** What the gate sends for seed 002's perfsignature in one request. */
const GATE_SELECTORS = [
  'builtin:service.response.time:splitBy():avg',
  'builtin:service.response.time:splitBy():max',
  'builtin:service.errors.total.rate:splitBy():avg',
  'builtin:service.requestCount.total:splitBy():sum',
  'builtin:service.response.time:splitBy():percentile(90)',
];

describe('Metrics API v2 routes', () => {
  let scenario: Scenario;
  let simulator: DynatraceSimulator;

  before(async () => {
    scenario = sampleAppScenario({ now: NOW });
    simulator = await startDynatraceSimulator({ scenario, now: () => NOW });
  });

  after(async () => {
    await simulator.close();
  });

  const query = (params: Record<string, string>) => apiClient(simulator).get('/api/v2/metrics/query', params);
  const expectedFigures = (ids: readonly string[], from = FROM, to = TO) =>
    figures(samplesOf(scenario.sampleAt.bind(scenario), ids, windowMinutes(from, to, NOW)));

  describe('seed 002 environments (acceptance: values equal an independent computation from sampleAt)', () => {
    for (const [environment, ids, selectors] of [
      [
        'Staging',
        STAGING,
        [
          'type(SERVICE),tag("DeploymentGroup:Staging")',
          'type(SERVICE),tag("[Environment]DEPLOYMENT_GROUP_NAME:Staging")',
        ],
      ],
      [
        'Production',
        PRODUCTION,
        [
          'type(SERVICE),tag("DeploymentGroup:Production")',
          'type(SERVICE),tag("[Environment]DEPLOYMENT_GROUP_NAME:Production")',
        ],
      ],
    ] as const) {
      for (const entitySelector of selectors) {
        it(`merges ${environment} (${entitySelector}) into one value per metric`, async () => {
          const answer = await query({
            metricSelector: GATE_SELECTORS.join(','),
            resolution: 'Inf',
            from: String(FROM),
            to: String(TO),
            entitySelector,
          });
          assert.equal(answer.status, 200);
          assert.equal(answer.body.resolution, 'Inf');
          assert.equal(answer.body.nextPageKey, null);
          assert.deepEqual(
            answer.body.result.map((collection: { metricId: string }) => collection.metricId),
            GATE_SELECTORS,
          );
          const series = answer.body.result.map((collection: { data: unknown[] }) => {
            assert.equal(collection.data.length, 1);
            return collection.data[0];
          });
          for (const entry of series) {
            assert.deepEqual(entry.dimensions, []);
            assert.deepEqual(entry.dimensionMap, {});
            assert.deepEqual(entry.timestamps, [TO]);
          }
          const expected = expectedFigures(ids);
          const samples = samplesOf(scenario.sampleAt.bind(scenario), ids, windowMinutes(FROM, TO, NOW));
          assert.equal(samples.length, 5 * ids.length, 'five complete minutes per entity');
          assert.ok(
            closeTo(series[0].values[0], expected.avgResponseMicros),
            `avg ${series[0].values[0]} vs ${expected.avgResponseMicros}`,
          );
          assert.equal(series[1].values[0], expected.maxResponseMicros);
          assert.ok(closeTo(series[2].values[0], expected.failureRatePercent));
          assert.equal(series[3].values[0], expected.requests);
          assert.equal(series[4].values[0], durationPercentile(samples, 90));
        });
      }
    }

    it('answers both tag styles identically', async () => {
      const ask = (entitySelector: string) =>
        query({
          metricSelector: GATE_SELECTORS.join(','),
          resolution: 'Inf',
          from: String(FROM),
          to: String(TO),
          entitySelector,
        });
      const contextless = await ask('type(SERVICE),tag("DeploymentGroup:Production")');
      const environment = await ask('type(SERVICE),tag("[Environment]DEPLOYMENT_GROUP_NAME:Production")');
      assert.deepEqual(contextless.body, environment.body);
    });
  });

  it('returns one series per entity without splitBy, with :names adding the service name', async () => {
    const answer = await query({
      metricSelector: 'builtin:service.errors.total.count:names',
      resolution: 'Inf',
      from: String(FROM),
      to: String(TO),
      entitySelector: 'type(SERVICE),tag("DeploymentGroup:Production")',
    });
    assert.deepEqual(
      answer.body.result[0].data.map(
        (series: { dimensions: string[]; dimensionMap: object; values: number[] }) => ({
          dimensions: series.dimensions,
          dimensionMap: series.dimensionMap,
          values: series.values,
        }),
      ),
      PRODUCTION.map((id) => {
        const name = simulator.state.entities.get(id)?.displayName ?? '';
        return {
          dimensions: [id, name],
          dimensionMap: { 'dt.entity.service': id, 'dt.entity.service.name': name },
          values: [expectedFigures([id]).failures],
        };
      }),
    );
  });

  it('slots by resolution with timestamps at slot ends and null where a slot has no complete minute', async () => {
    const from = NOW_MINUTE - 4 * MINUTE + 30_000;
    const answer = await query({
      metricSelector: 'builtin:service.requestCount.total',
      resolution: '1m',
      from: String(from),
      to: 'now',
      entitySelector: `entityId("${STAGING[0] ?? ''}")`,
    });
    assert.equal(answer.body.resolution, '1m');
    const [series] = answer.body.result[0].data;
    assert.deepEqual(
      series.timestamps,
      [-3, -2, -1, 0, 1].map((offset) => NOW_MINUTE + offset * MINUTE),
    );
    const count = (minute: number) => scenario.sampleAt(STAGING[0] ?? '', minute)?.requests;
    // The first minute starts before `from`; the last one is still in progress at `now`.
    assert.deepEqual(series.values, [
      null,
      count(NOW_MINUTE - 3 * MINUTE),
      count(NOW_MINUTE - 2 * MINUTE),
      count(NOW_MINUTE - MINUTE),
      null,
    ]);
  });

  it('picks 2-minute slots for the default 120 points over the default two hours', async () => {
    const answer = await query({ metricSelector: 'builtin:service.response.time:splitBy()' });
    assert.equal(answer.body.resolution, '2m');
    assert.equal(answer.body.result[0].data[0].timestamps.length, 61);
  });

  describe('aggregations (merged Production, resolution Inf)', () => {
    const production = 'type(SERVICE),tag("DeploymentGroup:Production")';
    const single = async (metricSelector: string): Promise<unknown> => {
      const answer = await query({
        metricSelector,
        resolution: 'Inf',
        from: String(FROM),
        to: String(TO),
        entitySelector: production,
      });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return answer.body.result[0].data[0].values[0];
    };
    const samples = () =>
      samplesOf(scenario.sampleAt.bind(scenario), PRODUCTION, windowMinutes(FROM, TO, NOW));

    it('response time: avg, auto, min, max, sum, count, median, percentile', async () => {
      const expected = expectedFigures(PRODUCTION);
      assert.ok(
        closeTo(await single('builtin:service.response.time:splitBy():auto'), expected.avgResponseMicros),
      );
      assert.ok(
        closeTo(await single('builtin:service.response.time:avg:splitBy()'), expected.avgResponseMicros),
      );
      assert.equal(await single('builtin:service.response.time:splitBy():min'), expected.minResponseMicros);
      assert.equal(await single('builtin:service.response.time:splitBy():max'), expected.maxResponseMicros);
      assert.ok(
        closeTo(await single('builtin:service.response.time:splitBy():sum'), expected.totalResponseMicros),
      );
      assert.equal(await single('builtin:service.response.time:splitBy():count'), expected.requests);
      assert.equal(
        await single('builtin:service.response.time:splitBy():median'),
        durationPercentile(samples(), 50),
      );
      assert.equal(
        await single('builtin:service.response.server:splitBy():percentile(99)'),
        durationPercentile(samples(), 99),
      );
    });

    it('rates: pooled failure and success rates; client errors are zero', async () => {
      const expected = expectedFigures(PRODUCTION);
      assert.ok(
        closeTo(await single('builtin:service.errors.server.rate:splitBy()'), expected.failureRatePercent),
      );
      assert.ok(
        closeTo(
          await single('builtin:service.successes.server.rate:splitBy():avg'),
          100 - expected.failureRatePercent,
        ),
      );
      assert.equal(await single('builtin:service.errors.client.rate:splitBy()'), 0);
    });

    it('counts: totals by default, per-minute statistics with avg/min/max after splitBy', async () => {
      const expected = expectedFigures(PRODUCTION);
      const perMinute = windowMinutes(FROM, TO, NOW).map((minute) =>
        PRODUCTION.reduce((sum, id) => sum + (scenario.sampleAt(id, minute)?.requests ?? 0), 0),
      );
      assert.equal(await single('builtin:service.requestCount.server:splitBy()'), expected.requests);
      assert.equal(await single('builtin:service.requestCount.total:splitBy():value'), expected.requests);
      assert.equal(await single('builtin:service.requestCount.total:splitBy():avg'), expected.requests / 5);
      assert.equal(await single('builtin:service.requestCount.total:splitBy():max'), Math.max(...perMinute));
      assert.equal(await single('builtin:service.requestCount.total:splitBy():min'), Math.min(...perMinute));
      assert.equal(await single('builtin:service.requestCount.total:splitBy():count'), 5);
      assert.equal(await single('builtin:service.errors.fivexx.count:splitBy()'), expected.failures);
      assert.equal(
        await single('builtin:service.errors.total.successCount:splitBy()'),
        expected.requests - expected.failures,
      );
      assert.equal(await single('builtin:service.errors.fourxx.count:splitBy()'), 0);
    });

    it('fold collapses slots: plain fold equals Inf, fold(agg) aggregates the slot values', async () => {
      const expected = expectedFigures(PRODUCTION);
      const folded = await query({
        metricSelector:
          'builtin:service.response.time:splitBy():fold,builtin:service.requestCount.total:splitBy():fold(max)',
        resolution: '1m',
        from: String(FROM),
        to: String(TO),
        entitySelector: production,
      });
      const [avg, max] = folded.body.result.map(
        (collection: { data: { values: number[]; timestamps: number[] }[] }) => collection.data[0],
      );
      assert.ok(closeTo(avg.values[0], expected.avgResponseMicros));
      assert.equal(avg.timestamps.length, 1);
      const perMinute = windowMinutes(FROM, TO, NOW).map((minute) =>
        PRODUCTION.reduce((sum, id) => sum + (scenario.sampleAt(id, minute)?.requests ?? 0), 0),
      );
      assert.equal(max.values[0], Math.max(...perMinute));
    });
  });

  it('reflects a build deployed at runtime', async () => {
    const local = await startDynatraceSimulator({
      scenario: sampleAppScenario({ now: NOW }),
      now: () => NOW,
    });
    try {
      local.state.deploy('Staging', 2, FROM - 10 * MINUTE);
      const answer = await apiClient(local).get('/api/v2/metrics/query', {
        metricSelector: 'builtin:service.errors.total.rate:splitBy()',
        resolution: 'Inf',
        from: String(FROM),
        to: String(TO),
        entitySelector: 'type(SERVICE),tag("DeploymentGroup:Staging")',
      });
      const expected = figures(
        samplesOf(local.state.sampleAt.bind(local.state), STAGING, windowMinutes(FROM, TO, NOW)),
      );
      assert.ok(closeTo(answer.body.result[0].data[0].values[0], expected.failureRatePercent));
      assert.ok(expected.failureRatePercent > 45);
    } finally {
      await local.close();
    }
  });

  it('omits series without samples in the window', async () => {
    const hosts = await query({
      metricSelector: 'builtin:service.response.time',
      entitySelector: 'type(HOST)',
    });
    assert.deepEqual(hosts.body.result[0].data, []);
    const beforeHistory = await query({
      metricSelector: 'builtin:service.response.time:splitBy()',
      from: 'now-5d',
      to: 'now-4d',
    });
    assert.deepEqual(beforeHistory.body.result[0].data, []);
    assert.equal(beforeHistory.body.totalCount, 0);
  });

  it('echoes each selector exactly as requested in metricId', async () => {
    const answer = await query({
      metricSelector:
        ' "builtin:service.response.time":splitBy() , builtin:service.requestCount.total:fold(sum)',
    });
    assert.deepEqual(
      answer.body.result.map((collection: { metricId: string }) => collection.metricId),
      ['"builtin:service.response.time":splitBy()', 'builtin:service.requestCount.total:fold(sum)'],
    );
  });

  it('warns that mzSelector is ignored', async () => {
    const answer = await query({
      metricSelector: 'builtin:service.response.time',
      mzSelector: 'mzName("prod")',
    });
    assert.deepEqual(answer.body.warnings, [
      'The simulator has no management zones; mzSelector was ignored.',
    ]);
  });

  describe('validation', () => {
    const violation = async (params: Record<string, string>, status = 400) => {
      const answer = await query(params);
      assert.equal(answer.status, status, JSON.stringify(answer.body));
      return answer.body.error;
    };

    it('answers 404 for an unknown metric key', async () => {
      const error = await violation({ metricSelector: 'builtin:service.failurerate' }, 404);
      assert.deepEqual(error, { code: 404, message: 'Metric "builtin:service.failurerate" not found.' });
    });

    it('rejects an aggregation the metric does not offer, unless it follows splitBy', async () => {
      const error = await violation({ metricSelector: 'builtin:service.errors.total.rate:max' });
      assert.equal(error.message, 'Constraints violated.');
      assert.equal(error.constraintViolations[0].path, 'metricSelector');
      assert.match(
        error.constraintViolations[0].message,
        /aggregation max is not supported by builtin:service.errors.total.rate \(supported: auto, avg\)/,
      );
      assert.equal(
        (await query({ metricSelector: 'builtin:service.errors.total.rate:splitBy():max' })).status,
        200,
      );
    });

    it('rejects more than 10 selectors', async () => {
      const error = await violation({
        metricSelector: Array(11).fill('builtin:service.response.time').join(','),
      });
      assert.match(
        error.constraintViolations[0].message,
        /at most 10 metric selectors are allowed per query, found 11/,
      );
    });

    for (const [params, path, message] of [
      [{}, 'metricSelector', /must not be null/],
      [
        { metricSelector: 'builtin:service.response.time:filter(x)' },
        'metricSelector',
        /:filter transformation is not supported/,
      ],
      [
        { metricSelector: 'builtin:service.response.time:splitBy("dt.entity.host")' },
        'metricSelector',
        /dimension "dt.entity.host" is not available/,
      ],
      [
        { metricSelector: 'builtin:service.response.time:splitBy():splitBy("dt.entity.service")' },
        'metricSelector',
        /already merged/,
      ],
      [{ metricSelector: 'builtin:service.response.time:avg:max' }, 'metricSelector', /only one aggregation/],
      [{ metricSelector: 'builtin:service.response.time', resolution: '30s' }, 'resolution', /expected Inf/],
      [
        { metricSelector: 'builtin:service.response.time', resolution: '1m', from: 'now-10d' },
        'resolution',
        /more than 10080 data points/,
      ],
      [
        { metricSelector: 'builtin:service.response.time', entitySelector: 'tag("x")' },
        'entitySelector',
        /must contain type/,
      ],
      [
        { metricSelector: 'builtin:service.response.time', from: 'now', to: 'now-1h' },
        'from',
        /must be before to/,
      ],
      [{ metricSelector: 'builtin:service.response.time(' }, 'metricSelector', /unbalanced/],
    ] as const) {
      it(`answers 400 naming ${path} for ${JSON.stringify(params)}`, async () => {
        const error = await violation(params);
        assert.equal(error.constraintViolations[0].path, path);
        assert.equal(error.constraintViolations[0].parameterLocation, 'QUERY');
        assert.match(error.constraintViolations[0].message, message);
      });
    }

    it('answers 406 for a CSV Accept header', async () => {
      const answer = await apiClient(simulator).request('GET', '/api/v2/metrics/query', {
        query: { metricSelector: 'builtin:service.response.time' },
        headers: { Accept: 'text/csv; header=present' },
      });
      assert.equal(answer.status, 406);
    });
  });

  describe('GET /api/v2/metrics/{metricKey}', () => {
    it('describes a metric as in api-facts A.5', async () => {
      const answer = await apiClient(simulator).get('/api/v2/metrics/builtin:service.response.time');
      assert.equal(answer.status, 200);
      assert.deepEqual(
        {
          metricId: answer.body.metricId,
          unit: answer.body.unit,
          entityType: answer.body.entityType,
          aggregationTypes: answer.body.aggregationTypes,
          defaultAggregation: answer.body.defaultAggregation,
          dimensionDefinitions: answer.body.dimensionDefinitions,
          resolutionInfSupported: answer.body.resolutionInfSupported,
        },
        {
          metricId: 'builtin:service.response.time',
          unit: 'MicroSecond',
          entityType: ['SERVICE'],
          aggregationTypes: ['auto', 'avg', 'count', 'max', 'median', 'min', 'percentile', 'sum'],
          defaultAggregation: { type: 'avg' },
          dimensionDefinitions: [
            { key: 'dt.entity.service', name: 'Service', displayName: 'Service', index: 0, type: 'ENTITY' },
          ],
          resolutionInfSupported: true,
        },
      );
    });

    it('reflects transformations in the key', async () => {
      const answer = await apiClient(simulator).get(
        `/api/v2/metrics/${encodeURIComponent('builtin:service.requestCount.total:splitBy():max')}`,
      );
      assert.equal(answer.body.metricId, 'builtin:service.requestCount.total:splitBy():max');
      assert.deepEqual(answer.body.dimensionDefinitions, []);
      assert.deepEqual(answer.body.aggregationTypes, ['max']);
      const named = await apiClient(simulator).get('/api/v2/metrics/builtin:service.errors.total.rate:names');
      assert.equal(named.body.dimensionDefinitions[1].key, 'dt.entity.service.name');
    });

    it('answers 404 for an unknown metric', async () => {
      assert.equal((await apiClient(simulator).get('/api/v2/metrics/builtin:nope')).status, 404);
    });
  });
});
