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

const STAGING = SAMPLE_APP_ENTITY_IDS.staging.service;
const EAST = SAMPLE_APP_ENTITY_IDS.productionEast.service;
const WEST = SAMPLE_APP_ENTITY_IDS.productionWest.service;
const START = NOW - 6 * MINUTE;
const END = NOW - MINUTE;

describe('Timeseries API v1 route', () => {
  let scenario: Scenario;
  let simulator: DynatraceSimulator;

  before(async () => {
    scenario = sampleAppScenario({ now: NOW });
    simulator = await startDynatraceSimulator({ scenario, now: () => NOW });
  });

  after(async () => {
    await simulator.close();
  });

  const timeseries = (id: string, query: Record<string, string | number | readonly string[]>) =>
    apiClient(simulator).get(`/api/v1/timeseries/${id}`, query);
  const expected = (ids: readonly string[]) =>
    figures(samplesOf(scenario.sampleAt.bind(scenario), ids, windowMinutes(START, END, NOW)));

  it('answers the metadata only without includeData', async () => {
    const answer = await timeseries('com.dynatrace.builtin:service.responsetime', {});
    assert.deepEqual(answer.body, {
      timeseriesId: 'com.dynatrace.builtin:service.responsetime',
      displayName: 'Response time',
      dimensions: ['SERVICE'],
      unit: 'MicroSecond (µs)',
      detailedSource: 'Services',
      types: [],
      aggregationTypes: ['AVG', 'SUM', 'MIN', 'MAX', 'MEDIAN', 'PERCENTILE', 'COUNT'],
      filter: 'BUILTIN',
    });
  });

  it('gives one TOTAL value per entity with all the tags, computed from the same samples as v2', async () => {
    const answer = await timeseries('com.dynatrace.builtin:service.responsetime', {
      includeData: 'true',
      aggregationType: 'avg',
      queryMode: 'total',
      startTimestamp: START,
      endTimestamp: END,
      tag: ['DeploymentGroup:Production', '[Environment]DEPLOYMENT_GROUP_NAME:Production'],
    });
    const result = answer.body.dataResult;
    assert.deepEqual(Object.keys(result.dataPoints), [EAST, WEST]);
    for (const id of [EAST, WEST]) {
      const [[timestamp, value]] = result.dataPoints[id];
      assert.equal(timestamp, START);
      assert.ok(closeTo(value, expected([id]).avgResponseMicros));
    }
    assert.deepEqual(result.entities, {
      [EAST]: 'Production/SampleNodeJsService (east)',
      [WEST]: 'Production/SampleNodeJsService (west)',
    });
    assert.equal(result.unit, 'MicroSecond (µs)');
    assert.equal(result.aggregationType, 'AVG');
    assert.equal(result.resolutionInMillisUTC, END - START);
  });

  it('serves failure rate, requests per minute and 5xx counts per entity', async () => {
    const total = (id: string, aggregationType: string) =>
      timeseries(id, {
        includeData: 'true',
        aggregationType,
        queryMode: 'TOTAL',
        startTimestamp: START,
        endTimestamp: END,
        entity: [EAST],
      }).then((answer) => answer.body.dataResult.dataPoints[EAST][0][1]);
    const east = expected([EAST]);
    assert.ok(
      closeTo(await total('com.dynatrace.builtin:service.failurerate', 'AVG'), east.failureRatePercent),
    );
    assert.ok(
      closeTo(
        await total('com.dynatrace.builtin:service.serversidefailurerate', 'AVG'),
        east.failureRatePercent,
      ),
    );
    assert.equal(await total('com.dynatrace.builtin:service.clientsidefailurerate', 'AVG'), 0);
    assert.equal(await total('com.dynatrace.builtin:service.requestspermin', 'COUNT'), east.requests);
    assert.equal(await total('com.dynatrace.builtin:service.requestspermin', 'AVG'), east.requests / 5);
    assert.equal(await total('com.dynatrace.builtin:service.errorcounthttp5xx', 'SUM'), east.failures);
    assert.equal(await total('com.dynatrace.builtin:service.errorcounthttp4xx', 'COUNT'), 0);
    assert.equal(await total('com.dynatrace.builtin:service.responsetime', 'MAX'), east.maxResponseMicros);
    assert.equal(await total('com.dynatrace.builtin:service.responsetime', 'COUNT'), east.requests);
    const samples = samplesOf(scenario.sampleAt.bind(scenario), [EAST], windowMinutes(START, END, NOW));
    assert.equal(
      await timeseries('com.dynatrace.builtin:service.responsetime', {
        includeData: 'true',
        aggregationType: 'PERCENTILE',
        percentile: 95,
        queryMode: 'TOTAL',
        startTimestamp: START,
        endTimestamp: END,
        entity: [EAST],
      }).then((answer) => answer.body.dataResult.dataPoints[EAST][0][1]),
      durationPercentile(samples, 95),
    );
  });

  it('gives SERIES points at slot starts, with null for minutes without complete data', async () => {
    const answer = await timeseries('com.dynatrace.builtin:service.requestspermin', {
      includeData: 'true',
      relativeTime: '5mins',
      entity: [STAGING],
    });
    const points = answer.body.dataResult.dataPoints[STAGING];
    assert.equal(answer.body.dataResult.resolutionInMillisUTC, MINUTE);
    const count = (minute: number) => scenario.sampleAt(STAGING, minute)?.requests;
    assert.deepEqual(points, [
      [NOW_MINUTE - 5 * MINUTE, null],
      ...[4, 3, 2, 1].map((offset) => [NOW_MINUTE - offset * MINUTE, count(NOW_MINUTE - offset * MINUTE)]),
      [NOW_MINUTE, null],
    ]);
  });

  it('leaves out entities without data and non-services', async () => {
    const answer = await timeseries('com.dynatrace.builtin:service.failurerate', {
      includeData: 'true',
      startTimestamp: NOW - 10 * 24 * 60 * MINUTE,
      endTimestamp: NOW - 9 * 24 * 60 * MINUTE,
    });
    assert.deepEqual(answer.body.dataResult.dataPoints, {});
    const hosts = await timeseries('com.dynatrace.builtin:service.failurerate', {
      includeData: 'true',
      relativeTime: 'hour',
      entity: [SAMPLE_APP_ENTITY_IDS.staging.host],
    });
    assert.deepEqual(hosts.body.dataResult.entities, {});
  });

  for (const [query, path, message] of [
    [
      { includeData: 'true', aggregationType: 'MEDIAN', relativeTime: 'hour' },
      'aggregationType',
      /supports AVG, MIN, MAX; found "MEDIAN"/,
    ],
    [{ includeData: 'true', queryMode: 'ALL', relativeTime: 'hour' }, 'queryMode', /SERIES or TOTAL/],
    [{ includeData: 'true' }, 'startTimestamp', /give relativeTime, or both startTimestamp and endTimestamp/],
    [
      { includeData: 'true', startTimestamp: 'now-1h', endTimestamp: 'now' },
      'startTimestamp',
      /epoch milliseconds/,
    ],
    [
      { includeData: 'true', startTimestamp: END, endTimestamp: START },
      'startTimestamp',
      /before endTimestamp/,
    ],
    [
      { includeData: 'true', startTimestamp: 1, endTimestamp: 200 * 24 * 3_600_000 },
      'startTimestamp',
      /6 months/,
    ],
    [{ includeData: 'true', relativeTime: '7mins' }, 'relativeTime', /must be one of min, 5mins/],
    [{ includeData: 'true', relativeTime: 'hour', tag: '[AWS]' }, 'tag', /a tag needs a key/],
  ] as const) {
    it(`answers 400 naming ${path} for ${JSON.stringify(query)}`, async () => {
      const answer = await timeseries('com.dynatrace.builtin:service.failurerate', query);
      assert.equal(answer.status, 400);
      assert.equal(answer.body.error.constraintViolations[0].path, path);
      assert.match(answer.body.error.constraintViolations[0].message, message);
    });
  }

  it('needs a percentile between 1 and 99 for PERCENTILE', async () => {
    const answer = await timeseries('com.dynatrace.builtin:service.responsetime', {
      includeData: 'true',
      aggregationType: 'PERCENTILE',
      relativeTime: 'hour',
    });
    assert.equal(answer.body.error.constraintViolations[0].path, 'percentile');
  });

  it('answers 404 for a timeseries the simulator does not serve', async () => {
    const answer = await timeseries('com.dynatrace.builtin:host.cpu.user', {});
    assert.equal(answer.status, 404);
    assert.match(answer.body.error.message, /Timeseries "com.dynatrace.builtin:host.cpu.user" not found/);
  });
});
