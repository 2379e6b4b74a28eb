import assert from 'node:assert/strict';

import { createAzureDevOpsConnection, type AzureDevOpsConnection } from '../../lib/azure-devops';
import { classicReleaseScenario, startAzureDevOpsSimulator } from '../../sim/azure-devops';
import {
  AZURE_DEVOPS_PAT,
  classicDeployment,
  EAST,
  NOW,
  startSelfHealFixture,
  type SelfHealFixture,
} from '../selfheal-function/selfheal-fixture';
import { startAzurite, type AzuriteTables } from '../support/azurite';

const MINUTE = 60_000;
/** Production succeeded for releases 1, 2 and 4 and failed for 3; release 5 is the bad one. */
const RELEASES = classicReleaseScenario({
  now: NOW,
  releases: [
    { id: 1, productionStatus: 'succeeded' },
    { id: 2, productionStatus: 'succeeded' },
    { id: 3, productionStatus: 'failed' },
    { id: 4, productionStatus: 'succeeded' },
    { id: 5, productionStatus: 'succeeded' },
  ],
});
/** The redeploy: `PATCH …/_apis/Release/releases/{id}/environments/{envId}`. */
const REDEPLOY = /\/_apis\/Release\/releases\/\d+\/environments\/\d+$/i;

describe('resilience: self-healing while Azure DevOps is down during a rollback', () => {
  let azurite: AzuriteTables;
  let fixture: SelfHealFixture;
  const cleanUps: (() => Promise<void>)[] = [];

  /** A fixture whose problem on EAST was caused by release 5, which rolls back to release 4. */
  const start = async (): Promise<{ payload: Record<string, unknown>; problemId: string }> => {
    fixture = await startSelfHealFixture({ azurite, scenario: RELEASES });
    const started = fixture;
    cleanUps.push(() => started.close());
    fixture.addDeploymentEvent(EAST, classicDeployment(fixture.ado, 5), NOW - 30 * MINUTE);
    const problem = fixture.openProblem([EAST]);
    return { payload: fixture.payloadOf(problem), problemId: problem.problemId };
  };
  /**
   * The handler's dependencies with Azure DevOps connections that give up on a silent socket after
   * `timeoutMs` instead of the production 10 s, so that a hang costs a fraction of a second here.
   */
  const withAzureDevOpsTimeout = (timeoutMs: number) => {
    let connection: AzureDevOpsConnection | undefined;
    return {
      ...fixture.deps,
      azureDevOps: (collectionUrl: string): AzureDevOpsConnection => {
        assert.equal(collectionUrl, fixture.ado.collectionUrl, 'only the allowed organization is called');
        connection ??= createAzureDevOpsConnection({
          collectionUrl,
          token: { kind: 'pat', value: AZURE_DEVOPS_PAT },
          timeoutMs,
          retry: { baseDelayMs: 1, maxDelayMs: 2 },
          random: () => 0.5,
        });
        return connection;
      },
    };
  };
  const redeploys = () =>
    fixture.ado.requests.filter((request) => request.method === 'PATCH' && REDEPLOY.test(request.path));
  /** The problem's comments, oldest first (the Problems API lists the newest first). */
  const commentsOf = (problemId: string) =>
    fixture.dt.state
      .commentsOf(problemId)
      .map((comment) => comment.content)
      .reverse();

  before(async () => {
    azurite = await startAzurite();
  });
  afterEach(async () => {
    await Promise.all(cleanUps.splice(0).map((cleanUp) => cleanUp()));
  });
  after(async () => {
    await azurite.close();
  });

  it('records a retryable failure while Azure DevOps refuses connections, comments it, and rolls back on the next notification once it is back', async () => {
    const { payload, problemId } = await start();
    const port = Number(new URL(fixture.ado.collectionUrl).port);
    await fixture.ado.close();
    const dynatrace = fixture.dt;
    cleanUps.splice(0, cleanUps.length, () => dynatrace.close());

    const failed = await fixture.notify(payload);

    assert.equal(failed.status, 502, JSON.stringify(failed.body));
    assert.equal(failed.body.status, 'failed');
    assert.equal(failed.body.report.retryable, true, 'nothing reached Azure DevOps, so it is safe to retry');
    assert.match(failed.body.report.error, /could not be sent: ECONNREFUSED/);
    const record = await fixture.deps.store.readProblem(problemId);
    assert.equal(record?.state, 'failed');
    assert.equal(record?.retryable, true);
    assert.match(
      commentsOf(problemId)[0] ?? '',
      /Failed: .*the next notification for this problem will try again/s,
    );

    // Azure DevOps comes back at the same address.
    const restarted = await startAzureDevOpsSimulator({
      scenario: RELEASES,
      now: () => NOW,
      pats: [AZURE_DEVOPS_PAT],
      port,
    });
    cleanUps.push(() => restarted.close());

    const retried = await fixture.notify(payload);

    assert.equal(retried.status, 200, JSON.stringify(retried.body));
    assert.equal(retried.body.status, 'remediated');
    assert.equal(retried.body.attempt, 2);
    assert.equal(retried.body.report.target, 'Release-4 of SampleNodeJsService-CD, stage Production');
    assert.equal(
      restarted.requests.filter((request) => request.method === 'PATCH').length,
      1,
      'exactly one redeploy, sent by the retry',
    );
    const comments = commentsOf(problemId);
    assert.equal(comments.length, 2);
    assert.match(comments[1] ?? '', /Remediated: Rolled back stage Production/);
  });

  it('records a retryable failure when Azure DevOps hangs while the previous good release is searched, and rolls back on the next notification', async () => {
    const { payload, problemId } = await start();
    // The first attempt and its three retries hang; afterwards Azure DevOps answers again.
    fixture.ado.faults.add({ kind: 'hang', method: 'GET', path: '/_apis/release/deployments', times: 4 });
    const deps = withAzureDevOpsTimeout(250);

    const failed = await fixture.notify(payload, { deps });

    assert.equal(failed.status, 502, JSON.stringify(failed.body));
    assert.equal(failed.body.status, 'failed');
    assert.equal(failed.body.report.retryable, true);
    assert.match(failed.body.report.error, /timed out|timeout/i);
    assert.equal(redeploys().length, 0);
    assert.match(
      commentsOf(problemId)[0] ?? '',
      /Failed: Remediation failed while searching for the previous good release/,
    );

    const retried = await fixture.notify(payload, { deps });

    assert.equal(retried.body.status, 'remediated', JSON.stringify(retried.body));
    assert.equal(retried.body.attempt, 2);
    assert.equal(redeploys().length, 1);
    assert.equal(commentsOf(problemId).length, 2);
  });

  for (const kind of ['hang', 'reset'] as const) {
    it(`does not repeat a redeploy whose request ${kind === 'hang' ? 'got no answer' : 'lost its connection'}: a final failure, a comment asking for a check, and nothing on the next notification`, async () => {
      const { payload, problemId } = await start();
      fixture.ado.faults.add({ kind, method: 'PATCH', path: REDEPLOY, times: 1 });
      const deps = withAzureDevOpsTimeout(250);

      const failed = await fixture.notify(payload, { deps });

      assert.equal(failed.status, 502, JSON.stringify(failed.body));
      assert.equal(failed.body.status, 'failed');
      assert.equal(failed.body.report.retryable, false, 'the redeploy may have reached Azure DevOps');
      assert.equal(redeploys().length, 1, 'the PATCH was sent once and not retried');
      assert.match(
        commentsOf(problemId)[0] ?? '',
        /may or may not have been made, so it will not be repeated automatically: please check and finish it by hand/,
      );

      const later = await fixture.notify(payload, { deps });

      assert.equal(later.status, 200);
      assert.equal(later.body.status, 'already-handled');
      assert.equal(later.body.recorded.state, 'failed');
      assert.equal(redeploys().length, 1, 'a later notification does not redeploy again');
      assert.equal(commentsOf(problemId).length, 1);
    });
  }
});
