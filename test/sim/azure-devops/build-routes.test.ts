import assert from 'node:assert/strict';
import {
  startAzureDevOpsSimulator,
  yamlPipelineDefaults,
  yamlPipelineScenario,
  type AzureDevOpsSimulator,
} from '../../../sim/azure-devops';
import { basicAuth, rawCall, type RawAnswer } from './raw-call';

const now = Date.parse('2026-01-15T12:00:00Z');

/** The fields of a timeline record these tests read. */
interface StageRecordJson {
  readonly type: string;
  readonly identifier: string;
  readonly name: string;
  readonly state: string;
  readonly result: string | null;
  readonly attempt: number;
  readonly previousAttempts: readonly { readonly attempt: number }[];
}
const project = encodeURIComponent(yamlPipelineDefaults.project);

describe('build routes', () => {
  let sim: AzureDevOpsSimulator;
  let clock: number;
  const get = (path: string): Promise<RawAnswer> =>
    rawCall(`${sim.collectionUrl}${project}/_apis/${path}`, { authorization: basicAuth(sim.pat) });
  const patchStage = (buildId: number, stage: string, body: unknown): Promise<RawAnswer> =>
    rawCall(`${sim.collectionUrl}${project}/_apis/build/builds/${buildId}/stages/${stage}`, {
      method: 'PATCH',
      authorization: basicAuth(sim.pat),
      body,
    });
  const ids = (answer: RawAnswer): number[] => answer.json.value.map((item: { id: number }) => item.id);
  const stageRecord = (timeline: RawAnswer, identifier: string): StageRecordJson =>
    timeline.json.records.find(
      (record: StageRecordJson) => record.type === 'Stage' && record.identifier === identifier,
    );

  beforeEach(async () => {
    clock = now;
    sim = await startAzureDevOpsSimulator({
      now: () => clock,
      scenario: yamlPipelineScenario({
        now,
        runs: [
          { id: 101, productionResult: 'succeeded' },
          { id: 102, productionResult: 'succeeded' },
          { id: 103, productionResult: 'failed' },
          { id: 104, stagingResult: 'failed', productionResult: 'succeeded' },
          { id: 105, productionResult: 'inProgress' },
        ],
      }),
    });
  });
  afterEach(async () => {
    await sim.close();
  });

  describe('GET builds', () => {
    it('lists the runs of a pipeline newest first, with status and result', async () => {
      const answer = await get(`build/builds?definitions=${yamlPipelineDefaults.pipelineId}`);
      assert.deepEqual(
        answer.json.value.map((build: { id: number; status: string; result?: string }) => [
          build.id,
          build.status,
          build.result,
        ]),
        [
          [105, 'inProgress', undefined],
          [104, 'completed', 'failed'],
          [103, 'completed', 'failed'],
          [102, 'completed', 'succeeded'],
          [101, 'completed', 'succeeded'],
        ],
      );
      assert.equal(answer.json.value[1].definition.name, 'SampleNodeJsService-CD');
      assert.match(answer.json.value[1].buildNumber, /^\d{8}\.\d+$/);
    });

    it('pages with an opaque continuation token', async () => {
      const first = await get('build/builds?$top=2');
      assert.deepEqual(ids(first), [105, 104]);
      const token = first.headers.get('x-ms-continuationtoken');
      assert.ok(token);
      assert.doesNotMatch(token, /^\d+$/);
      const second = await get(`build/builds?$top=2&continuationToken=${encodeURIComponent(token)}`);
      assert.deepEqual(ids(second), [103, 102]);
      const bogus = await get('build/builds?$top=2&continuationToken=not-a-token');
      assert.equal(bogus.status, 400);
    });

    it('filters by result and status (names or numbers) and orders by finish time', async () => {
      assert.deepEqual(ids(await get('build/builds?resultFilter=succeeded')), [102, 101]);
      assert.deepEqual(ids(await get('build/builds?resultFilter=2')), [102, 101]);
      assert.deepEqual(ids(await get('build/builds?statusFilter=inProgress')), [105]);
      // Ordering by finish time lists finished builds only.
      assert.deepEqual(ids(await get('build/builds?queryOrder=finishTimeAscending')), [101, 102, 103, 104]);
      assert.deepEqual(ids(await get('build/builds?queryOrder=3&maxBuildsPerDefinition=1')), [104]);
    });

    it('gets one build, and answers 404 for an unknown one', async () => {
      const answer = await get('build/builds/103');
      assert.equal(answer.json.id, 103);
      assert.equal(answer.json.uri, 'vstfs:///Build/Build/103');
      assert.equal((await get('build/builds/999')).status, 404);
    });
  });

  describe('GET timeline', () => {
    it('has a Stage, Phase and Job record per stage with identifier, state, result and attempt', async () => {
      const timeline = await get('build/builds/103/timeline');
      assert.deepEqual(
        timeline.json.records.map(
          (record: { type: string; identifier: string; state: string; result: string; attempt: number }) => [
            record.type,
            record.identifier,
            record.state,
            record.result,
            record.attempt,
          ],
        ),
        [
          ['Stage', 'Staging', 'completed', 'succeeded', 1],
          ['Phase', 'Staging.Deploy', 'completed', 'succeeded', 1],
          ['Job', 'Staging.Deploy.__default', 'completed', 'succeeded', 1],
          ['Stage', 'Production', 'completed', 'failed', 1],
          ['Phase', 'Production.Deploy', 'completed', 'failed', 1],
          ['Job', 'Production.Deploy.__default', 'completed', 'failed', 1],
        ],
      );
      assert.equal(stageRecord(timeline, 'Production').name, 'Deploy to Production');
    });

    it('shows a stage after a failed one as skipped, and a running run as pending', async () => {
      assert.equal(stageRecord(await get('build/builds/104/timeline'), 'Production').result, 'skipped');
      const running = await get('build/builds/105/timeline');
      assert.equal(stageRecord(running, 'Production').state, 'inProgress');
      assert.equal(stageRecord(running, 'Production').result, null);
    });
  });

  describe('PATCH stage', () => {
    it('retries a completed stage: a new attempt in progress, the earlier one kept, the build running again', async () => {
      clock = now + 60_000;
      const answer = await patchStage(102, 'Production', { state: 'retry', forceRetryAllJobs: true });
      assert.equal(answer.status, 200);
      assert.equal(answer.text, '');
      const timeline = await get('build/builds/102/timeline');
      const stage = stageRecord(timeline, 'Production');
      assert.equal(stage.attempt, 2);
      assert.equal(stage.state, 'inProgress');
      assert.equal(stage.result, null);
      assert.deepEqual(
        stage.previousAttempts.map((previous) => previous.attempt),
        [1],
      );
      const build = await get('build/builds/102');
      assert.equal(build.json.status, 'inProgress');
      assert.equal(build.json.result, undefined);
    });

    it('accepts the numeric state node-api sends, and the stage name in any case', async () => {
      assert.equal((await patchStage(103, 'production', { state: 1, forceRetryAllJobs: false })).status, 200);
    });

    it('completes the retried stage when the simulated agent finishes it', async () => {
      await patchStage(102, 'Production', { state: 'retry', forceRetryAllJobs: true });
      sim.state.pipelines.completeStage(102, 'Production', 'succeeded');
      const build = await get('build/builds/102');
      assert.equal(build.json.status, 'completed');
      assert.equal(build.json.result, 'succeeded');
      const records = await get(
        `distributedtask/environments/${yamlPipelineDefaults.productionEnvironmentId}/environmentdeploymentrecords`,
      );
      assert.deepEqual([records.json.value[0].owner.id, records.json.value[0].stageAttempt], [102, 2]);
    });

    it('answers 404 for an unknown stage', async () => {
      const answer = await patchStage(102, 'Canary', { state: 'retry', forceRetryAllJobs: true });
      assert.equal(answer.status, 404);
      assert.match(answer.json.message, /Canary/);
    });

    it('answers 400 while the stage is still running', async () => {
      const answer = await patchStage(105, 'Production', { state: 'retry', forceRetryAllJobs: true });
      assert.equal(answer.status, 400);
      assert.match(answer.json.message, /inProgress/);
    });

    it('answers 400 when nothing failed and forceRetryAllJobs is not set', async () => {
      const answer = await patchStage(102, 'Production', { state: 'retry' });
      assert.equal(answer.status, 400);
      assert.match(answer.json.message, /forceRetryAllJobs/);
    });

    it('cancels a running stage, skipping what would have followed', async () => {
      assert.equal((await patchStage(105, 'Production', { state: 'cancel' })).status, 200);
      const build = await get('build/builds/105');
      assert.equal(build.json.result, 'canceled');
    });

    it('validates the body', async () => {
      assert.equal((await patchStage(102, 'Production', { state: 'dance' })).status, 400);
      assert.equal((await patchStage(102, 'Production', {})).status, 400);
      assert.equal((await patchStage(102, 'Production', { state: 'run' })).status, 400);
      assert.equal(
        (await patchStage(102, 'Production', { state: 'retry', forceRetryAllJobs: 'yes' })).status,
        400,
      );
    });
  });
});
