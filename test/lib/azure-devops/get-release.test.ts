import assert from 'node:assert/strict';
import { AzureDevOpsError } from '../../../lib/azure-devops';
import { classicReleaseDefaults, classicReleaseScenario } from '../../../sim/azure-devops';
import { simulatedNow, startConnectedSimulator, type ConnectedSimulator } from './connected-simulator';

const { project } = classicReleaseDefaults;

describe('releases: getRelease, getReleaseEnvironment, listReleases', () => {
  let fixture: ConnectedSimulator;

  before(async () => {
    fixture = await startConnectedSimulator({
      scenario: classicReleaseScenario({
        now: simulatedNow,
        releases: [
          { id: 1, productionStatus: 'succeeded' },
          { id: 2, productionStatus: 'partiallySucceeded' },
          {
            id: 3,
            productionStatus: 'failed',
            variables: { 'app.version': { value: '1.3.0' }, token: { value: 'x', isSecret: true } },
          },
          { id: 4, productionStatus: 'inProgress' },
        ],
      }),
    });
  });
  after(async () => {
    await fixture.close();
  });

  it('reads a release with its definition, stages, attempts and variables', async () => {
    const release = await fixture.connection.getRelease(project, 3);
    assert.equal(release.name, 'Release-3');
    assert.equal(release.status, 'active');
    assert.equal(release.definitionId, classicReleaseDefaults.definitionId);
    assert.equal(release.definitionName, 'SampleNodeJsService-CD');
    assert.ok(release.createdOn instanceof Date);
    assert.match(release.webUrl ?? '', /_release\?releaseId=3&_a=release-summary$/);
    assert.deepEqual(release.variables['app.version'], {
      value: '1.3.0',
      isSecret: false,
      allowOverride: false,
    });
    assert.deepEqual(release.variables['token'], { value: undefined, isSecret: true, allowOverride: false });
    assert.deepEqual(
      release.environments.map((environment) => [
        environment.name,
        environment.definitionEnvironmentId,
        environment.status,
      ]),
      [
        ['Staging', classicReleaseDefaults.stagingStageId, 'succeeded'],
        ['Production', classicReleaseDefaults.productionStageId, 'rejected'],
      ],
    );
    const attempt = release.environments[1]?.deploySteps[0];
    assert.deepEqual(
      [attempt?.attempt, attempt?.status, attempt?.operationStatus, attempt?.hasStarted],
      [1, 'failed', 'phaseFailed', true],
    );
  });

  it('keeps partiallySucceeded and inProgress apart from succeeded', async () => {
    assert.equal(
      (await fixture.connection.getRelease(project, 2)).environments[1]?.status,
      'partiallySucceeded',
    );
    assert.equal((await fixture.connection.getRelease(project, 4)).environments[1]?.status, 'inProgress');
  });

  it('reads one stage of one release', async () => {
    const id = fixture.sim.state.releases.environment(1, 'Production')?.id ?? -1;
    const environment = await fixture.connection.getReleaseEnvironment(project, 1, id);
    assert.equal(environment.id, id);
    assert.equal(environment.releaseId, 1);
    assert.equal(environment.name, 'Production');
    assert.equal(environment.rank, 2);
  });

  it('reports a missing release as not-found, where node-api would return null', async () => {
    await assert.rejects(
      fixture.connection.getRelease(project, 99),
      (error: unknown) =>
        error instanceof AzureDevOpsError &&
        error.kind === 'not-found' &&
        /releases\/99 failed with 404/.test(error.message),
    );
    assert.equal(await (await fixture.connection.webApi.getReleaseApi()).getRelease(project, 99), null);
  });

  it('lists releases across pages, with their stages when asked', async () => {
    const releases = await fixture.connection.listReleases({
      project,
      definitionId: classicReleaseDefaults.definitionId,
      pageSize: 3,
      expandEnvironments: true,
    });
    assert.deepEqual(
      releases.map((release) => [release.id, release.environments.length]),
      [
        [4, 2],
        [3, 2],
        [2, 2],
        [1, 2],
      ],
    );
    const ascending = await fixture.connection.listReleases({
      project,
      queryOrder: 'ascending',
      releaseIds: [1, 3],
    });
    assert.deepEqual(
      ascending.map((release) => [release.id, release.environments.length]),
      [
        [1, 0],
        [3, 0],
      ],
    );
  });
});
