import assert from 'node:assert/strict';

import {
  SAMPLE_APP_BUILDS,
  SAMPLE_APP_ENTITY_IDS,
  SAMPLE_APP_HISTORY_MS,
  type Scenario,
  sampleAppScenario,
} from '../../../sim/dynatrace';
import { MINUTE, NOW, NOW_MINUTE } from './support/api-client';
import { type WindowFigures, figures, samplesOf } from './support/expected-metrics';

const STAGING = [SAMPLE_APP_ENTITY_IDS.staging.service];
const PRODUCTION = [
  SAMPLE_APP_ENTITY_IDS.productionEast.service,
  SAMPLE_APP_ENTITY_IDS.productionWest.service,
];
const WINDOW_MINUTES = 5;
/** "Clear margin": the source stays at least 10 % inside the threshold. */
const MARGIN = 0.1;

/** Seed 002's StagingToProduction comparison: scale factor 15 % by default, 90 % for requests per minute. */
interface Comparison {
  readonly avgResponse: { source: number; threshold: number };
  readonly maxResponse: { source: number; threshold: number };
  readonly failureRate: { source: number; threshold: number };
  readonly requestsPerMinute: { source: number; threshold: number };
}

function compare(source: WindowFigures, compareWith: WindowFigures): Comparison {
  return {
    avgResponse: { source: source.avgResponseMicros, threshold: compareWith.avgResponseMicros * 1.15 },
    maxResponse: { source: source.maxResponseMicros, threshold: compareWith.maxResponseMicros * 1.15 },
    failureRate: { source: source.failureRatePercent, threshold: compareWith.failureRatePercent * 1.15 },
    requestsPerMinute: {
      source: source.requests / WINDOW_MINUTES,
      threshold: (compareWith.requests / WINDOW_MINUTES) * (1 - 0.9),
    },
  };
}

/** Every 5-minute window of the scenario's history, ending 30 s into a minute as the gate's windows do. */
function sweep(scenario: Scenario, check: (comparison: Comparison, windowEnd: number) => void): number {
  let windows = 0;
  const firstEnd = NOW - SAMPLE_APP_HISTORY_MS + WINDOW_MINUTES * MINUTE + MINUTE;
  for (let windowEnd = firstEnd; windowEnd <= NOW - MINUTE; windowEnd += MINUTE) {
    const minutes: number[] = [];
    for (
      let minute = Math.ceil((windowEnd - WINDOW_MINUTES * MINUTE) / MINUTE) * MINUTE;
      minute < windowEnd;
      minute += MINUTE
    ) {
      minutes.push(minute);
    }
    const sampler = scenario.sampleAt.bind(scenario);
    check(
      compare(
        figures(samplesOf(sampler, STAGING, minutes)),
        figures(samplesOf(sampler, PRODUCTION, minutes)),
      ),
      windowEnd,
    );
    windows += 1;
  }
  return windows;
}

describe('sampleAppScenario', () => {
  it('models seed 002: one Staging service, two Production services, each cluster with a process and a host', () => {
    const scenario = sampleAppScenario({ now: NOW });
    const byType = (environment: string, type: string): string[] =>
      scenario.entities
        .filter((entity) => entity.environment === environment && entity.type === type)
        .map((entity) => entity.id);
    assert.deepEqual(byType('Staging', 'SERVICE'), STAGING);
    assert.deepEqual(byType('Production', 'SERVICE'), PRODUCTION);
    assert.equal(byType('Staging', 'HOST').length, 1);
    assert.equal(byType('Staging', 'PROCESS_GROUP_INSTANCE').length, 1);
    assert.equal(byType('Production', 'HOST').length, 2);
    assert.equal(byType('Production', 'PROCESS_GROUP_INSTANCE').length, 2);
  });

  it('tags every entity with both monspec tag styles and the app tag', () => {
    const scenario = sampleAppScenario({ now: NOW });
    for (const entity of scenario.entities) {
      const environment = entity.environment ?? '';
      assert.deepEqual(entity.tags, [
        { context: 'CONTEXTLESS', key: 'DeploymentGroup', value: environment },
        { context: 'ENVIRONMENT', key: 'DEPLOYMENT_GROUP_NAME', value: environment },
        { context: 'CONTEXTLESS', key: 'app', value: 'SampleNodeJsService' },
      ]);
    }
  });

  it('runs build 1 everywhere from three days before now, and has no data before that', () => {
    const scenario = sampleAppScenario({ now: NOW });
    const historyStart = NOW_MINUTE - SAMPLE_APP_HISTORY_MS;
    for (const entityId of [...STAGING, ...PRODUCTION]) {
      assert.equal(scenario.sampleAt(entityId, historyStart - MINUTE), undefined);
      assert.ok(scenario.sampleAt(entityId, historyStart));
      assert.deepEqual(
        scenario.workloads?.[entityId]?.map((phase) => phase.profile.build),
        ['1'],
      );
    }
  });

  it('switches an environment to a deployed build from the deployment time on', () => {
    const at = NOW_MINUTE - 30 * MINUTE;
    const scenario = sampleAppScenario({ now: NOW, deployments: [{ environment: 'Staging', build: 2, at }] });
    const before = scenario.sampleAt(STAGING[0] ?? '', at - MINUTE);
    const after = figures(
      samplesOf(scenario.sampleAt.bind(scenario), STAGING, [at, at + MINUTE, at + 2 * MINUTE]),
    );
    assert.equal(before?.failures, 0);
    assert.ok(
      Math.abs(after.failureRatePercent - 50) < 1,
      `failure rate after deploying build 2: ${after.failureRatePercent}`,
    );
    assert.deepEqual(
      scenario.workloads?.[PRODUCTION[0] ?? '']?.map((phase) => phase.profile.build),
      ['1'],
    );
  });

  it('rejects a build the sample app does not have, naming the known builds', () => {
    assert.throws(
      () => sampleAppScenario({ now: NOW, deployments: [{ environment: 'Staging', build: 7, at: NOW }] }),
      /deployments\[0\]: the sample app has no build "7" in "Staging" \(known builds: 1, 2, 3, 4\)/,
    );
  });

  it('publishes the build table of seed 002', () => {
    assert.equal(SAMPLE_APP_BUILDS.Staging?.['2']?.failureRatePercent, 50);
    assert.equal(SAMPLE_APP_BUILDS.Production?.['4']?.failureRatePercent, 10);
    assert.equal(
      SAMPLE_APP_BUILDS.Production?.['4']?.responseTimeMs,
      3 * (SAMPLE_APP_BUILDS.Production?.['1']?.responseTimeMs ?? 0),
    );
    assert.deepEqual(SAMPLE_APP_BUILDS.Staging?.['4'], SAMPLE_APP_BUILDS.Staging?.['1']);
  });

  describe('StagingToProduction (seed 002 monspec) over every 5-minute window of the history', () => {
    it('passes build 1 against build 1 with a clear margin on every metric', () => {
      const windows = sweep(sampleAppScenario({ now: NOW }), (comparison, windowEnd) => {
        const at = new Date(windowEnd).toISOString();
        for (const metric of ['avgResponse', 'maxResponse', 'failureRate'] as const) {
          const { source, threshold } = comparison[metric];
          assert.ok(
            source <= threshold * (1 - MARGIN),
            `${metric} at ${at}: ${source} vs threshold ${threshold}`,
          );
        }
        const { source, threshold } = comparison.requestsPerMinute;
        assert.ok(
          source >= threshold * (1 + MARGIN),
          `requests/min at ${at}: ${source} vs lower threshold ${threshold}`,
        );
      });
      assert.ok(windows > 4000, `swept ${windows} windows`);
    });

    it('fails build 2 in Staging against build 1 in Production on the failure rate only', () => {
      const historyStart = NOW_MINUTE - SAMPLE_APP_HISTORY_MS;
      const scenario = sampleAppScenario({
        now: NOW,
        deployments: [{ environment: 'Staging', build: 2, at: historyStart }],
      });
      sweep(scenario, (comparison, windowEnd) => {
        const at = new Date(windowEnd).toISOString();
        const { source, threshold } = comparison.failureRate;
        assert.ok(
          source > 10 * threshold,
          `failure rate at ${at}: ${source} should clearly exceed ${threshold}`,
        );
        assert.ok(
          comparison.avgResponse.source <= comparison.avgResponse.threshold,
          `avg response time at ${at}`,
        );
        assert.ok(
          comparison.requestsPerMinute.source >= comparison.requestsPerMinute.threshold,
          `requests/min at ${at}`,
        );
      });
    });
  });

  it('makes build 4 about three times slower with 10 % failures in Production only', () => {
    const at = NOW_MINUTE - 20 * MINUTE;
    const scenario = sampleAppScenario({
      now: NOW,
      deployments: [
        { environment: 'Staging', build: 4, at },
        { environment: 'Production', build: 4, at },
      ],
    });
    const sampler = scenario.sampleAt.bind(scenario);
    const minutesBefore = [1, 2, 3, 4, 5].map((index) => at - index * MINUTE);
    const minutesAfter = [1, 2, 3, 4, 5].map((index) => at + index * MINUTE);
    const production = (minutes: number[]): WindowFigures => figures(samplesOf(sampler, PRODUCTION, minutes));
    const staging = (minutes: number[]): WindowFigures => figures(samplesOf(sampler, STAGING, minutes));
    const slowdown = production(minutesAfter).avgResponseMicros / production(minutesBefore).avgResponseMicros;
    assert.ok(slowdown > 2.7 && slowdown < 3.3, `Production slowdown ${slowdown}`);
    assert.ok(Math.abs(production(minutesAfter).failureRatePercent - 10) < 0.2);
    assert.equal(staging(minutesAfter).failures, 0);
    const stagingChange = staging(minutesAfter).avgResponseMicros / staging(minutesBefore).avgResponseMicros;
    assert.ok(stagingChange > 0.94 && stagingChange < 1.06, `Staging change ${stagingChange}`);
  });
});
