import assert from 'node:assert/strict';

import { createTableSelfHealStore, type SelfHealStore, StoreUnavailableError } from '../../lib/store';
import { classicReleaseScenario } from '../../sim/azure-devops';
import {
  type Answer,
  classicDeployment,
  EAST,
  NOW,
  startSelfHealFixture,
  type SelfHealFixture,
} from '../selfheal-function/selfheal-fixture';
import { AZURITE_ACCOUNT, startAzurite, type AzuriteTables } from '../support/azurite';
import { findClosedPort } from './support/closed-port';
import { type FixedAnswer, startFixedAnswerServer } from './support/fixed-answer-server';
import { startSilentServer } from './support/silent-server';

const MINUTE = 60_000;
const RELEASES = classicReleaseScenario({
  now: NOW,
  releases: [
    { id: 4, productionStatus: 'succeeded' },
    { id: 5, productionStatus: 'succeeded' },
  ],
});
/** A different, well-formed account key: Table Storage refuses its signatures with 403. */
const WRONG_KEY = Buffer.from('not the key of devstoreaccount1, but 64 bytes long to look right')
  .toString('base64')
  .slice(0, 88);

/** A connection string for the development account at another table endpoint. */
function connectionStringFor(tableEndpointOrigin: string, accountKey: string = AZURITE_ACCOUNT.key): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT.name};AccountKey=${accountKey};` +
    `TableEndpoint=${tableEndpointOrigin}/${AZURITE_ACCOUNT.name};`
  );
}

describe('resilience: self-healing when Table Storage cannot be used', () => {
  let azurite: AzuriteTables;
  let fixture: SelfHealFixture;
  const cleanUps: (() => Promise<void>)[] = [];

  /**
   * A fixture with an open problem on EAST whose deployment (release 5) has a rollback target, so that
   * any action taken without a claim would show up in the simulators' request logs.
   */
  const start = async (settings: Readonly<Record<string, string>> = {}) => {
    fixture = await startSelfHealFixture({ azurite, scenario: RELEASES, settings });
    const started = fixture;
    cleanUps.push(() => started.close());
    fixture.addDeploymentEvent(EAST, classicDeployment(fixture.ado, 5), NOW - 30 * MINUTE);
    return fixture.payloadOf(fixture.openProblem([EAST]));
  };
  /** A store like production's, at another endpoint, with small limits so that failing costs little time. */
  const storeAt = (connectionString: string): SelfHealStore =>
    createTableSelfHealStore({
      connectionString,
      tableName: 'resilience',
      timeoutMs: 300,
      retry: { maxRetries: 1, retryDelayMs: 1, maxRetryDelayMs: 2 },
    });
  const assertNothingDone = (answer: Answer): void => {
    assert.equal(answer.status, 503, JSON.stringify(answer.body));
    assert.equal(answer.body.status, 'storage-unavailable');
    assert.match(
      answer.body.message,
      /Nothing was done: without the claim the problem could be remediated twice/,
    );
    assert.deepEqual(fixture.dt.requests, [], 'Dynatrace was called without a claim');
    assert.deepEqual(fixture.ado.requests, [], 'Azure DevOps was called without a claim');
    const everything = [...fixture.answers, ...fixture.logs].join('\n');
    assert.ok(!everything.includes(AZURITE_ACCOUNT.key), 'the storage account key leaked');
    assert.ok(!everything.includes(WRONG_KEY), 'the storage account key leaked');
  };

  before(async () => {
    azurite = await startAzurite();
  });
  afterEach(async () => {
    await Promise.all(cleanUps.splice(0).map((cleanUp) => cleanUp()));
  });
  after(async () => {
    await azurite.close();
  });

  it('answers 503 and does nothing when nothing listens at the table endpoint', async () => {
    const port = await findClosedPort();
    const payload = await start({ AzureWebJobsStorage: connectionStringFor(`http://127.0.0.1:${port}`) });

    const answer = await fixture.notify(payload);

    assertNothingDone(answer);
    assert.match(answer.body.message, /Azure Table Storage could not/);
  });

  it('answers 503 and does nothing when Table Storage refuses the account key (403)', async () => {
    const tableOrigin = new URL(azurite.tableEndpoint).origin;
    const payload = await start({ AzureWebJobsStorage: connectionStringFor(tableOrigin, WRONG_KEY) });

    const answer = await fixture.notify(payload);

    assertNothingDone(answer);
    assert.match(answer.body.message, /\(HTTP 403\)/);
  });

  it('answers 503 and does nothing when the table endpoint accepts connections and never answers', async () => {
    const silent = await startSilentServer();
    cleanUps.push(() => silent.close());
    const payload = await start();

    const answer = await fixture.notify(payload, {
      deps: { ...fixture.deps, store: storeAt(connectionStringFor(silent.url)) },
    });

    assertNothingDone(answer);
    assert.match(answer.body.message, /no answer within 300 ms/);
    assert.ok(silent.connections() > 0, 'the store did try the endpoint');
  });

  const brokenAnswers: readonly (readonly [string, FixedAnswer])[] = [
    [
      'answers 503 to every request',
      {
        status: 503,
        contentType: 'application/json',
        body: '{"odata.error":{"code":"ServerBusy","message":{"lang":"en-US","value":"The server is busy."}}}',
      },
    ],
    [
      'answers 200 with an HTML page (a proxy or sign-in portal in the way)',
      { status: 200, contentType: 'text/html', body: '<html><body>Sign in to continue</body></html>' },
    ],
  ];
  for (const [what, answerOfEndpoint] of brokenAnswers) {
    it(`answers 503 and does nothing when the table endpoint ${what}`, async () => {
      const broken = await startFixedAnswerServer(answerOfEndpoint);
      cleanUps.push(() => broken.close());
      const payload = await start();

      const answer = await fixture.notify(payload, {
        deps: { ...fixture.deps, store: storeAt(connectionStringFor(broken.url)) },
      });

      assertNothingDone(answer);
      assert.ok(broken.requests.length > 0, 'the store did try the endpoint');
    });
  }

  describe('after the claim', () => {
    /** The fixture's real store, except that `operation` fails as if Table Storage had just gone away. */
    const storeFailingAt = (operation: 'markActing' | 'findTriggeredDeployment'): SelfHealStore => {
      const store = fixture.deps.store;
      const unavailable = (): Promise<never> =>
        Promise.reject(new StoreUnavailableError(operation, 'selfheal', 503, 'server busy'));
      return {
        claimProblem: (request) => store.claimProblem(request),
        markActing:
          operation === 'markActing' ? unavailable : (claim, action) => store.markActing(claim, action),
        recordOutcome: (claim, outcome) => store.recordOutcome(claim, outcome),
        readProblem: (problemId) => store.readProblem(problemId),
        recordTriggeredDeployment: (deployment) => store.recordTriggeredDeployment(deployment),
        findTriggeredDeployment:
          operation === 'findTriggeredDeployment' ? unavailable : (key) => store.findTriggeredDeployment(key),
      };
    };

    for (const operation of ['findTriggeredDeployment', 'markActing'] as const) {
      it(`answers 503 and sends no redeploy when Table Storage fails at ${operation}, before the change`, async () => {
        const payload = await start();

        const answer = await fixture.notify(payload, {
          deps: { ...fixture.deps, store: storeFailingAt(operation) },
        });

        assert.equal(answer.status, 503, JSON.stringify(answer.body));
        assert.equal(answer.body.status, 'storage-unavailable');
        assert.match(answer.body.message, /Attempt 1 stopped; its claim stays in progress/);
        assert.deepEqual(
          fixture.ado.requests.filter((request) => request.method !== 'GET' && request.method !== 'OPTIONS'),
          [],
          'nothing was changed in Azure DevOps',
        );
        assert.deepEqual(fixture.dt.state.commentsOf(String(payload.PID)), []);
      });
    }
  });
});
