import assert from 'node:assert/strict';
import { AzureDevOpsState, classicReleaseDefaults, classicReleaseScenario } from '../../../sim/azure-devops';

const now = Date.parse('2026-01-15T12:00:00Z');
const day = 24 * 60 * 60_000;

describe('classicReleaseScenario', () => {
  const load = (scenario: ReturnType<typeof classicReleaseScenario>): AzureDevOpsState => {
    const state = new AzureDevOpsState(() => now);
    state.load(scenario);
    return state;
  };

  it('seeds SampleNodeJsService-CD with stages Staging and Production and one release per spec', () => {
    const state = load(
      classicReleaseScenario({
        now,
        releases: [
          { id: 1, productionStatus: 'succeeded' },
          { id: 2, productionStatus: 'failed' },
          { id: 3, productionStatus: 'partiallySucceeded' },
          { id: 4, productionStatus: 'inProgress' },
          { id: 5, productionStatus: 'notStarted' },
        ],
      }),
    );
    assert.equal(state.projects[0]?.name, classicReleaseDefaults.project);
    const definition = state.releases.releaseDefinitions[0];
    assert.equal(definition?.name, 'SampleNodeJsService-CD');
    assert.deepEqual(
      definition?.stages.map((stage) => [stage.id, stage.name]),
      [
        [1, 'Staging'],
        [2, 'Production'],
      ],
    );
    assert.deepEqual(
      state.releases.releases.map((release) => release.environments.map((environment) => environment.status)),
      [
        ['succeeded', 'succeeded'],
        ['succeeded', 'rejected'],
        ['succeeded', 'partiallySucceeded'],
        ['succeeded', 'inProgress'],
        ['notStarted', 'notStarted'],
      ],
    );
  });

  it('spaces releases a day apart ending a day before now, deploying Staging then Production', () => {
    const state = load(
      classicReleaseScenario({
        now,
        releases: [
          { id: 7, productionStatus: 'succeeded' },
          { id: 8, productionStatus: 'succeeded' },
        ],
      }),
    );
    const [first, second] = state.releases.releases;
    assert.equal(first?.createdOn, now - 2 * day);
    assert.equal(second?.createdOn, now - day);
    const staging = first?.environments[0]?.attempts[0];
    const production = first?.environments[1]?.attempts[0];
    assert.ok(staging && production);
    assert.ok(staging.queuedOn < production.queuedOn);
    assert.ok((production.completedOn ?? 0) > (production.startedOn ?? Infinity) - 1);
  });

  it('gives every release stage a unique release-environment id', () => {
    const state = load(
      classicReleaseScenario({
        now,
        releases: [1, 2, 3].map((id) => ({ id, productionStatus: 'succeeded' as const })),
      }),
    );
    const ids = state.releases.releases.flatMap((release) =>
      release.environments.map((environment) => environment.id),
    );
    assert.equal(new Set(ids).size, ids.length);
  });

  it('honours custom ids, names and a failed Staging', () => {
    const state = load(
      classicReleaseScenario({
        now,
        project: 'Contoso',
        definitionId: 12,
        definitionName: 'Web-CD',
        stagingStageId: 30,
        productionStageId: 31,
        releases: [{ id: 40, productionStatus: 'notStarted', stagingStatus: 'failed' }],
      }),
    );
    assert.equal(state.project('contoso')?.name, 'Contoso');
    assert.equal(state.releases.definition(12)?.name, 'Web-CD');
    assert.deepEqual(
      state.releases
        .release(40)
        ?.environments.map((environment) => [environment.definitionEnvironmentId, environment.status]),
      [
        [30, 'rejected'],
        [31, 'notStarted'],
      ],
    );
  });
});
