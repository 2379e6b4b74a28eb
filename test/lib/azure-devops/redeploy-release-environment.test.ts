import assert from 'node:assert/strict';
import { AzureDevOpsError, type Deployment } from '../../../lib/azure-devops';
import { redeployReleaseEnvironment } from '../../../lib/azure-devops/redeploy-release-environment';
import { type AzureDevOpsRequest, type AzureDevOpsResponse } from '../../../lib/azure-devops/send-request';
import { classicReleaseDefaults, classicReleaseScenario } from '../../../sim/azure-devops';
import { simulatedNow, startConnectedSimulator, type ConnectedSimulator } from './connected-simulator';

const { project, definitionId, productionStageId } = classicReleaseDefaults;

describe('redeployReleaseEnvironment', () => {
  let fixture: ConnectedSimulator;
  const patches = (): number => fixture.sim.requests.filter((request) => request.method === 'PATCH').length;

  beforeEach(async () => {
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
  afterEach(async () => {
    await fixture.close();
  });

  it('makes the issue-5 rollback possible: release 4 found across two pages and redeployed with one PATCH', async () => {
    const deployments: Deployment[] = await fixture.connection.listDeploymentsOfStage({
      project,
      definitionId,
      definitionEnvironmentId: productionStageId,
      pageSize: 3,
    });
    assert.equal(fixture.sim.requests.filter((request) => request.path.endsWith('/deployments')).length, 2);
    // The decision belongs to lib/remediation; here only the data it needs is shown to be there.
    const target = deployments.find(
      (deployment) => deployment.releaseId < 5 && deployment.deploymentStatus === 'succeeded',
    );
    assert.ok(target);
    assert.equal(target.releaseId, 4);

    const environment = await fixture.connection.redeployReleaseEnvironment({
      project,
      releaseId: target.releaseId,
      releaseEnvironmentId: target.releaseEnvironmentId,
      comment: 'Rollback to Release-4 by Dynatrace problem P-123 (Release-5 caused it)',
      variables: { 'unbreakable.rollbackOf': { value: 'P-123' } },
    });

    assert.equal(patches(), 1);
    assert.equal(environment.status, 'queued');
    assert.equal(environment.releaseId, 4);
    assert.equal(environment.variables['unbreakable.rollbackOf']?.value, 'P-123');
    const newest = environment.deploySteps.at(-1);
    assert.equal(environment.deploySteps.length, 2);
    assert.equal(newest?.reason, 'redeployTrigger');
    assert.equal(newest?.operationStatus, 'queued');
    const patch = fixture.sim.requests.find((request) => request.method === 'PATCH');
    assert.deepEqual(patch?.body, {
      status: 2,
      scheduledDeploymentTime: null,
      comment: 'Rollback to Release-4 by Dynatrace problem P-123 (Release-5 caused it)',
      variables: { 'unbreakable.rollbackOf': { value: 'P-123', isSecret: false, allowOverride: false } },
    });
    assert.equal(patch?.headers['accept'], 'application/json;api-version=7.2-preview.8');

    const history = await (await fixture.connection.webApi.getReleaseApi()).getReleaseHistory(project, 4);
    assert.equal(
      history.at(-1)?.comment,
      'Rollback to Release-4 by Dynatrace problem P-123 (Release-5 caused it)',
    );
    const reread = await fixture.connection.getReleaseEnvironment(project, 4, target.releaseEnvironmentId);
    assert.equal(reread.variables['unbreakable.rollbackOf']?.value, 'P-123');
  });

  it('refuses an empty comment before sending anything', async () => {
    await assert.rejects(
      fixture.connection.redeployReleaseEnvironment({
        project,
        releaseId: 4,
        releaseEnvironmentId: 1,
        comment: '  ',
      }),
      /comment must say why/,
    );
    assert.equal(fixture.sim.requests.length, 0);
  });

  it('reports a redeploy the stage cannot take with the service status, typeKey and message', async () => {
    const releaseEnvironmentId = fixture.sim.state.releases.environment(4, 'Production')?.id ?? -1;
    const request = { project, releaseId: 4, releaseEnvironmentId, comment: 'rollback' };
    await fixture.connection.redeployReleaseEnvironment(request);
    await assert.rejects(
      fixture.connection.redeployReleaseEnvironment(request),
      (error: unknown) =>
        error instanceof AzureDevOpsError &&
        error.kind === 'status' &&
        error.status === 400 &&
        error.typeKey === 'InvalidRequestException' &&
        error.method === 'PATCH' &&
        error.path ===
          `/vsrm/fabrikam/Fabrikam Fiber/_apis/Release/releases/4/environments/${releaseEnvironmentId}` &&
        /already queued/.test(error.message),
    );
    assert.equal(patches(), 2);
  });

  it('reports a stage id that is not in the release as not-found', async () => {
    const otherRelease = fixture.sim.state.releases.environment(5, 'Production')?.id ?? -1;
    await assert.rejects(
      fixture.connection.redeployReleaseEnvironment({
        project,
        releaseId: 4,
        releaseEnvironmentId: otherRelease,
        comment: 'rollback',
      }),
      (error: unknown) =>
        error instanceof AzureDevOpsError && error.kind === 'not-found' && error.status === 404,
    );
  });

  it('redacts secret variable values from everything it reports', async () => {
    fixture.sim.faults.add({
      method: 'PATCH',
      path: /environments/,
      kind: 'status',
      status: 500,
      message: 'Could not store value s3cret-value',
    });
    const releaseEnvironmentId = fixture.sim.state.releases.environment(4, 'Production')?.id ?? -1;
    await assert.rejects(
      fixture.connection.redeployReleaseEnvironment({
        project,
        releaseId: 4,
        releaseEnvironmentId,
        comment: 'rollback',
        variables: { apiKey: { value: 's3cret-value', isSecret: true } },
      }),
      (error: unknown) =>
        error instanceof AzureDevOpsError && error.message.endsWith('Could not store value [REDACTED]'),
    );
  });

  it('does not take a 200 whose stage is not pending for a started redeployment', async () => {
    const send = (request: AzureDevOpsRequest): Promise<AzureDevOpsResponse> =>
      Promise.resolve({
        method: request.method,
        path: '/vsrm/fabrikam/p/_apis/Release/releases/4/environments/8',
        status: 200,
        body: {
          id: 8,
          releaseId: 4,
          name: 'Production',
          definitionEnvironmentId: 2,
          rank: 2,
          status: 'succeeded',
          variables: {},
          deploySteps: [],
        },
        continuationToken: undefined,
        redact: (text) => text,
      });
    await assert.rejects(
      redeployReleaseEnvironment(send, {
        project: 'p',
        releaseId: 4,
        releaseEnvironmentId: 8,
        comment: 'rollback',
      }),
      (error: unknown) =>
        error instanceof AzureDevOpsError &&
        error.kind === 'invalid-response' &&
        /stage "Production" of release 4 is succeeded, not queued: no redeployment was started/.test(
          error.message,
        ),
    );
  });
});
