import assert from 'node:assert/strict';
import { AzureDevOpsState, yamlPipelineDefaults, yamlPipelineScenario } from '../../../sim/azure-devops';

const now = Date.parse('2026-01-15T12:00:00Z');

describe('yamlPipelineScenario', () => {
  const load = (scenario: ReturnType<typeof yamlPipelineScenario>): AzureDevOpsState => {
    const state = new AzureDevOpsState(() => now);
    state.load(scenario);
    return state;
  };

  it('seeds a pipeline whose deployment stages target the Staging and Production environments', () => {
    const state = load(yamlPipelineScenario({ now, runs: [{ id: 1, productionResult: 'succeeded' }] }));
    const pipeline = state.pipelines.pipeline(yamlPipelineDefaults.pipelineId);
    assert.equal(pipeline?.name, 'SampleNodeJsService-CD');
    assert.deepEqual(
      pipeline?.stages.map((stage) => [stage.name, stage.environmentId]),
      [
        ['Staging', yamlPipelineDefaults.stagingEnvironmentId],
        ['Production', yamlPipelineDefaults.productionEnvironmentId],
      ],
    );
  });

  it('derives run status and result from the stage outcomes', () => {
    const state = load(
      yamlPipelineScenario({
        now,
        runs: [
          { id: 1, productionResult: 'succeeded' },
          { id: 2, productionResult: 'failed' },
          { id: 3, stagingResult: 'failed', productionResult: 'succeeded' },
          { id: 4, productionResult: 'succeededWithIssues' },
          { id: 5, productionResult: 'inProgress' },
          { id: 6, stagingResult: 'inProgress', productionResult: 'succeeded' },
        ],
      }),
    );
    assert.deepEqual(
      state.pipelines.builds.map((build) => [
        build.id,
        build.status,
        build.result,
        build.stages.map((stage) => stage.result ?? stage.state),
      ]),
      [
        [1, 'completed', 'succeeded', ['succeeded', 'succeeded']],
        [2, 'completed', 'failed', ['succeeded', 'failed']],
        [3, 'completed', 'failed', ['failed', 'skipped']],
        [4, 'completed', 'partiallySucceeded', ['succeeded', 'succeededWithIssues']],
        [5, 'inProgress', undefined, ['succeeded', 'inProgress']],
        [6, 'inProgress', undefined, ['inProgress', 'pending']],
      ],
    );
  });

  it('records an environment deployment for every deployment stage that ran', () => {
    const state = load(
      yamlPipelineScenario({
        now,
        runs: [
          { id: 1, productionResult: 'succeeded' },
          { id: 2, stagingResult: 'failed', productionResult: 'succeeded' },
        ],
      }),
    );
    assert.deepEqual(
      state.pipelines.environmentDeploymentRecords.map((record) => [
        record.build.id,
        record.stageName,
        record.result,
      ]),
      [
        [1, 'Staging', 'succeeded'],
        [1, 'Production', 'succeeded'],
        [2, 'Staging', 'failed'],
      ],
    );
  });

  it('numbers runs like the default yyyyMMdd.N run-number format', () => {
    const state = load(
      yamlPipelineScenario({
        now,
        runs: [
          { id: 1, productionResult: 'succeeded', queuedOn: Date.parse('2026-01-14T08:00:00Z') },
          { id: 2, productionResult: 'succeeded', queuedOn: Date.parse('2026-01-14T09:00:00Z') },
        ],
      }),
    );
    assert.deepEqual(
      state.pipelines.builds.map((build) => build.buildNumber),
      ['20260114.1', '20260114.2'],
    );
  });
});
