import assert from 'node:assert/strict';
import {
  startAzureDevOpsSimulator,
  yamlPipelineDefaults,
  yamlPipelineScenario,
  type AzureDevOpsSimulator,
} from '../../../sim/azure-devops';
import { basicAuth, rawCall, type RawAnswer } from './raw-call';

const now = Date.parse('2026-01-15T12:00:00Z');
const project = encodeURIComponent(yamlPipelineDefaults.project);
const pipelineId = yamlPipelineDefaults.pipelineId;

describe('pipeline routes', () => {
  let sim: AzureDevOpsSimulator;
  const call = (path: string, method = 'GET', body?: unknown): Promise<RawAnswer> =>
    rawCall(`${sim.collectionUrl}${project}/_apis/pipelines/${path}`, {
      method,
      authorization: basicAuth(sim.pat),
      body,
    });

  beforeEach(async () => {
    sim = await startAzureDevOpsSimulator({
      now: () => now,
      scenario: yamlPipelineScenario({
        now,
        runs: [
          { id: 101, productionResult: 'succeeded', sourceVersion: 'a'.repeat(40) },
          { id: 102, productionResult: 'failed' },
        ],
      }),
    });
  });
  afterEach(async () => {
    await sim.close();
  });

  it('lists the runs of a pipeline newest first in one answer', async () => {
    const answer = await call(`${pipelineId}/runs`);
    assert.equal(answer.status, 200);
    assert.deepEqual(
      answer.json.value.map((run: { id: number; state: string; result: string }) => [
        run.id,
        run.state,
        run.result,
      ]),
      [
        [102, 'completed', 'failed'],
        [101, 'completed', 'succeeded'],
      ],
    );
    assert.equal(answer.headers.get('x-ms-continuationtoken'), null);
  });

  it('gets one run with the commit it built', async () => {
    const answer = await call(`${pipelineId}/runs/101`);
    assert.equal(answer.json.pipeline.name, 'SampleNodeJsService-CD');
    assert.equal(answer.json.resources.repositories.self.version, 'a'.repeat(40));
    assert.equal(answer.json.resources.repositories.self.refName, 'refs/heads/main');
  });

  it('answers 404 for a run of another pipeline and for an unknown pipeline', async () => {
    assert.equal((await call(`${pipelineId}/runs/999`)).status, 404);
    assert.equal((await call('999/runs')).status, 404);
  });

  it('runs the pipeline at a given commit with parameters, variables and skipped stages', async () => {
    const answer = await call(`${pipelineId}/runs`, 'POST', {
      resources: { repositories: { self: { refName: 'refs/heads/main', version: 'b'.repeat(40) } } },
      templateParameters: { rollback: 'true' },
      variables: { reason: { value: 'P-42', isSecret: false }, token: { value: 's3cret', isSecret: true } },
      stagesToSkip: ['Staging'],
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.json.id, 103);
    assert.equal(answer.json.state, 'inProgress');
    assert.deepEqual(answer.json.templateParameters, { rollback: 'true' });
    assert.equal(answer.json.resources.repositories.self.version, 'b'.repeat(40));
    assert.deepEqual(answer.json.variables, { reason: { value: 'P-42' }, token: { isSecret: true } });
    const timeline = await rawCall(`${sim.collectionUrl}${project}/_apis/build/builds/103/timeline`, {
      authorization: basicAuth(sim.pat),
    });
    const stages = timeline.json.records.filter((record: { type: string }) => record.type === 'Stage');
    assert.deepEqual(
      stages.map((stage: { identifier: string; state: string; result: string | null }) => [
        stage.identifier,
        stage.state,
        stage.result,
      ]),
      [
        ['Staging', 'completed', 'skipped'],
        ['Production', 'inProgress', null],
      ],
    );
  });

  it('rejects unknown stages to skip, previews and foreign repositories', async () => {
    const unknownStage = await call(`${pipelineId}/runs`, 'POST', { stagesToSkip: ['Canary'] });
    assert.equal(unknownStage.status, 400);
    assert.match(unknownStage.json.message, /Canary/);
    assert.equal((await call(`${pipelineId}/runs`, 'POST', { previewRun: true })).status, 400);
    assert.equal(
      (await call(`${pipelineId}/runs`, 'POST', { resources: { repositories: { tools: { version: 'x' } } } }))
        .status,
      400,
    );
    assert.equal(
      (await call(`${pipelineId}/runs`, 'POST', { templateParameters: { n: { nested: true } } })).status,
      400,
    );
  });

  it('rejects a pipeline revision it does not keep', async () => {
    const answer = await rawCall(
      `${sim.collectionUrl}${project}/_apis/pipelines/${pipelineId}/runs?pipelineVersion=9`,
      {
        method: 'POST',
        authorization: basicAuth(sim.pat),
        body: {},
      },
    );
    assert.equal(answer.status, 400);
  });

  it('requires an api-version on POST', async () => {
    const answer = await rawCall(`${sim.collectionUrl}${project}/_apis/pipelines/${pipelineId}/runs`, {
      method: 'POST',
      authorization: basicAuth(sim.pat),
      apiVersion: null,
      body: {},
    });
    assert.equal(answer.status, 400);
    assert.match(answer.json.message, /"POST" request/);
  });
});
