import assert from 'node:assert/strict';
import { EVENT_SOURCE } from '../../../lib/deployment-event/deployment-event-properties';
import { ROLLBACK_MARKER_VARIABLE, TEST_NOTIFICATION_TITLE } from '../../../lib/remediation';
import { createTableSelfHealStore, StoreUnavailableError, type SelfHealStore } from '../../../lib/store';
import {
  classicReleaseDefaults,
  classicReleaseScenario,
  yamlPipelineDefaults,
  yamlPipelineScenario,
} from '../../../sim/azure-devops';
import { startAzurite, type AzuriteTables } from '../../support/azurite';
import { jsonReply, startStubServer, type StubServer } from '../../support/stub-server';
import {
  classicDeployment,
  EAST,
  NOW,
  SHARED_SECRET,
  startSelfHealFixture,
  WEST,
  yamlDeployment,
  type SelfHealFixture,
} from '../selfheal-fixture';

const MINUTE = 60_000;
/** Issue 5's history: Production succeeded for 1, 2 and 4, failed for 3; 5 is the bad one. */
const issue5Releases = classicReleaseScenario({
  now: NOW,
  releases: [
    { id: 1, productionStatus: 'succeeded' },
    { id: 2, productionStatus: 'succeeded' },
    { id: 3, productionStatus: 'failed' },
    { id: 4, productionStatus: 'succeeded' },
    { id: 5, productionStatus: 'succeeded' },
  ],
});

describe('POST /api/selfheal (handler against the Dynatrace and Azure DevOps simulators and Azurite)', () => {
  let azurite: AzuriteTables;
  let fixture: SelfHealFixture;
  const fixtures: SelfHealFixture[] = [];

  const start = async (
    scenario = issue5Releases,
    settings: Readonly<Record<string, string>> = {},
  ): Promise<SelfHealFixture> => {
    // A page size of 1 puts release 5 and release 4 on different pages of the Deployments API.
    fixture = await startSelfHealFixture({
      azurite,
      scenario,
      settings: { SELFHEAL_SEARCH_PAGE_SIZE: '1', ...settings },
    });
    fixtures.push(fixture);
    return fixture;
  };
  const deploymentsQueries = (): number =>
    fixture.ado.requests.filter((request) =>
      request.path.toLowerCase().endsWith('/_apis/release/deployments'),
    ).length;
  const commentsOf = (problemId: string): string[] =>
    fixture.dt.state.commentsOf(problemId).map((comment) => comment.content);

  before(async () => {
    azurite = await startAzurite();
  });
  afterEach(async () => {
    await Promise.all(fixtures.splice(0).map((started) => started.close()));
  });
  after(async () => {
    await azurite.close();
  });

  describe('classic release', () => {
    it('redeploys release 4 (found on the second page of deployments) with one PATCH, the comment and the rollback marker', async () => {
      await start();
      fixture.addDeploymentEvent(EAST, classicDeployment(fixture.ado, 4), NOW - 2 * 24 * 60 * MINUTE);
      fixture.addDeploymentEvent(EAST, classicDeployment(fixture.ado, 5), NOW - 30 * MINUTE);
      fixture.addDeploymentEvent(WEST, classicDeployment(fixture.ado, 5), NOW - 30 * MINUTE + 5_000);
      const problem = fixture.openProblem();

      const answer = await fixture.notify(fixture.payloadOf(problem));

      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.status, 'remediated');
      assert.equal(answer.body.report.action, 'redeploy-release');
      assert.equal(answer.body.report.target, 'Release-4 of SampleNodeJsService-CD, stage Production');
      const changes = fixture.changes();
      assert.equal(changes.length, 1);
      const release4Production = fixture.ado.state.releases.environment(4, 'Production');
      assert.equal(
        changes[0]?.path,
        `/vsrm/fabrikam/${classicReleaseDefaults.project}/_apis/Release/releases/4/environments/${release4Production?.id}`,
      );
      const body = changes[0]?.body as {
        status: number;
        comment: string;
        variables: Record<string, { value: string }>;
      };
      assert.equal(body.status, 2, 'status inProgress (2) queues the redeployment');
      assert.match(body.comment, new RegExp(`Dynatrace problem ${problem.displayId}`));
      assert.match(body.comment, /after Release-5 was deployed to Production; redeploying Release-4/);
      assert.deepEqual(body.variables[ROLLBACK_MARKER_VARIABLE], {
        value: problem.displayId,
        isSecret: false,
        allowOverride: false,
      });
      assert.equal(release4Production?.status, 'queued');
      assert.equal(deploymentsQueries(), 2, 'the search stopped at the page that held release 4');

      const comments = commentsOf(problem.problemId);
      assert.equal(comments.length, 1);
      assert.match(
        comments[0] ?? '',
        /Remediated: Rolled back stage Production of SampleNodeJsService-CD: redeployed Release-4 in place of Release-5\./,
      );
      assert.match(
        comments[0] ?? '',
        /- Release-5 \(rolled back\): http:\/\/127\.0\.0\.1:\d+\/fabrikam\/.*releaseId=5/,
      );
      assert.match(
        comments[0] ?? '',
        /- Release-4 \(redeployed\): http:\/\/127\.0\.0\.1:\d+\/fabrikam\/.*releaseId=4/,
      );

      const record = await fixture.deps.store.readProblem(problem.problemId);
      assert.equal(record?.state, 'remediated');
      assert.equal(record?.attempt, 1);
      // The original template carries no start time, so the Problems API was asked for it.
      assert.deepEqual(
        fixture.dt.requests
          .filter((request) => request.path.startsWith('/api/v2/problems/') && request.method === 'GET')
          .map((request) => request.path),
        [`/api/v2/problems/${problem.problemId}`],
      );
    });

    it('answers 20 concurrent copies of a notification with exactly one rollback; the 19 others are "already handled" with the recorded outcome', async () => {
      await start();
      fixture.addDeploymentEvent(EAST, classicDeployment(fixture.ado, 5), NOW - 30 * MINUTE);
      const problem = fixture.openProblem([EAST]);

      const answers = await Promise.all(
        Array.from({ length: 20 }, () => fixture.notify(fixture.payloadOf(problem))),
      );

      assert.equal(fixture.changes().length, 1);
      assert.equal(answers.filter((answer) => answer.body.status === 'remediated').length, 1);
      const duplicates = answers.filter((answer) => answer.body.status === 'already-handled');
      assert.equal(duplicates.length, 19);
      for (const duplicate of duplicates) {
        assert.equal(duplicate.status, 200);
        assert.equal(duplicate.body.recorded.state, 'remediated');
        assert.equal(
          duplicate.body.recorded.report.target,
          'Release-4 of SampleNodeJsService-CD, stage Production',
        );
        assert.match(duplicate.body.message, /was already handled \(remediated\)/);
      }
      assert.equal(commentsOf(problem.problemId).length, 1);
    });

    it('answers a later repeat with the recorded outcome and does nothing', async () => {
      await start();
      fixture.addDeploymentEvent(EAST, classicDeployment(fixture.ado, 5), NOW - 30 * MINUTE);
      const problem = fixture.openProblem([EAST]);
      await fixture.notify(fixture.payloadOf(problem));

      const repeat = await fixture.notify(fixture.payloadOf(problem));

      assert.equal(repeat.body.status, 'already-handled');
      assert.equal(repeat.body.recorded.state, 'remediated');
      assert.equal(repeat.body.recorded.attempt, 1);
      assert.equal(fixture.changes().length, 1);
      assert.equal(commentsOf(problem.problemId).length, 1);
    });

    it('records "failed" when Azure DevOps keeps failing, comments it, and succeeds on the next notification', async () => {
      await start();
      fixture.addDeploymentEvent(EAST, classicDeployment(fixture.ado, 5), NOW - 30 * MINUTE);
      const problem = fixture.openProblem([EAST]);
      // One attempt and three retries, all 503.
      fixture.ado.faults.add({ kind: 'status', status: 503, path: '/_apis/release/deployments', times: 4 });

      const failed = await fixture.notify(fixture.payloadOf(problem));

      assert.equal(failed.status, 502);
      assert.equal(failed.body.status, 'failed');
      assert.equal(failed.body.report.retryable, true);
      assert.match(failed.body.report.error, /503/);
      assert.equal(deploymentsQueries(), 4);
      assert.equal(fixture.changes().length, 0);
      const failedRecord = await fixture.deps.store.readProblem(problem.problemId);
      assert.equal(failedRecord?.state, 'failed');
      assert.equal(failedRecord?.retryable, true);
      assert.match(
        commentsOf(problem.problemId)[0] ?? '',
        /Failed: Remediation failed while searching for the previous good release\./,
      );
      assert.match(
        commentsOf(problem.problemId)[0] ?? '',
        /the next notification for this problem will try again/,
      );

      const retried = await fixture.notify(fixture.payloadOf(problem));

      assert.equal(retried.status, 200);
      assert.equal(retried.body.status, 'remediated');
      assert.equal(retried.body.attempt, 2);
      assert.equal(fixture.changes().length, 1);
      assert.equal(commentsOf(problem.problemId).length, 2);
      assert.equal((await fixture.deps.store.readProblem(problem.problemId))?.state, 'remediated');
    });

    it('records a retryable failure when Dynatrace cannot list the deployment events', async () => {
      await start();
      fixture.addDeploymentEvent(EAST, classicDeployment(fixture.ado, 5), NOW - 30 * MINUTE);
      const problem = fixture.openProblem([EAST]);
      fixture.dt.faults.add({ kind: 'status', status: 503, method: 'GET', path: '/api/v2/events', times: 4 });

      const answer = await fixture.notify(fixture.payloadOf(problem));

      assert.equal(answer.status, 502);
      assert.equal(
        answer.body.report.summary,
        'Remediation failed while reading deployment events from Dynatrace.',
      );
      assert.equal(answer.body.report.retryable, true);
      assert.equal(fixture.ado.requests.length, 0);
      assert.equal((await fixture.notify(fixture.payloadOf(problem))).body.status, 'remediated');
    });

    it('does not repeat a redeploy whose request may have reached Azure DevOps (5xx on the PATCH)', async () => {
      await start();
      fixture.addDeploymentEvent(EAST, classicDeployment(fixture.ado, 5), NOW - 30 * MINUTE);
      const problem = fixture.openProblem([EAST]);
      fixture.ado.faults.add({
        kind: 'status',
        status: 500,
        method: 'PATCH',
        path: /\/environments\/\d+$/,
        times: 1,
      });

      const failed = await fixture.notify(fixture.payloadOf(problem));
      assert.equal(failed.body.status, 'failed');
      assert.equal(failed.body.report.retryable, false);
      assert.match(commentsOf(problem.problemId)[0] ?? '', /may or may not have been made/);

      const repeat = await fixture.notify(fixture.payloadOf(problem));
      assert.equal(repeat.body.status, 'already-handled');
      assert.equal(fixture.changes().length, 1, 'only the failed PATCH was sent');
    });

    it('escalates by comment when no earlier release succeeded in the stage', async () => {
      await start(
        classicReleaseScenario({
          now: NOW,
          releases: [
            { id: 1, productionStatus: 'failed' },
            { id: 2, productionStatus: 'succeeded' },
          ],
        }),
      );
      fixture.addDeploymentEvent(EAST, classicDeployment(fixture.ado, 2), NOW - 30 * MINUTE);
      const problem = fixture.openProblem([EAST]);

      const answer = await fixture.notify(fixture.payloadOf(problem));

      assert.equal(answer.body.status, 'escalated');
      assert.equal(answer.body.report.reason, 'no-previous-good-deployment');
      assert.equal(fixture.changes().length, 0);
      assert.match(
        commentsOf(problem.problemId)[0] ?? '',
        /No release before Release-2 has a successful latest deployment to stage Production/,
      );
    });

    it('escalates a release that Azure DevOps does not know', async () => {
      await start();
      const description = classicDeployment(fixture.ado, 5);
      if (description.deployment?.kind !== 'classic-release')
        throw new Error('expected a classic deployment');
      fixture.addDeploymentEvent(
        EAST,
        {
          ...description,
          deployment: { ...description.deployment, releaseId: 77, releaseName: 'Release-77' },
        },
        NOW - 30 * MINUTE,
      );
      const problem = fixture.openProblem([EAST]);

      const answer = await fixture.notify(fixture.payloadOf(problem));

      assert.equal(answer.body.report.reason, 'deployment-mismatch');
      assert.match(
        answer.body.report.explanation,
        /^Azure DevOps does not know Release-77 of SampleNodeJsService-CD, stage Production: .*404/,
      );
      assert.equal(fixture.changes().length, 0);
    });

    it('escalates when Azure DevOps knows the release differently than the event says', async () => {
      await start();
      const description = classicDeployment(fixture.ado, 5);
      if (description.deployment?.kind !== 'classic-release')
        throw new Error('expected a classic deployment');
      fixture.addDeploymentEvent(
        EAST,
        { ...description, deployment: { ...description.deployment, definitionEnvironmentId: 1 } },
        NOW - 30 * MINUTE,
      );
      const problem = fixture.openProblem([EAST]);

      const answer = await fixture.notify(fixture.payloadOf(problem));

      assert.equal(answer.body.report.reason, 'deployment-mismatch');
      assert.match(answer.body.report.explanation, /its stage \d+ is definition stage 2/);
      assert.equal(fixture.changes().length, 0);
    });
  });

  describe('YAML run', () => {
    const yamlRuns = yamlPipelineScenario({
      now: NOW,
      runs: [
        { id: 41, productionResult: 'succeeded' },
        { id: 42, productionResult: 'failed' },
        { id: 43, productionResult: 'skipped', stagingResult: 'failed' },
        { id: 44, productionResult: 'succeeded' },
      ],
    });

    it('re-runs the Production stage of the most recent earlier run where it succeeded', async () => {
      await start(yamlRuns);
      fixture.addDeploymentEvent(EAST, yamlDeployment(fixture.ado, 44), NOW - 30 * MINUTE);
      const problem = fixture.openProblem([EAST]);

      const answer = await fixture.notify(fixture.payloadOf(problem));

      assert.equal(answer.body.status, 'remediated', JSON.stringify(answer.body));
      assert.equal(answer.body.report.action, 're-run-stage');
      assert.deepEqual(fixture.changes(), [
        {
          method: 'PATCH',
          path: `/fabrikam/${yamlPipelineDefaults.project}/_apis/build/builds/41/stages/Production`,
          body: { state: 1, forceRetryAllJobs: true },
        },
      ]);
      assert.match(commentsOf(problem.problemId)[0] ?? '', /re-ran it from run .* in place of run /);
    });

    it('escalates when no earlier run on the same branch succeeded in the stage', async () => {
      await start(
        yamlPipelineScenario({
          now: NOW,
          runs: [
            { id: 41, productionResult: 'failed' },
            { id: 42, productionResult: 'succeeded' },
          ],
        }),
      );
      fixture.addDeploymentEvent(EAST, yamlDeployment(fixture.ado, 42), NOW - 30 * MINUTE);
      const problem = fixture.openProblem([EAST]);

      const answer = await fixture.notify(fixture.payloadOf(problem));

      assert.equal(answer.body.report.reason, 'no-previous-good-deployment');
      assert.match(
        answer.body.report.explanation,
        /on refs\/heads\/main has a successful stage Production \(1 run examined\)/,
      );
      assert.equal(fixture.changes().length, 0);
    });

    it('escalates a run that Azure DevOps does not know', async () => {
      await start(yamlRuns);
      fixture.addDeploymentEvent(EAST, yamlDeployment(fixture.ado, 99), NOW - 30 * MINUTE);
      const problem = fixture.openProblem([EAST]);

      const answer = await fixture.notify(fixture.payloadOf(problem));

      assert.equal(answer.body.report.reason, 'deployment-mismatch');
      assert.match(
        answer.body.report.explanation,
        /^Azure DevOps does not know run 99 of SampleNodeJsService-CD, stage Production: /,
      );
      assert.equal(fixture.changes().length, 0);
    });

    it('escalates a problem on the re-run stage, which it recognises from its own record', async () => {
      await start(yamlRuns);
      fixture.addDeploymentEvent(EAST, yamlDeployment(fixture.ado, 44), NOW - 30 * MINUTE);
      const first = fixture.openProblem([EAST], NOW - 20 * MINUTE);
      await fixture.notify(fixture.payloadOf(first));
      // The re-run stage of run 41 writes its own deployment event: attempt 2, no rollback marker.
      fixture.addDeploymentEvent(
        WEST,
        yamlDeployment(fixture.ado, 41, { stageAttempt: 2 }),
        NOW - 5 * MINUTE,
      );
      const second = fixture.openProblem([WEST], NOW - 2 * MINUTE);

      const answer = await fixture.notify(fixture.payloadOf(second));

      assert.equal(answer.body.status, 'escalated');
      assert.equal(answer.body.report.reason, 'culprit-is-rollback');
      assert.match(
        answer.body.report.explanation,
        new RegExp(`started by this function to remediate problem ${first.displayId}`),
      );
      assert.equal(fixture.changes().length, 1);
    });
  });

  describe('nothing to do', () => {
    it('ignores a RESOLVED notification without claiming or calling anything', async () => {
      await start();
      const problem = fixture.openProblem([EAST]);

      const answer = await fixture.notify(fixture.payloadOf(problem, 'RESOLVED'));

      assert.equal(answer.status, 200);
      assert.equal(answer.body.status, 'ignored');
      assert.match(answer.body.message, /state is RESOLVED; only OPEN problems are remediated/);
      assert.equal(await fixture.deps.store.readProblem(problem.problemId), undefined);
      assert.equal(fixture.dt.requests.length, 0);
      assert.equal(fixture.ado.requests.length, 0);
    });

    it("acknowledges Dynatrace's test notification and does nothing", async () => {
      await start();
      const answer = await fixture.notify({
        State: 'OPEN',
        ProblemID: '999',
        ProblemTitle: TEST_NOTIFICATION_TITLE,
        PID: '99999',
        ImpactedEntities: [
          { type: 'HOST', name: 'MyHost1', entity: 'HOST-XXXXXXXXXXXXX' },
          { type: 'SERVICE', name: 'MyService1', entity: 'SERVICE-XXXXXXXXXXXXX' },
        ],
      });

      assert.equal(answer.status, 200);
      assert.equal(answer.body.status, 'ignored');
      assert.match(answer.body.message, /test notification/);
      assert.equal(await fixture.deps.store.readProblem('99999'), undefined);
      assert.equal(fixture.dt.requests.length, 0);
    });

    it('explains, by answer and comment, that an entity without our deployment event is not ours to roll back', async () => {
      await start();
      // EAST has no deployment event at all; WEST only one written by another tool.
      fixture.dt.state.events.add({
        eventType: 'CUSTOM_DEPLOYMENT',
        title: 'Deployed by Jenkins',
        startTime: NOW - 20 * MINUTE,
        endTime: NOW - 19 * MINUTE,
        entity: fixture.dt.state.eventEntity(WEST),
        properties: [['dt.event.source', 'Jenkins']],
      });
      const problem = fixture.openProblem([EAST, WEST]);

      const answer = await fixture.notify(fixture.payloadOf(problem));

      assert.equal(answer.body.status, 'nothing-to-do');
      assert.deepEqual(
        answer.body.report.entities.map((entity: { id: string }) => entity.id),
        [EAST, WEST],
      );
      assert.match(answer.body.report.entities[0].finding, /^no deployment event between /);
      assert.match(
        answer.body.report.entities[1].finding,
        new RegExp(`1 deployment event between .* none written by ${EVENT_SOURCE}`),
      );
      assert.equal(fixture.ado.requests.length, 0);
      assert.match(
        commentsOf(problem.problemId)[0] ?? '',
        /Nothing to do: Nothing rolled back: no deployment of ours/,
      );
    });

    it('escalates a problem on a rollback deployment (the event carries the rollback marker) instead of rolling it back', async () => {
      await start();
      fixture.addDeploymentEvent(
        EAST,
        classicDeployment(fixture.ado, 4, { rollbackOfProblem: 'P-240000' }),
        NOW - 30 * MINUTE,
      );
      const problem = fixture.openProblem([EAST]);

      const answer = await fixture.notify(fixture.payloadOf(problem));

      assert.equal(answer.body.status, 'escalated');
      assert.equal(answer.body.report.reason, 'culprit-is-rollback');
      assert.equal(fixture.ado.requests.length, 0);
      assert.match(commentsOf(problem.problemId)[0] ?? '', /is itself a rollback made for problem P-240000/);
    });
  });

  describe('security', () => {
    for (const [name, secret] of [
      ['missing', null],
      ['wrong', 'not-the-shared-secret-0000'],
    ] as const) {
      it(`answers 401 to a ${name} shared secret and has no side effect at all`, async () => {
        await start();
        fixture.addDeploymentEvent(EAST, classicDeployment(fixture.ado, 5), NOW - 30 * MINUTE);
        const problem = fixture.openProblem([EAST]);

        const answer = await fixture.notify(fixture.payloadOf(problem), { secret });

        assert.equal(answer.status, 401);
        assert.equal(answer.body.status, 'unauthorized');
        assert.equal(fixture.dt.requests.length, 0);
        assert.equal(fixture.ado.requests.length, 0);
        assert.equal(await fixture.deps.store.readProblem(problem.problemId), undefined);
        assert.ok(!JSON.stringify(answer.body).includes(SHARED_SECRET));
      });
    }

    it('never sends the PAT to an organization that is not allowed: it escalates instead', async () => {
      await start();
      const description = classicDeployment(fixture.ado, 5);
      if (description.deployment?.kind !== 'classic-release')
        throw new Error('expected a classic deployment');
      fixture.addDeploymentEvent(
        EAST,
        {
          ...description,
          deployment: { ...description.deployment, collectionUri: 'https://dev.azure.com/attacker/' },
        },
        NOW - 30 * MINUTE,
      );
      const problem = fixture.openProblem([EAST]);

      const answer = await fixture.notify(fixture.payloadOf(problem));

      assert.equal(answer.body.report.reason, 'collection-not-allowed');
      assert.equal(fixture.ado.requests.length, 0);
      assert.match(
        commentsOf(problem.problemId)[0] ?? '',
        /https:\/\/dev\.azure\.com\/attacker\/, which is not an allowed organization/,
      );
    });

    it('keeps every configured secret out of answers, comments and log lines', async () => {
      await start();
      fixture.addDeploymentEvent(EAST, classicDeployment(fixture.ado, 5), NOW - 30 * MINUTE);
      const problem = fixture.openProblem([EAST]);
      fixture.ado.faults.add({ kind: 'status', status: 503, path: '/_apis/release/deployments', times: 4 });
      await fixture.notify(fixture.payloadOf(problem));
      await fixture.notify(fixture.payloadOf(problem));
      await fixture.notify(fixture.payloadOf(problem), { secret: 'wrong-secret-value-123456' });
      await fixture.notify('{"State":"OPEN",');

      const comments = fixture.dt.state.commentsOf(problem.problemId).map((comment) => comment.content);
      const everything = [...fixture.answers, ...comments, ...fixture.logs].join('\n');
      assert.ok(fixture.logs.length > 0 && comments.length === 2 && fixture.answers.length === 4);
      for (const secret of fixture.secrets) {
        assert.ok(!everything.includes(secret), `a configured secret leaked: ${secret.slice(0, 4)}…`);
      }
    });
  });

  describe('remediation action', () => {
    let tower: StubServer;
    before(async () => {
      tower = await startStubServer();
    });
    after(async () => {
      await tower.close();
    });
    beforeEach(() => tower.reset());

    it('POSTs the problem to the event remediation action link on an allowed host, with the configured auth header', async () => {
      await start(issue5Releases, {
        REMEDIATION_ALLOWED_HOSTS: '127.0.0.1',
        REMEDIATION_AUTH_HEADER_VALUE: 'Bearer tower-token-3vK9qLm2',
      });
      tower.reply(jsonReply(201, { job: 17 }));
      fixture.addDeploymentEvent(
        EAST,
        classicDeployment(fixture.ado, 5, {
          remediationActionLink: `${tower.url}/api/v2/job_templates/12/launch/?inventory=3`,
        }),
        NOW - 30 * MINUTE,
      );
      const problem = fixture.openProblem([EAST]);

      const answer = await fixture.notify(fixture.payloadOf(problem));

      assert.equal(answer.body.status, 'remediated', JSON.stringify(answer.body));
      assert.equal(answer.body.report.action, 'call-remediation-action');
      assert.equal(tower.requests.length, 1);
      const request = tower.requests[0];
      assert.equal(request?.method, 'POST');
      assert.equal(request?.rawUrl, '/api/v2/job_templates/12/launch/?inventory=3');
      assert.equal(request?.headers.authorization, 'Bearer tower-token-3vK9qLm2');
      const sent = JSON.parse(request?.body ?? '{}');
      assert.equal(sent.PID, problem.problemId);
      assert.equal(sent.State, 'OPEN');
      assert.deepEqual(sent.extra_vars.ImpactedEntities, [
        { type: 'SERVICE', name: 'Production/SampleNodeJsService (east)', entity: EAST },
      ]);
      assert.equal(fixture.ado.requests.length, 0);
      assert.ok(!fixture.answers.join('').includes('tower-token-3vK9qLm2'));
    });

    for (const [status, retryable] of [
      [422, true],
      [502, false],
    ] as const) {
      it(`records a ${retryable ? 'retryable' : 'final'} failure when the remediation action answers ${status}`, async () => {
        await start(issue5Releases, { REMEDIATION_ALLOWED_HOSTS: '127.0.0.1' });
        // 5xx answers are retried by the HTTP client; each gets the same answer.
        tower.reply(...Array.from({ length: 4 }, () => jsonReply(status, { detail: 'no' })));
        fixture.addDeploymentEvent(
          EAST,
          classicDeployment(fixture.ado, 5, { remediationActionLink: `${tower.url}/launch` }),
          NOW - 30 * MINUTE,
        );
        const problem = fixture.openProblem([EAST]);

        const answer = await fixture.notify(fixture.payloadOf(problem));

        assert.equal(answer.body.status, 'failed');
        assert.equal(answer.body.report.retryable, retryable);
        assert.match(
          answer.body.report.summary,
          /while calling the remediation action http:\/\/127\.0\.0\.1:\d+\/launch\.$/,
        );
      });
    }

    it('escalates instead of calling a remediation link on a host that is not allowed', async () => {
      await start(issue5Releases, { REMEDIATION_ALLOWED_HOSTS: 'tower.example.com' });
      fixture.addDeploymentEvent(
        EAST,
        classicDeployment(fixture.ado, 5, {
          remediationActionLink: `${tower.url}/api/v2/job_templates/12/launch/`,
        }),
        NOW - 30 * MINUTE,
      );
      const problem = fixture.openProblem([EAST]);

      const answer = await fixture.notify(fixture.payloadOf(problem));

      assert.equal(answer.body.report.reason, 'remediation-link-not-allowed');
      assert.equal(tower.requests.length, 0);
      assert.equal(fixture.ado.requests.length, 0);
    });
  });

  describe('exactly once under failures', () => {
    it('answers 503 and does nothing when Table Storage cannot be reached', async () => {
      await start(issue5Releases, {
        AzureWebJobsStorage: azurite.connectionString.replace(
          /TableEndpoint=http:\/\/127\.0\.0\.1:\d+/,
          'TableEndpoint=http://127.0.0.1:9',
        ),
      });
      fixture.addDeploymentEvent(EAST, classicDeployment(fixture.ado, 5), NOW - 30 * MINUTE);
      const problem = fixture.openProblem([EAST]);

      const answer = await fixture.notify(fixture.payloadOf(problem));

      assert.equal(answer.status, 503);
      assert.equal(answer.body.status, 'storage-unavailable');
      assert.match(
        answer.body.message,
        /Nothing was done: without the claim the problem could be remediated twice/,
      );
      assert.equal(fixture.dt.requests.length, 0);
      assert.equal(fixture.ado.requests.length, 0);
    });

    it('answers 503 without claiming "nothing was done" when the outcome of a rollback cannot be recorded', async () => {
      await start();
      fixture.addDeploymentEvent(EAST, classicDeployment(fixture.ado, 5), NOW - 30 * MINUTE);
      const problem = fixture.openProblem([EAST]);
      const store = fixture.deps.store;
      const failingStore: SelfHealStore = {
        claimProblem: (request) => store.claimProblem(request),
        markActing: (claim, action) => store.markActing(claim, action),
        recordOutcome: () =>
          Promise.reject(
            new StoreUnavailableError('record the outcome "remediated"', 'selfheal', 503, 'server busy'),
          ),
        readProblem: (problemId) => store.readProblem(problemId),
        recordTriggeredDeployment: (deployment) => store.recordTriggeredDeployment(deployment),
        findTriggeredDeployment: (key) => store.findTriggeredDeployment(key),
      };

      const answer = await fixture.notify(fixture.payloadOf(problem), {
        deps: { ...fixture.deps, store: failingStore },
      });

      assert.equal(answer.status, 503);
      assert.equal(answer.body.report.outcome, 'remediated');
      assert.match(
        answer.body.message,
        /Attempt 1 ended as remediated, but that could not be recorded; its claim stays in progress/,
      );
      assert.equal(fixture.changes().length, 1);
      const record = await store.readProblem(problem.problemId);
      assert.equal(record?.phase, 'acting', 'a later takeover will escalate instead of redeploying again');
    });

    it('does not repeat the action of an attempt that died while acting; it escalates by comment', async () => {
      await start();
      fixture.addDeploymentEvent(EAST, classicDeployment(fixture.ado, 5), NOW - 30 * MINUTE);
      const problem = fixture.openProblem([EAST]);
      // An attempt claimed the problem long ago, marked itself acting, and never finished.
      const longAgo = createTableSelfHealStore({
        connectionString: azurite.connectionString,
        tableName: fixture.deps.settings.tableName,
        leaseMs: 60_000,
        now: () => Date.now() - 60 * MINUTE,
      });
      const crashed = await longAgo.claimProblem({ problemId: problem.problemId });
      assert.ok(crashed.kind === 'claimed');
      await longAgo.markActing(crashed.claim, 'redeploy Release-4 to Production');

      const answer = await fixture.notify(fixture.payloadOf(problem));

      assert.equal(answer.body.status, 'escalated');
      assert.equal(answer.body.report.reason, 'outcome-unknown');
      assert.equal(answer.body.attempt, 2);
      assert.match(answer.body.report.explanation, /while it was about to redeploy Release-4 to Production/);
      assert.equal(fixture.ado.requests.length, 0);
    });
  });

  describe('payload', () => {
    it('answers 400 with the position when the body is not JSON, before touching anything', async () => {
      await start();
      const answer = await fixture.notify('{"State":"OPEN","PID":"1" "ProblemID":"P-1"}');
      assert.equal(answer.status, 400);
      assert.equal(answer.body.status, 'invalid-payload');
      assert.match(
        answer.body.error.message,
        /^body is not JSON at line 1 column 27: expected ',' or '}' after the property value, found '"'$/,
      );
      assert.equal(fixture.dt.requests.length, 0);
    });

    it('answers 400 naming the field when PID is missing', async () => {
      await start();
      const answer = await fixture.notify({ State: 'OPEN', ProblemID: 'P-1' });
      assert.equal(answer.status, 400);
      assert.deepEqual(answer.body.error, {
        message: 'PID is missing: the payload must carry the internal problem id, e.g. "PID":"{PID}"',
        path: 'PID',
      });
    });

    it('answers 413 to a body over 1 MB', async () => {
      await start();
      const answer = await fixture.notify(`{"State":"OPEN","PID":"1","pad":"${'x'.repeat(1024 * 1024)}"}`);
      assert.equal(answer.status, 413);
      assert.equal(answer.body.status, 'payload-too-large');
    });

    it('reads entities and the start time from {ProblemDetailsJSONv2} without asking the Problems API', async () => {
      await start();
      fixture.addDeploymentEvent(EAST, classicDeployment(fixture.ado, 5), NOW - 30 * MINUTE);
      const problem = fixture.openProblem([EAST]);

      const answer = await fixture.notify({
        state: 'OPEN',
        pid: problem.problemId,
        ProblemDetailsJSONv2: {
          problemId: problem.problemId,
          displayId: problem.displayId,
          title: problem.title,
          status: 'OPEN',
          startTime: problem.startTime,
          impactedEntities: [{ entityId: { id: EAST, type: 'SERVICE' }, name: 'east' }],
          affectedEntities: [],
        },
        Tags: 'app:SampleNodeJsService, DeploymentGroup:Production',
      });

      assert.equal(answer.body.status, 'remediated');
      assert.equal(
        fixture.dt.requests.filter(
          (request) => request.path.startsWith('/api/v2/problems/') && request.method === 'GET',
        ).length,
        0,
      );
    });
  });
});
