import assert from 'node:assert/strict';

import { SimulatorState, createScenario, sampleAppScenario } from '../../../sim/dynatrace';
import { MINUTE, NOW, NOW_MINUTE } from './support/api-client';

const service = { id: 'SERVICE-1', type: 'SERVICE', displayName: 'svc', tags: [], environment: 'Staging' };
const host = { id: 'HOST-1', type: 'HOST', displayName: 'host', tags: [], environment: 'Staging' };
const application = { id: 'APPLICATION-1', type: 'APPLICATION', displayName: 'app', tags: [] };

describe('SimulatorState', () => {
  it('seeds events and problems, including closed problems and their comments', () => {
    const scenario = createScenario({
      entities: [service, host],
      events: [
        {
          eventType: 'CUSTOM_DEPLOYMENT',
          title: 'seeded',
          entityId: 'SERVICE-1',
          startTime: NOW - 10 * MINUTE,
          properties: { a: 'b' },
        },
        {
          eventType: 'CUSTOM_INFO',
          title: 'with end',
          entityId: 'HOST-1',
          startTime: NOW - 10 * MINUTE,
          endTime: NOW - 9 * MINUTE,
        },
      ],
      problems: [
        {
          title: 'old problem',
          entityIds: ['SERVICE-1'],
          startTime: NOW - 60 * MINUTE,
          endTime: NOW - 30 * MINUTE,
          comments: [
            { content: 'fixed', authorName: 'ops', context: 'manual', createdAtTimestamp: NOW - 31 * MINUTE },
            { content: 'default author' },
          ],
        },
      ],
    });
    const state = new SimulatorState(scenario, () => NOW);
    const [deployment, info] = state.events.list();
    assert.equal(deployment?.endTime, NOW - 10 * MINUTE + 15 * MINUTE, 'default timeout of 15 minutes');
    assert.deepEqual(deployment?.properties, [['a', 'b']]);
    assert.equal(deployment?.entity.name, 'svc');
    assert.equal(info?.endTime, NOW - 9 * MINUTE);
    const [problem] = state.problems.list();
    assert.equal(problem?.status, 'CLOSED');
    assert.equal(problem?.endTime, NOW - 30 * MINUTE);
    assert.deepEqual(
      state
        .commentsOf(problem?.problemId ?? '')
        .map((comment) => [comment.content, comment.authorName, comment.context, comment.createdAtTimestamp]),
      [
        ['fixed', 'ops', 'manual', NOW - 31 * MINUTE],
        ['default author', 'Dynatrace user', null, NOW - 60 * MINUTE],
      ],
    );
  });

  it('derives the impact level from the affected entity types', () => {
    const state = new SimulatorState(createScenario({ entities: [service, host, application] }), () => NOW);
    assert.equal(
      state.openProblem({ title: 't', entityIds: ['HOST-1', 'SERVICE-1'] }).impactLevel,
      'SERVICES',
    );
    assert.equal(state.openProblem({ title: 't', entityIds: ['APPLICATION-1'] }).impactLevel, 'APPLICATION');
    assert.equal(state.openProblem({ title: 't', entityIds: ['HOST-1'] }).impactLevel, 'INFRASTRUCTURE');
    assert.equal(
      state.openProblem({ title: 't', entityIds: ['HOST-1'], impactLevel: 'SERVICE' }).impactLevel,
      'SERVICES',
    );
    const problem = state.openProblem({ title: 't', entityIds: ['HOST-1'] });
    assert.equal(problem.severityLevel, 'PERFORMANCE');
    assert.equal(problem.startTime, NOW);
    assert.equal(
      state.closeProblem(problem.problemId),
      state.closeProblem(problem.problemId),
      'closing twice changes nothing',
    );
    assert.throws(() => state.closeProblem('nope'), /problem "nope" does not exist/);
    assert.throws(() => state.commentsOf('nope'), /problem "nope" does not exist/);
  });

  it('gives every problem a unique id and display id', () => {
    const state = new SimulatorState(createScenario({ entities: [host] }), () => NOW);
    const problems = Array.from({ length: 20 }, () =>
      state.openProblem({ title: 't', entityIds: ['HOST-1'] }),
    );
    assert.equal(new Set(problems.map((problem) => problem.problemId)).size, 20);
    assert.equal(new Set(problems.map((problem) => problem.displayId)).size, 20);
  });

  describe('deploy', () => {
    it('switches the environment’s services and reports them; samples follow at once', () => {
      const state = new SimulatorState(sampleAppScenario({ now: NOW }), () => NOW);
      const switched = state.deploy('Production', '4');
      assert.equal(switched.length, 2);
      for (const entityId of switched) {
        assert.deepEqual(
          state
            .workloadOf(entityId)
            .map((phase) => [phase.profile.build, phase.from])
            .at(-1),
          ['4', NOW],
        );
      }
      const sample = state.sampleAt(switched[0] ?? '', NOW_MINUTE + MINUTE);
      assert.ok(sample && sample.failures > 0);
    });

    it('explains what is missing when it cannot deploy', () => {
      const bare = new SimulatorState(createScenario({ entities: [service] }), () => NOW);
      assert.throws(
        () => bare.deploy('Staging', 1),
        /known environments: none \(the scenario has no build catalogue\)/,
      );
      const noWorkload = new SimulatorState(
        createScenario({
          entities: [host],
          builds: { Staging: { '1': { responseTimeMs: 10, failureRatePercent: 0, requestsPerMinute: 1 } } },
        }),
        () => NOW,
      );
      assert.throws(() => noWorkload.deploy('Staging', 1), /no entity with a workload belongs to it/);
      const sample = new SimulatorState(sampleAppScenario({ now: NOW }), () => NOW);
      assert.throws(
        () => sample.deploy('Staging', 1, Number.NaN),
        /expected the deployment time in epoch ms/,
      );
    });
  });

  it('snapshots entities for events and rejects unknown ones', () => {
    const state = new SimulatorState(createScenario({ entities: [service] }), () => NOW);
    assert.deepEqual(state.eventEntity('SERVICE-1'), {
      id: 'SERVICE-1',
      type: 'SERVICE',
      name: 'svc',
      tags: [],
    });
    assert.equal(state.eventEntity('environment').type, 'ENVIRONMENT');
    assert.throws(() => state.eventEntity('X'), /entity "X" does not exist/);
  });

  describe('problem changes', () => {
    it('tells listeners when a problem opens and when it closes, once, at the given time', () => {
      const state = new SimulatorState(createScenario({ entities: [service] }), () => NOW);
      const seen: string[] = [];
      const stop = state.onProblemChange((change) =>
        seen.push(`${change.kind} ${change.problem.status} ${change.problem.endTime}`),
      );
      state.onProblemChange(() => {
        throw new Error('a failing listener does not stop the others');
      });
      const problem = state.openProblem({ title: 'p', entityIds: ['SERVICE-1'] });
      state.closeProblem(problem.problemId, NOW + 5 * MINUTE);
      state.closeProblem(problem.problemId, NOW + 9 * MINUTE);
      stop();
      state.openProblem({ title: 'unheard', entityIds: ['SERVICE-1'] });
      assert.deepEqual(seen, ['opened OPEN -1', `closed CLOSED ${NOW + 5 * MINUTE}`]);
    });

    it('merges existing entities into an open problem, without repeating any', () => {
      const state = new SimulatorState(createScenario({ entities: [service, host] }), () => NOW);
      const problem = state.openProblem({ title: 'p', entityIds: ['SERVICE-1'] });
      const merged = state.mergeIntoProblem(problem.problemId, ['HOST-1', 'SERVICE-1', 'HOST-1']);
      assert.deepEqual(merged.affectedEntityIds, ['SERVICE-1', 'HOST-1']);
      assert.deepEqual(merged.impactedEntityIds, ['SERVICE-1', 'HOST-1']);
      assert.equal(
        state.mergeIntoProblem(problem.problemId, ['HOST-1']),
        state.problems.get(problem.problemId),
      );
      assert.throws(
        () => state.mergeIntoProblem(problem.problemId, ['HOST-404']),
        /mergeIntoProblem: entityIds\[0\] "HOST-404" does not exist/,
      );
      assert.throws(() => state.mergeIntoProblem('nope', ['HOST-1']), /problem "nope" does not exist/);
      state.closeProblem(problem.problemId);
      assert.throws(
        () => state.mergeIntoProblem(problem.problemId, ['HOST-1']),
        /is closed; entities merge only into open problems/,
      );
    });
  });
});
