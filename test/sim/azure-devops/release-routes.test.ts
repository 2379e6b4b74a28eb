import assert from 'node:assert/strict';
import {
  classicReleaseDefaults,
  classicReleaseScenario,
  startAzureDevOpsSimulator,
  type AzureDevOpsSimulator,
} from '../../../sim/azure-devops';
import { basicAuth, rawCall, type RawAnswer } from './raw-call';

const now = Date.parse('2026-01-15T12:00:00Z');
const day = 24 * 60 * 60_000;
const project = encodeURIComponent(classicReleaseDefaults.project);
const production = classicReleaseDefaults.productionStageId;

/** Issue 5's history: Production succeeded for 1, 2 and 4, failed for 3; 5 is the current release. */
function issueFiveScenario() {
  return classicReleaseScenario({
    now,
    releases: [
      { id: 1, productionStatus: 'succeeded' },
      { id: 2, productionStatus: 'succeeded' },
      { id: 3, productionStatus: 'failed' },
      {
        id: 4,
        productionStatus: 'succeeded',
        variables: { 'app.version': { value: '1.4.0' }, 'db.password': { value: 'hunter2', isSecret: true } },
      },
      { id: 5, productionStatus: 'succeeded' },
    ],
  });
}

describe('release routes', () => {
  let sim: AzureDevOpsSimulator;
  let clock: number;
  const get = (path: string): Promise<RawAnswer> =>
    rawCall(`${sim.releaseUrl}${project}/_apis/${path}`, { authorization: basicAuth(sim.pat) });
  const patch = (releaseId: number, environmentId: number, body: unknown): Promise<RawAnswer> =>
    rawCall(`${sim.releaseUrl}${project}/_apis/Release/releases/${releaseId}/environments/${environmentId}`, {
      method: 'PATCH',
      authorization: basicAuth(sim.pat),
      body,
    });
  const productionOf = (releaseId: number): number =>
    sim.state.releases.environment(releaseId, 'Production')?.id ?? -1;
  const ids = (answer: RawAnswer): number[] => answer.json.value.map((item: { id: number }) => item.id);

  beforeEach(async () => {
    clock = now;
    sim = await startAzureDevOpsSimulator({ now: () => clock, scenario: issueFiveScenario() });
  });
  afterEach(async () => {
    await sim.close();
  });

  describe('GET releases', () => {
    it('lists newest first and pages with x-ms-continuationtoken and continuationToken', async () => {
      const first = await get('release/releases?$top=2');
      assert.deepEqual(ids(first), [5, 4]);
      assert.equal(first.json.count, 2);
      assert.equal(first.headers.get('x-ms-continuationtoken'), '3');
      const second = await get('release/releases?$top=2&continuationToken=3');
      assert.deepEqual(ids(second), [3, 2]);
      const third = await get(
        `release/releases?$top=2&continuationToken=${second.headers.get('x-ms-continuationtoken')}`,
      );
      assert.deepEqual(ids(third), [1]);
      assert.equal(third.headers.get('x-ms-continuationtoken'), null);
    });

    it('lists oldest first with queryOrder ascending (name or number)', async () => {
      assert.deepEqual(ids(await get('release/releases?queryOrder=ascending&$top=3')), [1, 2, 3]);
      const byNumber = await get('release/releases?queryOrder=1&$top=3');
      assert.deepEqual(ids(byNumber), [1, 2, 3]);
      assert.equal(byNumber.headers.get('x-ms-continuationtoken'), '4');
    });

    it('returns 50 releases per page by default', async () => {
      const local = await startAzureDevOpsSimulator({
        now: () => now,
        scenario: classicReleaseScenario({
          now,
          releases: Array.from({ length: 60 }, (_, index) => ({
            id: index + 1,
            productionStatus: 'succeeded' as const,
          })),
        }),
      });
      try {
        const answer = await rawCall(`${local.releaseUrl}${project}/_apis/release/releases`, {
          authorization: basicAuth(local.pat),
        });
        assert.equal(answer.json.count, 50);
        assert.equal(answer.headers.get('x-ms-continuationtoken'), '10');
      } finally {
        await local.close();
      }
    });

    it('omits environments and variables unless expanded', async () => {
      const plain = await get('release/releases?$top=1&releaseIdFilter=4');
      assert.equal(plain.json.value[0].environments, undefined);
      assert.deepEqual(plain.json.value[0].variables, {});
      const expanded = await get('release/releases?$top=1&releaseIdFilter=4&$expand=environments,variables');
      assert.deepEqual(
        expanded.json.value[0].environments.map((environment: { name: string; status: string }) => [
          environment.name,
          environment.status,
        ]),
        [
          ['Staging', 'succeeded'],
          ['Production', 'succeeded'],
        ],
      );
      assert.equal(expanded.json.value[0].variables['app.version'].value, '1.4.0');
      const byNumber = await get('release/releases?$top=1&releaseIdFilter=4&$expand=2');
      assert.equal(byNumber.json.value[0].environments.length, 2);
    });

    it('filters by release ids, status and the status of one stage', async () => {
      assert.deepEqual(ids(await get('release/releases?releaseIdFilter=2,4')), [4, 2]);
      assert.deepEqual(ids(await get('release/releases?statusFilter=abandoned')), []);
      assert.deepEqual(ids(await get('release/releases?statusFilter=2')), [5, 4, 3, 2, 1]);
      assert.deepEqual(
        ids(await get(`release/releases?definitionEnvironmentId=${production}&environmentStatusFilter=16`)),
        [3],
      );
      assert.deepEqual(ids(await get(`release/releases?definitionId=99`)), []);
    });

    it('filters by creation time given in the RFC 1123 form node-api sends', async () => {
      const since = new Date(now - 2.5 * day).toUTCString();
      assert.deepEqual(
        ids(await get(`release/releases?minCreatedTime=${encodeURIComponent(since)}`)),
        [5, 4],
      );
    });

    it('rejects an invalid enum value, naming the parameter', async () => {
      const answer = await get('release/releases?queryOrder=sideways');
      assert.equal(answer.status, 400);
      assert.match(answer.json.message, /'queryOrder'.*ReleaseQueryOrder/);
    });

    it('rejects filters the simulator does not model instead of ignoring them', async () => {
      const answer = await get('release/releases?artifactVersionId=42');
      assert.equal(answer.status, 400);
      assert.match(answer.json.message, /artifactVersionId/);
    });
  });

  describe('GET release', () => {
    it('returns the release with every stage, its attempts and absolute links', async () => {
      const answer = await get('release/releases/3');
      assert.equal(answer.status, 200);
      const release = answer.json;
      assert.equal(release.name, 'Release-3');
      assert.equal(release.status, 'active');
      assert.equal(release.releaseDefinition.id, classicReleaseDefaults.definitionId);
      assert.equal(release.releaseDefinition.name, 'SampleNodeJsService-CD');
      assert.match(release.createdOn, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
      assert.equal(
        release._links.web.href,
        `${sim.collectionUrl}${sim.state.project('Fabrikam Fiber')?.id}/_release?releaseId=3&_a=release-summary`,
      );
      const stage = release.environments.find(
        (environment: { name: string }) => environment.name === 'Production',
      );
      assert.equal(stage.status, 'rejected');
      assert.equal(stage.definitionEnvironmentId, production);
      assert.deepEqual(
        stage.deploySteps.map(
          (step: { attempt: number; status: string; operationStatus: string; reason: string }) => [
            step.attempt,
            step.status,
            step.operationStatus,
            step.reason,
          ],
        ),
        [[1, 'failed', 'PhaseFailed', 'automated']],
      );
    });

    it('never returns the value of a secret variable', async () => {
      const answer = await get('release/releases/4');
      assert.deepEqual(answer.json.variables['db.password'], { isSecret: true, allowOverride: false });
      assert.doesNotMatch(answer.text, /hunter2/);
    });

    it('answers 404 with an envelope for an unknown release', async () => {
      const answer = await get('release/releases/42');
      assert.equal(answer.status, 404);
      assert.equal(answer.json.typeKey, 'ReleaseNotFoundException');
      assert.match(answer.json.message, /42/);
    });
  });

  describe('GET deployments', () => {
    it('lists every attempt of a stage newest first, with PascalCase operationStatus', async () => {
      const answer = await get(`release/deployments?definitionId=1&definitionEnvironmentId=${production}`);
      assert.deepEqual(
        answer.json.value.map(
          (deployment: { release: { id: number }; deploymentStatus: string; operationStatus: string }) => [
            deployment.release.id,
            deployment.deploymentStatus,
            deployment.operationStatus,
          ],
        ),
        [
          [5, 'succeeded', 'PhaseSucceeded'],
          [4, 'succeeded', 'PhaseSucceeded'],
          [3, 'failed', 'PhaseFailed'],
          [2, 'succeeded', 'PhaseSucceeded'],
          [1, 'succeeded', 'PhaseSucceeded'],
        ],
      );
      const first = answer.json.value[0];
      assert.equal(first.releaseEnvironment.name, 'Production');
      assert.equal(first.releaseEnvironment.id, productionOf(5));
      assert.equal(first.definitionEnvironmentId, production);
      assert.equal(first.releaseDefinition.name, 'SampleNodeJsService-CD');
      assert.equal(first.release.createdOn, '0001-01-01T00:00:00');
    });

    it('filters by deployment status as a name, a number or a flag combination', async () => {
      const releaseIds = (answer: RawAnswer): number[] =>
        answer.json.value.map((deployment: { release: { id: number } }) => deployment.release.id);
      const base = `release/deployments?definitionEnvironmentId=${production}`;
      assert.deepEqual(releaseIds(await get(`${base}&deploymentStatus=succeeded`)), [5, 4, 2, 1]);
      assert.deepEqual(releaseIds(await get(`${base}&deploymentStatus=4`)), [5, 4, 2, 1]);
      assert.deepEqual(releaseIds(await get(`${base}&deploymentStatus=failed,partiallySucceeded`)), [3]);
      assert.deepEqual(releaseIds(await get(`${base}&deploymentStatus=all`)), [5, 4, 3, 2, 1]);
      assert.deepEqual(releaseIds(await get(`${base}&operationStatus=PhaseFailed`)), [3]);
    });

    it('pages with $top and the continuation token, in both orders', async () => {
      const base = `release/deployments?definitionEnvironmentId=${production}&$top=3`;
      const first = await get(base);
      assert.equal(first.json.count, 3);
      const token = first.headers.get('x-ms-continuationtoken');
      assert.ok(token);
      const second = await get(`${base}&continuationToken=${token}`);
      assert.equal(second.json.count, 2);
      assert.equal(second.headers.get('x-ms-continuationtoken'), null);
      const all = [...first.json.value, ...second.json.value].map(
        (deployment: { release: { id: number } }) => deployment.release.id,
      );
      assert.deepEqual(all, [5, 4, 3, 2, 1]);
      const ascending = await get(`${base}&queryOrder=ascending`);
      assert.deepEqual(
        ascending.json.value.map((deployment: { release: { id: number } }) => deployment.release.id),
        [1, 2, 3],
      );
    });

    it('filters by start time in RFC 1123 or ISO form', async () => {
      const releaseIds = (answer: RawAnswer): number[] =>
        answer.json.value.map((deployment: { release: { id: number } }) => deployment.release.id);
      const base = `release/deployments?definitionEnvironmentId=${production}`;
      const since = new Date(now - 2.5 * day);
      assert.deepEqual(
        releaseIds(await get(`${base}&minStartedTime=${encodeURIComponent(since.toUTCString())}`)),
        [5, 4],
      );
      assert.deepEqual(releaseIds(await get(`${base}&maxStartedTime=${since.toISOString()}`)), [3, 2, 1]);
    });
  });

  describe('PATCH release environment', () => {
    it('queues a redeploy: a new attempt with reason redeployTrigger, the comment in the history, the variables kept', async () => {
      clock = now + 60_000;
      const answer = await patch(4, productionOf(4), {
        status: 'inProgress',
        scheduledDeploymentTime: null,
        comment: 'Rollback by Dynatrace problem P-123',
        variables: { 'unbreakable.rollback': { value: 'P-123', isSecret: false, allowOverride: false } },
      });
      assert.equal(answer.status, 200);
      assert.equal(answer.json.status, 'queued');
      assert.deepEqual(
        answer.json.deploySteps.map(
          (step: { attempt: number; reason: string; status: string; operationStatus: string }) => [
            step.attempt,
            step.reason,
            step.status,
            step.operationStatus,
          ],
        ),
        [
          [1, 'automated', 'succeeded', 'PhaseSucceeded'],
          [2, 'redeployTrigger', 'notDeployed', 'Queued'],
        ],
      );
      assert.equal(answer.json.deploySteps[1].queuedOn, new Date(clock).toISOString().replace('.000Z', 'Z'));
      assert.equal(answer.json.variables['unbreakable.rollback'].value, 'P-123');

      const history = await get('release/releases/4/history');
      assert.deepEqual(history.json.value.at(-1).comment, 'Rollback by Dynatrace problem P-123');
      const environment = await get(`release/releases/4/environments/${productionOf(4)}`);
      assert.equal(environment.json.variables['unbreakable.rollback'].value, 'P-123');
      const latest = await get(
        `release/deployments?definitionEnvironmentId=${production}&latestAttemptsOnly=true&$top=2`,
      );
      assert.deepEqual(
        latest.json.value.map((deployment: { release: { id: number }; attempt: number; reason: string }) => [
          deployment.release.id,
          deployment.attempt,
          deployment.reason,
        ]),
        [
          [4, 2, 'redeployTrigger'],
          [5, 1, 'automated'],
        ],
      );
    });

    it('accepts the numeric status the original implementation sent', async () => {
      const answer = await patch(2, productionOf(2), {
        status: 2,
        scheduledDeploymentTime: null,
        comment: 'Self healing dynatrace redeploy',
      });
      assert.equal(answer.status, 200);
      assert.equal(answer.json.status, 'queued');
    });

    it('refuses a second deployment while one is queued', async () => {
      assert.equal((await patch(4, productionOf(4), { status: 'inProgress', comment: 'first' })).status, 200);
      const second = await patch(4, productionOf(4), { status: 'inProgress', comment: 'second' });
      assert.equal(second.status, 400);
      assert.equal(second.json.typeKey, 'InvalidRequestException');
      assert.match(second.json.message, /already queued/);
      assert.equal(sim.state.releases.environment(4, 'Production')?.attempts.length, 2);
    });

    it('lets the simulated agent run the queued deployment to completion', async () => {
      await patch(4, productionOf(4), { status: 'inProgress', comment: 'rollback' });
      sim.state.releases.startDeployment(4, 'Production');
      assert.equal(
        (await get(`release/releases/4/environments/${productionOf(4)}`)).json.status,
        'inProgress',
      );
      sim.state.releases.completeDeployment(4, 'Production', 'succeeded');
      const environment = await get(`release/releases/4/environments/${productionOf(4)}`);
      assert.equal(environment.json.status, 'succeeded');
      assert.deepEqual(
        [environment.json.deploySteps[1].status, environment.json.deploySteps[1].operationStatus],
        ['succeeded', 'PhaseSucceeded'],
      );
    });

    it('cancels a queued deployment, and refuses to cancel one that is not pending', async () => {
      await patch(4, productionOf(4), { status: 'inProgress', comment: 'rollback' });
      const canceled = await patch(4, productionOf(4), { status: 'canceled', comment: 'never mind' });
      assert.equal(canceled.status, 200);
      assert.equal(canceled.json.status, 'canceled');
      assert.equal(canceled.json.deploySteps[1].operationStatus, 'Canceled');
      const again = await patch(4, productionOf(4), { status: 'canceled' });
      assert.equal(again.status, 400);
    });

    it('schedules the deployment when a future time is given', async () => {
      const at = new Date(now + 3_600_000).toISOString();
      const answer = await patch(4, productionOf(4), {
        status: 'inProgress',
        scheduledDeploymentTime: at,
        comment: 'tonight',
      });
      assert.equal(answer.json.status, 'scheduled');
      assert.equal(answer.json.scheduledDeploymentTime, at.replace('.000Z', 'Z'));
      assert.equal(answer.json.deploySteps[1].operationStatus, 'Scheduled');
    });

    it('refuses other target statuses, a missing status and a missing body', async () => {
      const succeeded = await patch(4, productionOf(4), { status: 'succeeded' });
      assert.equal(succeeded.status, 400);
      assert.match(succeeded.json.message, /inProgress.*canceled/);
      assert.equal((await patch(4, productionOf(4), { comment: 'no status' })).status, 400);
      const bogus = await patch(4, productionOf(4), { status: 'deployNow' });
      assert.equal(bogus.status, 400);
      assert.match(bogus.json.message, /'status'/);
      const empty = await rawCall(
        `${sim.releaseUrl}${project}/_apis/Release/releases/4/environments/${productionOf(4)}`,
        {
          method: 'PATCH',
          authorization: basicAuth(sim.pat),
        },
      );
      assert.equal(empty.status, 400);
      assert.equal(empty.json.typeKey, 'ArgumentNullException');
    });

    it('refuses to deploy an abandoned release', async () => {
      const release = sim.state.releases.release(2);
      assert.ok(release);
      release.status = 'abandoned';
      const answer = await patch(2, productionOf(2), { status: 'inProgress', comment: 'rollback' });
      assert.equal(answer.status, 400);
      assert.match(answer.json.message, /abandoned/);
    });

    it('answers 404 for a stage id that is not in the release', async () => {
      const answer = await patch(4, productionOf(5), { status: 'inProgress', comment: 'wrong release' });
      assert.equal(answer.status, 404);
      assert.equal(answer.json.typeKey, 'ReleaseEnvironmentNotFoundException');
    });
  });
});
