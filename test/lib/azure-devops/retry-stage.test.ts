import assert from 'node:assert/strict';
import { AzureDevOpsError, type Build } from '../../../lib/azure-devops';
import { yamlPipelineDefaults, yamlPipelineScenario } from '../../../sim/azure-devops';
import { simulatedNow, startConnectedSimulator, type ConnectedSimulator } from './connected-simulator';

const { project, pipelineId } = yamlPipelineDefaults;

describe('YAML runs: listBuilds, getTimeline, retryStage', () => {
  let fixture: ConnectedSimulator;

  beforeEach(async () => {
    fixture = await startConnectedSimulator({
      scenario: yamlPipelineScenario({
        now: simulatedNow,
        runs: [
          { id: 101, productionResult: 'succeeded' },
          { id: 102, productionResult: 'succeeded' },
          { id: 103, productionResult: 'failed' },
          { id: 104, productionResult: 'succeeded' },
          { id: 105, productionResult: 'succeeded' },
          { id: 106, productionResult: 'inProgress' },
        ],
      }),
    });
  });
  afterEach(async () => {
    await fixture.close();
  });

  it('lists the runs of a pipeline across pages, newest first', async () => {
    const builds: Build[] = await fixture.connection.listBuilds({
      project,
      definitionId: pipelineId,
      pageSize: 2,
    });
    assert.deepEqual(
      builds.map((build) => [build.id, build.status, build.result]),
      [
        [106, 'inProgress', undefined],
        [105, 'completed', 'succeeded'],
        [104, 'completed', 'succeeded'],
        [103, 'completed', 'failed'],
        [102, 'completed', 'succeeded'],
        [101, 'completed', 'succeeded'],
      ],
    );
    assert.equal(
      fixture.sim.requests.filter((request) => request.path.endsWith('/_apis/build/Builds')).length,
      3,
    );
    assert.equal(builds[1]?.definitionName, 'SampleNodeJsService-CD');
    assert.match(builds[1]?.webUrl ?? '', /_build\/results\?buildId=105$/);
  });

  it('re-runs the Production stage of the right earlier run', async () => {
    // The culprit is run 105; the most recent earlier run whose Production stage succeeded is 104.
    let target: { buildId: number; stage: string } | undefined;
    for await (const build of fixture.connection.iterateBuilds({
      project,
      definitionId: pipelineId,
      statusFilter: 'completed',
      pageSize: 2,
    })) {
      if (build.id >= 105) continue;
      const timeline = await fixture.connection.getTimeline(project, build.id);
      const production = timeline.records.find(
        (record) => record.type === 'Stage' && record.identifier === 'Production',
      );
      if (production?.result === 'succeeded') {
        target = { buildId: build.id, stage: production.identifier ?? '' };
        break;
      }
    }
    assert.deepEqual(target, { buildId: 104, stage: 'Production' });

    await fixture.connection.retryStage({ project, buildId: target.buildId, stageRefName: target.stage });
    const patch = fixture.sim.requests.filter((request) => request.method === 'PATCH');
    assert.equal(patch.length, 1);
    assert.equal(patch[0]?.path, '/fabrikam/Fabrikam Fiber/_apis/build/builds/104/stages/Production');
    assert.deepEqual(patch[0]?.body, { state: 1, forceRetryAllJobs: true });

    const stage = (await fixture.connection.getTimeline(project, 104)).records.find(
      (record) => record.type === 'Stage' && record.identifier === 'Production',
    );
    assert.equal(stage?.attempt, 2);
    assert.equal(stage?.state, 'inProgress');
    assert.deepEqual(
      stage?.previousAttempts.map((previous) => previous.attempt),
      [1],
    );
    assert.equal((await fixture.connection.getBuild(project, 104)).status, 'inProgress');
  });

  it('reports an unknown stage as not-found, which node-api reports as success', async () => {
    await assert.rejects(
      fixture.connection.retryStage({ project, buildId: 104, stageRefName: 'Canary' }),
      (error: unknown) =>
        error instanceof AzureDevOpsError && error.kind === 'not-found' && error.method === 'PATCH',
    );
  });

  it('reports a stage that is still running as a 400 with the service message', async () => {
    await assert.rejects(
      fixture.connection.retryStage({ project, buildId: 106, stageRefName: 'Production' }),
      (error: unknown) =>
        error instanceof AzureDevOpsError &&
        error.status === 400 &&
        /only a completed stage can be retried/.test(error.message),
    );
  });

  it('reads the timeline records of a run', async () => {
    const timeline = await fixture.connection.getTimeline(project, 103);
    assert.deepEqual(
      timeline.records.map((record) => [
        record.type,
        record.identifier,
        record.state,
        record.result,
        record.attempt,
      ]),
      [
        ['Stage', 'Staging', 'completed', 'succeeded', 1],
        ['Phase', 'Staging.Deploy', 'completed', 'succeeded', 1],
        ['Job', 'Staging.Deploy.__default', 'completed', 'succeeded', 1],
        ['Stage', 'Production', 'completed', 'failed', 1],
        ['Phase', 'Production.Deploy', 'completed', 'failed', 1],
        ['Job', 'Production.Deploy.__default', 'completed', 'failed', 1],
      ],
    );
    assert.equal(timeline.records[3]?.name, 'Deploy to Production');
  });
});
