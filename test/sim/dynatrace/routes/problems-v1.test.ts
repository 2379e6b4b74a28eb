import assert from 'node:assert/strict';

import {
  type DynatraceSimulator,
  SAMPLE_APP_ENTITY_IDS,
  sampleAppScenario,
  startDynatraceSimulator,
} from '../../../../sim/dynatrace';
import { NOW, apiClient } from '../support/api-client';

const PROD_EAST = SAMPLE_APP_ENTITY_IDS.productionEast.service;

describe('Problems API v1 routes', () => {
  let simulator: DynatraceSimulator;

  beforeEach(async () => {
    simulator = await startDynatraceSimulator({ scenario: sampleAppScenario({ now: NOW }), now: () => NOW });
  });

  afterEach(async () => {
    await simulator.close();
  });

  it('returns problem details wrapped in result, with the singular SERVICE impact level', async () => {
    const problem = simulator.state.openProblem({
      title: 'Failure rate increase',
      entityIds: [PROD_EAST, SAMPLE_APP_ENTITY_IDS.productionEast.host],
      severityLevel: 'ERROR',
      rootCauseEntityId: PROD_EAST,
    });
    const answer = await apiClient(simulator).get(
      `/api/v1/problem/details/${encodeURIComponent(problem.problemId)}`,
    );
    assert.equal(answer.status, 200);
    const result = answer.body.result;
    assert.equal(result.id, problem.problemId);
    assert.equal(result.displayName, problem.displayId);
    assert.equal(result.impactLevel, 'SERVICE');
    assert.equal(result.status, 'OPEN');
    assert.equal(result.endTime, -1);
    assert.equal(result.hasRootCause, true);
    assert.equal(result.commentCount, 0);
    assert.deepEqual(result.affectedCounts, {
      INFRASTRUCTURE: 1,
      SERVICE: 1,
      APPLICATION: 0,
      ENVIRONMENT: 0,
    });
    assert.deepEqual(result.recoveredCounts, {
      INFRASTRUCTURE: 0,
      SERVICE: 0,
      APPLICATION: 0,
      ENVIRONMENT: 0,
    });
    assert.deepEqual(result.rankedImpacts[0], {
      entityId: PROD_EAST,
      entityName: 'Production/SampleNodeJsService (east)',
      severityLevel: 'ERROR',
      impactLevel: 'SERVICE',
      eventType: 'ERROR_EVENT',
    });
    assert.equal(result.rankedEvents[0].isRootCause, true);
    assert.deepEqual(result.tagsOfAffectedEntities[0], {
      context: 'CONTEXTLESS',
      key: 'DeploymentGroup',
      value: 'Production',
    });
    simulator.state.closeProblem(problem.problemId);
    const closed = await apiClient(simulator).get(
      `/api/v1/problem/details/${encodeURIComponent(problem.problemId)}`,
    );
    assert.equal(closed.body.result.status, 'CLOSED');
    assert.equal(closed.body.result.recoveredCounts.SERVICE, 1);
  });

  it('adds a comment with 200 and the v1 comment body, visible through v2 as well', async () => {
    const problem = simulator.state.openProblem({ title: 't', entityIds: [PROD_EAST] });
    const answer = await apiClient(simulator).post(
      `/api/v1/problem/details/${encodeURIComponent(problem.problemId)}/comments`,
      {
        comment: 'Rolled back to release 16',
        user: 'Unbreakable Pipeline',
        context: 'Azure Function',
      },
    );
    assert.equal(answer.status, 200);
    assert.deepEqual(Object.keys(answer.body).sort(), [
      'content',
      'context',
      'createdAtTimestamp',
      'id',
      'userName',
    ]);
    assert.equal(answer.body.content, 'Rolled back to release 16');
    assert.equal(answer.body.userName, 'Unbreakable Pipeline');
    assert.equal(answer.body.createdAtTimestamp, NOW);
    const v2 = await apiClient(simulator).get(
      `/api/v2/problems/${encodeURIComponent(problem.problemId)}/comments`,
    );
    assert.deepEqual(v2.body.comments[0], {
      id: answer.body.id,
      createdAtTimestamp: NOW,
      content: 'Rolled back to release 16',
      authorName: 'Unbreakable Pipeline',
      context: 'Azure Function',
    });
    await apiClient(simulator).post(`/api/v2/problems/${encodeURIComponent(problem.problemId)}/comments`, {
      message: 'via v2',
    });
    const details = await apiClient(simulator).get(
      `/api/v1/problem/details/${encodeURIComponent(problem.problemId)}`,
    );
    assert.equal(details.body.result.commentCount, 2);
  });

  it('answers 400 for missing comment or user and 404 for an unknown problem', async () => {
    const problem = simulator.state.openProblem({ title: 't', entityIds: [PROD_EAST] });
    const path = `/api/v1/problem/details/${encodeURIComponent(problem.problemId)}/comments`;
    const missing = await apiClient(simulator).post(path, { comment: '', context: [] });
    assert.deepEqual(
      missing.body.error.constraintViolations.map((violation: { path: string }) => violation.path),
      ['comment', 'user', 'context'],
    );
    assert.equal((await apiClient(simulator).post(path, 7)).status, 400);
    assert.equal((await apiClient(simulator).get('/api/v1/problem/details/unknown')).status, 404);
    assert.equal(
      (
        await apiClient(simulator).post('/api/v1/problem/details/unknown/comments', {
          comment: 'c',
          user: 'u',
        })
      ).status,
      404,
    );
  });
});
