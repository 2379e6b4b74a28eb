import assert from 'node:assert/strict';

import {
  type ProblemChange,
  ProblemDetector,
  SAMPLE_APP_ENTITY_IDS,
  SimulatorState,
  createScenario,
  sampleAppScenario,
} from '../../../sim/dynatrace';
import { MINUTE, NOW } from './support/api-client';

const STAGING = SAMPLE_APP_ENTITY_IDS.staging.service;
const EAST = SAMPLE_APP_ENTITY_IDS.productionEast.service;
const WEST = SAMPLE_APP_ENTITY_IDS.productionWest.service;

describe('ProblemDetector (state.detectProblems)', () => {
  let clock: number;
  let state: SimulatorState;
  let changes: ProblemChange[];

  beforeEach(() => {
    clock = NOW;
    state = new SimulatorState(sampleAppScenario({ now: NOW }), () => clock);
    changes = [];
    state.onProblemChange((change) => changes.push(change));
  });

  /** Deploys a build now and lets `minutes` pass. */
  function deployAndWait(environment: string, build: string | number, minutes: number): void {
    state.deploy(environment, build, clock);
    clock += minutes * MINUTE;
  }

  it('finds nothing while builds 1 and 3 run, and judges every service with a workload', () => {
    const first = state.detectProblems();
    deployAndWait('Production', 3, 4);
    const second = state.detectProblems();
    for (const result of [first, second]) {
      assert.deepEqual(result.opened, []);
      assert.deepEqual(result.closed, []);
      assert.deepEqual(
        result.health.map((health) => [health.entityId, health.status]),
        [
          [STAGING, 'normal'],
          [EAST, 'normal'],
          [WEST, 'normal'],
        ],
      );
    }
    assert.deepEqual(changes, []);
  });

  it('judges the last complete minutes before the detection time', () => {
    const result = state.detectProblems(NOW);
    const minuteStart = Math.floor(NOW / MINUTE) * MINUTE;
    assert.deepEqual(result.window, { from: minuteStart - 3 * MINUTE, to: minuteStart });
    assert.equal(result.at, NOW);
  });

  it('opens one problem for both Production services when build 4 breaks Production, titled by the failure rate', () => {
    deployAndWait('Production', 4, 4);
    const result = state.detectProblems();
    assert.equal(result.opened.length, 1);
    const [problem] = result.opened;
    assert.ok(problem);
    assert.equal(problem.title, 'Failure rate increase');
    assert.equal(problem.severityLevel, 'ERROR');
    assert.equal(problem.impactLevel, 'SERVICES');
    assert.equal(problem.startTime, clock);
    assert.deepEqual(problem.affectedEntityIds, [EAST, WEST]);
    assert.deepEqual(problem.impactedEntityIds, [EAST, WEST]);
    const kinds = result.health
      .filter((health) => health.status === 'abnormal')
      .map((health) =>
        health.status === 'abnormal' ? health.violations.map((violation) => violation.kind) : [],
      );
    assert.deepEqual(kinds, [
      ['failure-rate', 'response-time'],
      ['failure-rate', 'response-time'],
    ]);
    assert.deepEqual(
      changes.map((change) => [change.kind, change.problem.problemId]),
      [['opened', problem.problemId]],
    );
  });

  it('opens a "Response time degradation" (PERFORMANCE) problem when only the response time is off', () => {
    const base = sampleAppScenario({ now: NOW });
    const slow = createScenario({
      entities: base.entities,
      ...(base.workloads === undefined ? {} : { workloads: base.workloads }),
      builds: { Staging: { slow: { responseTimeMs: 400, failureRatePercent: 0, requestsPerMinute: 300 } } },
    });
    state = new SimulatorState(slow, () => clock);
    deployAndWait('Staging', 'slow', 4);
    const [problem] = state.detectProblems().opened;
    assert.equal(problem?.title, 'Response time degradation');
    assert.equal(problem?.severityLevel, 'PERFORMANCE');
    assert.deepEqual(problem?.affectedEntityIds, [STAGING]);
  });

  it('does not open a second problem while the first is open, and merges new services into it', () => {
    // A problem someone opened on the east service only.
    const manual = state.openProblem({
      title: 'Response time degradation',
      entityIds: [EAST],
      startTime: clock,
    });
    deployAndWait('Production', 4, 4);
    const first = state.detectProblems();
    assert.deepEqual(first.opened, []);
    assert.equal(first.merged.length, 1);
    assert.deepEqual(first.merged[0]?.addedEntityIds, [WEST]);
    assert.deepEqual(state.problems.get(manual.problemId)?.affectedEntityIds, [EAST, WEST]);
    clock += MINUTE;
    const second = state.detectProblems();
    assert.deepEqual(second.opened, []);
    assert.deepEqual(second.merged[0]?.addedEntityIds, []);
    assert.equal(state.problems.list().length, 1);
  });

  it('keeps the problem open while the services are abnormal and closes it once they are normal for the whole window', () => {
    deployAndWait('Production', 4, 4);
    const [problem] = state.detectProblems().opened;
    assert.ok(problem);
    deployAndWait('Production', 3, 2);
    assert.deepEqual(state.detectProblems().closed, [], 'two good minutes are not enough');
    clock += 2 * MINUTE;
    const result = state.detectProblems();
    assert.deepEqual(
      result.closed.map((closed) => [closed.problemId, closed.status, closed.endTime]),
      [[problem.problemId, 'CLOSED', clock]],
    );
    assert.deepEqual(
      changes.map((change) => change.kind),
      ['opened', 'closed'],
    );
    assert.deepEqual(state.detectProblems().closed, [], 'closes once');
  });

  it('neither opens nor closes anything for a service without traffic in the window', () => {
    const base = sampleAppScenario({ now: NOW });
    const quiet = createScenario({
      entities: base.entities,
      ...(base.workloads === undefined ? {} : { workloads: base.workloads }),
      builds: {
        Production: {
          '4': { responseTimeMs: 300, failureRatePercent: 10, requestsPerMinute: 600 },
          idle: { responseTimeMs: 100, failureRatePercent: 0, requestsPerMinute: 0 },
        },
      },
    });
    state = new SimulatorState(quiet, () => clock);
    deployAndWait('Production', 4, 4);
    const [problem] = state.detectProblems().opened;
    assert.ok(problem);
    deployAndWait('Production', 'idle', 4);
    const result = state.detectProblems();
    assert.deepEqual(result.opened, []);
    assert.deepEqual(result.closed, []);
    assert.deepEqual(
      result.health.filter((health) => health.status === 'unknown').map((health) => health.entityId),
      [EAST, WEST],
    );
    assert.equal(state.problems.get(problem.problemId)?.status, 'OPEN');
  });

  it('leaves problems it has nothing to do with alone', () => {
    const manual = state.openProblem({ title: 'Host down', entityIds: [SAMPLE_APP_ENTITY_IDS.staging.host] });
    clock += 10 * MINUTE;
    state.detectProblems();
    assert.equal(state.problems.get(manual.problemId)?.status, 'OPEN');
  });

  it('takes its thresholds from the state options', () => {
    state = new SimulatorState(sampleAppScenario({ now: NOW }), () => clock, {
      problemDetection: { failureRatePercent: 0.5 },
    });
    assert.equal(state.problemDetector.settings.failureRatePercent, 0.5);
    assert.equal(state.problemDetector.settings.windowMinutes, 3);
    const [problem] = state.detectProblems().opened;
    assert.deepEqual(problem?.affectedEntityIds, [EAST, WEST], "Production's 1 % failures now count");
  });

  it('refuses thresholds that cannot work, naming each', () => {
    assert.throws(
      () =>
        new ProblemDetector({
          windowMinutes: 0,
          failureRatePercent: 101,
          responseTimeFactor: 1,
          baselineMinutes: 1.5,
        }),
      (error: unknown) =>
        error instanceof RangeError &&
        /windowMinutes: expected a whole number ≥ 1, found 0/.test(error.message) &&
        /failureRatePercent: expected a percentage from 0 to 100, found 101/.test(error.message) &&
        /responseTimeFactor: expected a number > 1, found 1/.test(error.message) &&
        /baselineMinutes: expected a whole number ≥ 1, found 1.5/.test(error.message),
    );
  });

  it('refuses a detection time that is not a number', () => {
    assert.throws(
      () => state.detectProblems(Number.NaN),
      /expected the detection time in epoch ms, found NaN/,
    );
  });
});
