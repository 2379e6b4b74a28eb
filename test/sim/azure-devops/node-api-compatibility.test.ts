import assert from 'node:assert/strict';
import * as azdev from 'azure-devops-node-api';
import { StageUpdateType } from 'azure-devops-node-api/interfaces/BuildInterfaces';
import {
  DeploymentOperationStatus,
  DeploymentReason,
  DeploymentStatus,
  EnvironmentStatus,
  ReleaseQueryOrder,
} from 'azure-devops-node-api/interfaces/ReleaseInterfaces';
import { startAzureDevOpsSimulator, type AzureDevOpsSimulator } from '../../../sim/azure-devops';

const now = Date.parse('2026-01-15T12:00:00Z');
const project = 'Fabrikam Fiber';

/**
 * The simulator must satisfy exactly what azure-devops-node-api 17 sends: its discovery calls, its
 * Accept-header api-versions, enum numbers in queries and bodies, RFC 1123 dates. These tests call the
 * library's own generated methods against the default scenario.
 */
describe('azure-devops-node-api against the simulator', () => {
  let sim: AzureDevOpsSimulator;
  let webApi: azdev.WebApi;

  beforeEach(async () => {
    sim = await startAzureDevOpsSimulator({ now: () => now });
    webApi = new azdev.WebApi(sim.collectionUrl, azdev.getPersonalAccessTokenHandler(sim.pat));
  });
  afterEach(async () => {
    await sim.close();
  });

  it('discovers the Release area on the vsrm base through ResourceAreas and OPTIONS', async () => {
    const releaseApi = await webApi.getReleaseApi();
    assert.equal(releaseApi.baseUrl, sim.releaseUrl);
    await releaseApi.getRelease(project, 1);
    assert.deepEqual(
      sim.requests.map((request) => `${request.method} ${request.path}`),
      [
        'OPTIONS /fabrikam/_apis/Location',
        'GET /fabrikam/_apis/ResourceAreas',
        'OPTIONS /vsrm/fabrikam/_apis/Release',
        'GET /vsrm/fabrikam/Fabrikam Fiber/_apis/Release/releases/1',
      ],
    );
    assert.equal(sim.requests.at(-1)?.headers['accept'], 'application/json;api-version=7.2-preview.9');
    assert.equal(sim.requests.at(-1)?.headers['x-tfs-fedauthredirect'], 'Suppress');
  });

  it('reads releases with enum names turned into node-api numbers and dates into Dates', async () => {
    const releaseApi = await webApi.getReleaseApi();
    const release = await releaseApi.getRelease(project, 3);
    const production = release.environments?.find((environment) => environment.name === 'Production');
    assert.equal(production?.status, EnvironmentStatus.Rejected);
    assert.equal(production?.deploySteps?.[0]?.status, DeploymentStatus.Failed);
    assert.equal(production?.deploySteps?.[0]?.operationStatus, DeploymentOperationStatus.PhaseFailed);
    assert.ok(release.createdOn instanceof Date);
  });

  it('filters deployments by the enum numbers node-api puts in the query', async () => {
    const releaseApi = await webApi.getReleaseApi();
    const deployments = await releaseApi.getDeployments(
      project,
      1,
      2,
      undefined,
      undefined,
      undefined,
      DeploymentStatus.Succeeded,
      undefined,
      true,
      ReleaseQueryOrder.Descending,
      10,
      undefined,
      undefined,
      new Date(now - 10 * 24 * 3_600_000),
    );
    assert.deepEqual(
      deployments.map((deployment) => deployment.release?.id),
      [5, 4, 2, 1],
    );
    assert.match(sim.requests.at(-1)?.query['minStartedTime'] ?? '', /GMT$/);
    assert.equal(sim.requests.at(-1)?.query['deploymentStatus'], '4');
  });

  it('returns only the first page from getDeployments, which drops the continuation header', async () => {
    const releaseApi = await webApi.getReleaseApi();
    const deployments = await releaseApi.getDeployments(
      project,
      1,
      2,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      3,
    );
    assert.equal(deployments.length, 3);
  });

  it('queues a redeploy with updateReleaseEnvironment and the numeric status', async () => {
    const releaseApi = await webApi.getReleaseApi();
    const environmentId = sim.state.releases.environment(4, 'Production')?.id ?? -1;
    const environment = await releaseApi.updateReleaseEnvironment(
      {
        status: EnvironmentStatus.InProgress,
        comment: 'Rollback',
        variables: { marker: { value: 'rollback' } },
      },
      project,
      4,
      environmentId,
    );
    assert.equal(environment.status, EnvironmentStatus.Queued);
    assert.equal(environment.deploySteps?.at(-1)?.reason, DeploymentReason.RedeployTrigger);
    assert.deepEqual(sim.requests.at(-1)?.body, {
      status: 2,
      comment: 'Rollback',
      variables: { marker: { value: 'rollback' } },
    });
    assert.equal(sim.requests.at(-1)?.headers['accept'], 'application/json;api-version=7.2-preview.8');
    const history = await releaseApi.getReleaseHistory(project, 4);
    assert.equal(history.at(-1)?.comment, 'Rollback');
  });

  it('retries a stage with updateStage, which answers null whether or not the stage exists', async () => {
    const buildApi = await webApi.getBuildApi();
    assert.equal(
      await buildApi.updateStage(
        { state: StageUpdateType.Retry, forceRetryAllJobs: true },
        103,
        'Production',
        project,
      ),
      null,
    );
    assert.equal(sim.state.pipelines.build(103)?.stages[1]?.attempt, 2);
    // The 404 for an unknown stage is invisible through node-api: the reason lib/azure-devops keeps statuses.
    assert.equal(
      await buildApi.updateStage(
        { state: StageUpdateType.Retry, forceRetryAllJobs: true },
        103,
        'Canary',
        project,
      ),
      null,
    );
    assert.equal(sim.requests.at(-1)?.status, 404);
  });

  it('lists builds, timelines, runs and environment deployment records', async () => {
    const buildApi = await webApi.getBuildApi();
    const builds = await buildApi.getBuilds(
      project,
      [7],
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      2,
    );
    assert.deepEqual(
      builds.map((build) => build.id),
      [105, 104],
    );
    const timeline = await buildApi.getBuildTimeline(project, 103);
    assert.equal(timeline.records?.filter((record) => record.type === 'Stage').length, 2);
    const pipelinesApi = await webApi.getPipelinesApi();
    assert.equal((await pipelinesApi.listRuns(project, 7)).length, 5);
    const run = await pipelinesApi.runPipeline({ templateParameters: { rollback: 'true' } }, project, 7);
    assert.equal(run.id, 106);
    const taskAgentApi = await webApi.getTaskAgentApi();
    const records = await taskAgentApi.getEnvironmentDeploymentExecutionRecords(project, 2, undefined, 2);
    assert.deepEqual(
      records.map((record) => record.owner?.id),
      [105, 104],
    );
  });

  it('authenticates node-api bearer tokens too', async () => {
    const bearer = new azdev.WebApi(sim.collectionUrl, azdev.getBearerHandler(sim.pat));
    const release = await (await bearer.getReleaseApi()).getRelease(project, 2);
    assert.equal(release.id, 2);
  });
});
