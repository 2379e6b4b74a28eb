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

describe('environment routes', () => {
  let sim: AzureDevOpsSimulator;
  const records = (environmentId: number, query = ''): Promise<RawAnswer> =>
    rawCall(
      `${sim.collectionUrl}${project}/_apis/distributedtask/environments/${environmentId}/environmentdeploymentrecords${query}`,
      {
        authorization: basicAuth(sim.pat),
      },
    );

  before(async () => {
    sim = await startAzureDevOpsSimulator({
      now: () => now,
      scenario: yamlPipelineScenario({
        now,
        runs: [
          { id: 101, productionResult: 'succeeded' },
          { id: 102, productionResult: 'failed' },
          { id: 103, stagingResult: 'failed', productionResult: 'succeeded' },
          { id: 104, productionResult: 'succeeded' },
        ],
      }),
    });
  });
  after(async () => {
    await sim.close();
  });

  it('lists the deployment jobs that ran against an environment, newest first', async () => {
    const answer = await records(yamlPipelineDefaults.productionEnvironmentId);
    assert.deepEqual(
      answer.json.value.map((record: { owner: { id: number }; stageName: string; result: string }) => [
        record.owner.id,
        record.stageName,
        record.result,
      ]),
      [
        [104, 'Production', 'succeeded'],
        [102, 'Production', 'failed'],
        [101, 'Production', 'succeeded'],
      ],
    );
    const first = answer.json.value[0];
    assert.equal(first.definition.id, yamlPipelineDefaults.pipelineId);
    assert.equal(first.planType, 'Build');
    assert.equal(first.stageAttempt, 1);
  });

  it('pages with top and a string continuation token', async () => {
    const first = await records(yamlPipelineDefaults.stagingEnvironmentId, '?top=3');
    assert.equal(first.json.count, 3);
    const token = first.headers.get('x-ms-continuationtoken');
    assert.ok(token);
    const second = await records(
      yamlPipelineDefaults.stagingEnvironmentId,
      `?top=3&continuationToken=${encodeURIComponent(token)}`,
    );
    const owners = [...first.json.value, ...second.json.value].map(
      (record: { owner: { id: number } }) => record.owner.id,
    );
    assert.deepEqual(owners, [104, 103, 102, 101]);
    assert.equal(second.headers.get('x-ms-continuationtoken'), null);
  });

  it('answers 404 for an unknown environment', async () => {
    assert.equal((await records(99)).status, 404);
  });
});
