import assert from 'node:assert/strict';
import { AzureDevOpsError } from '../../../lib/azure-devops';
import { yamlPipelineDefaults, yamlPipelineScenario } from '../../../sim/azure-devops';
import { simulatedNow, startConnectedSimulator, type ConnectedSimulator } from './connected-simulator';

const { project, pipelineId, productionEnvironmentId } = yamlPipelineDefaults;
const commit = (digit: string): string => digit.repeat(40);

describe('YAML runs: listRuns, getRun, runPipeline, listEnvironmentDeploymentRecords', () => {
  let fixture: ConnectedSimulator;

  beforeEach(async () => {
    fixture = await startConnectedSimulator({
      scenario: yamlPipelineScenario({
        now: simulatedNow,
        runs: [
          { id: 101, productionResult: 'succeeded', sourceVersion: commit('1') },
          { id: 102, productionResult: 'failed', sourceVersion: commit('2') },
          { id: 103, productionResult: 'succeeded', sourceVersion: commit('3') },
        ],
      }),
    });
  });
  afterEach(async () => {
    await fixture.close();
  });

  it('lists runs newest first with state, result and the commit they built', async () => {
    const runs = await fixture.connection.listRuns(project, pipelineId);
    assert.deepEqual(
      runs.map((run) => [run.id, run.state, run.result, run.version]),
      [
        [103, 'completed', 'succeeded', commit('3')],
        [102, 'completed', 'failed', commit('2')],
        [101, 'completed', 'succeeded', commit('1')],
      ],
    );
    assert.equal(runs[0]?.pipelineName, 'SampleNodeJsService-CD');
    assert.equal(runs[0]?.refName, 'refs/heads/main');
  });

  it('gets one run, and reports a run of another pipeline as not-found', async () => {
    assert.equal((await fixture.connection.getRun(project, pipelineId, 101)).version, commit('1'));
    await assert.rejects(
      fixture.connection.getRun(project, pipelineId, 999),
      (error: unknown) => error instanceof AzureDevOpsError && error.kind === 'not-found',
    );
  });

  it('queues a run at an earlier commit with parameters and skipped stages', async () => {
    const run = await fixture.connection.runPipeline({
      project,
      pipelineId,
      resources: { repositories: { self: { refName: 'refs/heads/main', version: commit('1') } } },
      templateParameters: { rollback: 'true' },
      variables: { problem: { value: 'P-7' } },
      stagesToSkip: ['Staging'],
    });
    assert.equal(run.id, 104);
    assert.equal(run.state, 'inProgress');
    assert.equal(run.version, commit('1'));
    assert.deepEqual(run.templateParameters, { rollback: 'true' });
    const post = fixture.sim.requests.find((request) => request.method === 'POST');
    assert.deepEqual(post?.body, {
      resources: { repositories: { self: { refName: 'refs/heads/main', version: commit('1') } } },
      templateParameters: { rollback: 'true' },
      variables: { problem: { value: 'P-7', isSecret: false } },
      stagesToSkip: ['Staging'],
    });
  });

  it('sends a POST that answered 502 exactly once', async () => {
    fixture.sim.faults.add({ method: 'POST', path: /\/runs$/, kind: 'status', status: 502 });
    await assert.rejects(
      fixture.connection.runPipeline({ project, pipelineId }),
      (error: unknown) => error instanceof AzureDevOpsError && error.status === 502,
    );
    assert.equal(fixture.sim.requests.filter((request) => request.method === 'POST').length, 1);
  });

  it('lists the deployments to an environment across pages of a string continuation token', async () => {
    const records = await fixture.connection.listEnvironmentDeploymentRecords({
      project,
      environmentId: productionEnvironmentId,
      pageSize: 2,
    });
    assert.deepEqual(
      records.map((record) => [record.runId, record.stageName, record.result]),
      [
        [103, 'Production', 'succeeded'],
        [102, 'Production', 'failed'],
        [101, 'Production', 'succeeded'],
      ],
    );
    assert.equal(
      fixture.sim.requests.filter((request) => request.path.endsWith('/environmentdeploymentrecords')).length,
      2,
    );
    assert.equal(records[0]?.definitionId, pipelineId);
    assert.equal(records[0]?.stageAttempt, 1);
  });
});
