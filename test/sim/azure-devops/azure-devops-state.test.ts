import assert from 'node:assert/strict';
import {
  AzureDevOpsState,
  classicReleaseScenario,
  sampleAzureDevOpsScenario,
  yamlPipelineScenario,
} from '../../../sim/azure-devops';

const now = Date.parse('2026-01-15T12:00:00Z');

describe('AzureDevOpsState', () => {
  it('loads the sample scenario: issue 5 as classic releases and as YAML runs', () => {
    const state = new AzureDevOpsState(() => now);
    state.load(sampleAzureDevOpsScenario({ now }));
    assert.deepEqual(
      state.releases.releases.map((release) => release.environments[1]?.status),
      ['succeeded', 'succeeded', 'rejected', 'succeeded', 'succeeded'],
    );
    assert.deepEqual(
      state.pipelines.builds.map((build) => build.result),
      ['succeeded', 'succeeded', 'failed', 'succeeded', 'succeeded'],
    );
  });

  it('refuses seeds that contradict themselves, naming what is wrong', () => {
    const state = new AzureDevOpsState(() => now);
    state.load(classicReleaseScenario({ now, releases: [{ id: 1, productionStatus: 'succeeded' }] }));
    assert.throws(
      () => state.load(classicReleaseScenario({ now, project: 'Other', releases: [] })),
      /release definition 1 is seeded twice/,
    );
    assert.throws(() => state.addProject({ name: 'fabrikam fiber' }), /seeded twice/);
    assert.throws(
      () => state.releases.addRelease(1, { id: 2, createdOn: now, deployments: { Canary: [] } }),
      /stage "Canary" is not a stage of definition "SampleNodeJsService-CD" \(Staging, Production\)/,
    );
    assert.throws(
      () =>
        state.addProject({
          name: 'Broken',
          pipelines: [{ id: 9, name: 'P', stages: [{ name: 'Prod', environment: 'Nowhere' }], runs: [] }],
        }),
      /pipeline environment "Nowhere" is not seeded/,
    );
  });

  it('refuses to play the agent on a stage with nothing pending', () => {
    const state = new AzureDevOpsState(() => now);
    state.load(classicReleaseScenario({ now, releases: [{ id: 1, productionStatus: 'succeeded' }] }));
    assert.throws(
      () => state.releases.completeDeployment(1, 'Production', 'succeeded'),
      /no queued or running deployment/,
    );
    assert.throws(() => state.releases.completeDeployment(1, 'Canary', 'succeeded'), /no stage Canary/);
    state.load(yamlPipelineScenario({ now, project: 'Y', runs: [{ id: 5, productionResult: 'succeeded' }] }));
    assert.throws(
      () => state.pipelines.completeStage(5, 'Production', 'succeeded'),
      /completed, not inProgress/,
    );
    assert.throws(
      () => state.pipelines.completeStage(6, 'Production', 'succeeded'),
      /run 6 is not in the simulator/,
    );
  });

  it('completes a running YAML stage and starts the next one', () => {
    const state = new AzureDevOpsState(() => now);
    state.load(
      yamlPipelineScenario({
        now,
        runs: [{ id: 5, stagingResult: 'inProgress', productionResult: 'succeeded' }],
      }),
    );
    state.pipelines.completeStage(5, 'Staging', 'succeeded');
    assert.deepEqual(
      state.pipelines.build(5)?.stages.map((stage) => stage.state),
      ['completed', 'inProgress'],
    );
    state.pipelines.completeStage(5, 'Production', 'failed');
    assert.equal(state.pipelines.build(5)?.result, 'failed');
  });
});
