import assert from 'node:assert/strict';
import { AzureDevOpsError } from '../../../lib/azure-devops';
import { classicReleaseDefaults, classicReleaseScenario } from '../../../sim/azure-devops';
import { simulatedNow, startConnectedSimulator, type ConnectedSimulator } from './connected-simulator';

const { project, definitionId, productionStageId } = classicReleaseDefaults;
const day = 24 * 60 * 60_000;

describe('listDeploymentsOfStage', () => {
  let fixture: ConnectedSimulator;
  let baseline = 0;
  const stage = { project, definitionId, definitionEnvironmentId: productionStageId };
  const deploymentRequests = (): { query: Readonly<Record<string, string>> }[] =>
    fixture.sim.requests
      .slice(baseline)
      .filter((request) => request.path.endsWith('/_apis/Release/deployments'));

  before(async () => {
    fixture = await startConnectedSimulator({
      scenario: classicReleaseScenario({
        now: simulatedNow,
        releases: [
          { id: 1, productionStatus: 'succeeded' },
          { id: 2, productionStatus: 'succeeded' },
          { id: 3, productionStatus: 'failed' },
          { id: 4, productionStatus: 'succeeded' },
          { id: 5, productionStatus: 'succeeded' },
        ],
      }),
    });
  });
  after(async () => {
    await fixture.close();
  });
  beforeEach(() => {
    baseline = fixture.sim.requests.length;
  });

  it('returns every deployment of the stage across two pages, newest first', async () => {
    const deployments = await fixture.connection.listDeploymentsOfStage({ ...stage, pageSize: 3 });
    assert.deepEqual(
      deployments.map((deployment) => [deployment.releaseId, deployment.deploymentStatus]),
      [
        [5, 'succeeded'],
        [4, 'succeeded'],
        [3, 'failed'],
        [2, 'succeeded'],
        [1, 'succeeded'],
      ],
    );
    const pages = deploymentRequests();
    assert.equal(pages.length, 2);
    assert.equal(pages[0]?.query['continuationToken'], undefined);
    assert.ok(pages[1]?.query['continuationToken']);
    assert.equal(pages[0]?.query['$top'], '3');
  });

  it('sends the filters as node-api does: enum numbers and RFC 1123 dates', async () => {
    const since = new Date(simulatedNow - 4.5 * day);
    const deployments = await fixture.connection.listDeploymentsOfStage({
      ...stage,
      deploymentStatus: 'succeeded',
      latestAttemptsOnly: true,
      queryOrder: 'ascending',
      minStartedTime: since,
    });
    assert.deepEqual(
      deployments.map((deployment) => deployment.releaseId),
      [2, 4, 5],
    );
    const query = deploymentRequests()[0]?.query;
    assert.equal(query?.['deploymentStatus'], '4');
    assert.equal(query?.['queryOrder'], '1');
    assert.equal(query?.['latestAttemptsOnly'], 'true');
    assert.equal(query?.['minStartedTime'], since.toUTCString());
  });

  it('describes each deployment with its release, stage and times', async () => {
    const [latest] = await fixture.connection.listDeploymentsOfStage({ ...stage, pageSize: 1, maxPages: 5 });
    assert.ok(latest);
    assert.equal(latest.releaseName, 'Release-5');
    assert.equal(latest.definitionName, 'SampleNodeJsService-CD');
    assert.equal(latest.releaseEnvironmentName, 'Production');
    assert.equal(latest.releaseEnvironmentId, fixture.sim.state.releases.environment(5, 'Production')?.id);
    assert.equal(latest.definitionEnvironmentId, productionStageId);
    assert.equal(latest.operationStatus, 'phaseSucceeded');
    assert.equal(latest.reason, 'automated');
    assert.ok(latest.startedOn instanceof Date && latest.completedOn instanceof Date);
    assert.ok(latest.startedOn < latest.completedOn);
  });

  it('fetches the next page only when the caller reaches it', async () => {
    for await (const deployment of fixture.connection.iterateDeploymentsOfStage({ ...stage, pageSize: 2 })) {
      if (deployment.releaseId === 4) break;
    }
    assert.equal(deploymentRequests().length, 1);
  });

  it('stops with a clear error when the list has more pages than allowed', async () => {
    await assert.rejects(
      fixture.connection.listDeploymentsOfStage({ ...stage, pageSize: 1, maxPages: 2 }),
      (error: unknown) =>
        error instanceof AzureDevOpsError &&
        error.kind === 'paging-limit' &&
        /stopped after 2 pages of deployments of stage 2 of release definition 1 and there are more/.test(
          error.message,
        ),
    );
  });
});
