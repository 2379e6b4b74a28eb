import assert from 'node:assert/strict';
import { TableClient } from '@azure/data-tables';
import {
  ClaimLostError,
  createTableSelfHealStore,
  StoredRecordError,
  StoreUnavailableError,
  type ClaimResult,
  type ProblemClaim,
  type SelfHealStore,
} from '../../../lib/store';
import { AZURITE_ACCOUNT, startAzurite, type AzuriteTables } from '../../support/azurite';

const T0 = Date.parse('2026-01-15T12:00:00Z');
const LEASE_MS = 5 * 60_000;
const PID = '-6478017825120311599_1641223491837V2';

describe('createTableSelfHealStore (against Azurite)', () => {
  let azurite: AzuriteTables;
  let now: number;
  let tableCount = 0;
  let tableName: string;
  let store: SelfHealStore;

  const newStore = (): SelfHealStore =>
    createTableSelfHealStore({
      connectionString: azurite.connectionString,
      tableName,
      leaseMs: LEASE_MS,
      now: () => now,
    });
  const claimed = (result: ClaimResult): ProblemClaim => {
    assert.equal(result.kind, 'claimed', `expected a claim, found ${JSON.stringify(result)}`);
    return result.claim;
  };

  before(async () => {
    azurite = await startAzurite();
  });
  after(async () => {
    await azurite.close();
  });
  beforeEach(() => {
    now = T0;
    tableCount += 1;
    tableName = `selfheal${tableCount}`;
    store = newStore();
  });

  describe('claimProblem', () => {
    it('claims an unknown problem with a conditional insert, as attempt 1 with a lease', async () => {
      const claim = claimed(await store.claimProblem({ problemId: PID, displayId: 'P-1', title: 'Slow' }));
      assert.equal(claim.attempt, 1);
      assert.equal(claim.claimedAt, T0);
      assert.ok(claim.etag.length > 0);

      const record = await store.readProblem(PID);
      assert.deepEqual(record, {
        problemId: PID,
        displayId: 'P-1',
        title: 'Slow',
        state: 'in-progress',
        phase: 'investigating',
        attempt: 1,
        claimedAt: T0,
        leaseExpiresAt: T0 + LEASE_MS,
        retryable: false,
      });
    });

    it('answers in-progress (the insert got 409) while the first attempt holds its lease', async () => {
      claimed(await store.claimProblem({ problemId: PID }));
      now = T0 + LEASE_MS - 1;
      const second = await store.claimProblem({ problemId: PID });
      assert.equal(second.kind, 'in-progress');
      assert.equal(second.kind === 'in-progress' && second.record.attempt, 1);
    });

    it('lets exactly one of twenty concurrent claims win', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, () => newStore().claimProblem({ problemId: PID })),
      );
      assert.equal(results.filter((result) => result.kind === 'claimed').length, 1);
      assert.equal(results.filter((result) => result.kind === 'in-progress').length, 19);
    });

    it('answers handled with the recorded outcome once the problem is done, even after the lease', async () => {
      const claim = claimed(await store.claimProblem({ problemId: PID, displayId: 'P-1' }));
      await store.recordOutcome(claim, {
        state: 'remediated',
        retryable: false,
        summary: 'Redeployed Release-4',
        details: { rolledBackTo: 'Release-4', links: ['https://dev.azure.com/x'] },
      });
      now = T0 + 10 * LEASE_MS;
      const repeat = await store.claimProblem({ problemId: PID, displayId: 'P-1' });
      assert.equal(repeat.kind, 'handled');
      assert.ok(repeat.kind === 'handled');
      assert.equal(repeat.record.state, 'remediated');
      assert.equal(repeat.record.summary, 'Redeployed Release-4');
      assert.deepEqual(repeat.record.details, {
        rolledBackTo: 'Release-4',
        links: ['https://dev.azure.com/x'],
      });
      assert.equal(repeat.record.completedAt, T0);
      assert.equal(repeat.record.phase, undefined);
      assert.equal(repeat.record.leaseExpiresAt, undefined);
    });

    for (const state of ['nothing-to-do', 'escalated'] as const) {
      it(`never takes over a ${state} outcome`, async () => {
        const claim = claimed(await store.claimProblem({ problemId: PID }));
        // `retryable` is ignored for anything but `failed`.
        await store.recordOutcome(claim, { state, retryable: true, summary: state, details: {} });
        const repeat = await store.claimProblem({ problemId: PID });
        assert.equal(repeat.kind, 'handled');
      });
    }

    it('never takes over a failure recorded as not retryable', async () => {
      const claim = claimed(await store.claimProblem({ problemId: PID }));
      await store.recordOutcome(claim, {
        state: 'failed',
        retryable: false,
        summary: 'unknown',
        details: {},
      });
      const repeat = await store.claimProblem({ problemId: PID });
      assert.equal(repeat.kind, 'handled');
      assert.equal(repeat.kind === 'handled' && repeat.record.retryable, false);
    });

    it('hands a retryable failure to exactly one of ten concurrent retriers, as attempt 2', async () => {
      const first = claimed(await store.claimProblem({ problemId: PID }));
      await store.recordOutcome(first, {
        state: 'failed',
        retryable: true,
        summary: 'Azure DevOps answered 503',
        details: { error: '503' },
      });
      now = T0 + 60_000;
      const results = await Promise.all(
        Array.from({ length: 10 }, () => newStore().claimProblem({ problemId: PID })),
      );
      const winners = results.filter((result) => result.kind === 'claimed');
      assert.equal(winners.length, 1);
      assert.equal(results.filter((result) => result.kind === 'in-progress').length, 9);
      const winner = winners[0];
      assert.ok(winner?.kind === 'claimed');
      assert.equal(winner.claim.attempt, 2);
      assert.equal(winner.claim.claimedAt, T0 + 60_000);
      assert.equal(winner.previous?.state, 'failed');
      assert.equal(winner.previous?.summary, 'Azure DevOps answered 503');
    });

    it('takes over an in-progress claim whose lease expired (the attempt crashed), reporting its phase', async () => {
      const crashed = claimed(await store.claimProblem({ problemId: PID }));
      await store.markActing(crashed, 'redeploy Release-4 to Production');
      now = T0 + LEASE_MS + 1;
      const takeover = await store.claimProblem({ problemId: PID });
      assert.ok(takeover.kind === 'claimed');
      assert.equal(takeover.claim.attempt, 2);
      assert.equal(takeover.previous?.phase, 'acting');
      assert.equal(takeover.previous?.action, 'redeploy Release-4 to Production');
    });

    it('keeps an expired claim away from the attempt that lost it: its writes throw ClaimLostError', async () => {
      const slow = claimed(await store.claimProblem({ problemId: PID }));
      now = T0 + LEASE_MS + 1;
      claimed(await store.claimProblem({ problemId: PID }));

      await assert.rejects(store.markActing(slow, 'redeploy'), ClaimLostError);
      await assert.rejects(
        store.recordOutcome(slow, { state: 'remediated', retryable: false, summary: 'late', details: {} }),
        (error: unknown) =>
          error instanceof ClaimLostError &&
          /attempt 1 no longer owns the claim on problem/.test(error.message),
      );
      assert.equal((await store.readProblem(PID))?.attempt, 2);
    });
  });

  describe('markActing', () => {
    it('records the action and renews the lease, returning a claim with the new etag', async () => {
      const claim = claimed(await store.claimProblem({ problemId: PID }));
      now = T0 + 60_000;
      const acting = await store.markActing(claim, 'redeploy Release-4 to Production');
      assert.notEqual(acting.etag, claim.etag);
      const record = await store.readProblem(PID);
      assert.equal(record?.phase, 'acting');
      assert.equal(record?.action, 'redeploy Release-4 to Production');
      assert.equal(record?.leaseExpiresAt, T0 + 60_000 + LEASE_MS);
      // The old etag is spent: only the returned claim may write now.
      await assert.rejects(
        store.recordOutcome(claim, { state: 'remediated', retryable: false, summary: 'x', details: {} }),
        ClaimLostError,
      );
      await store.recordOutcome(acting, {
        state: 'remediated',
        retryable: false,
        summary: 'done',
        details: {},
      });
    });
  });

  describe('recordOutcome', () => {
    it('keeps oversized details as a marked excerpt instead of failing the write', async () => {
      const claim = claimed(await store.claimProblem({ problemId: PID }));
      const record = await store.recordOutcome(claim, {
        state: 'failed',
        retryable: true,
        summary: 'big',
        details: { log: 'x'.repeat(100_000) },
      });
      assert.equal(record.details?.['truncated'], true);
      const stored = await store.readProblem(PID);
      assert.equal(stored?.details?.['truncated'], true);
      assert.ok(String(stored?.details?.['excerpt']).startsWith('{"log":"xxx'));
    });
  });

  describe('triggered deployments', () => {
    it('remembers a deployment it triggered and finds it by key', async () => {
      const deploymentKey = 'classic|https://dev.azure.com/fabrikam/|fabrikam fiber|release 4|environment 17';
      await store.recordTriggeredDeployment({
        deploymentKey,
        problemId: PID,
        displayId: 'P-1',
        attempt: 2,
        triggeredAt: T0,
        description: 'redeploy Release-4 to Production',
      });
      assert.deepEqual(await store.findTriggeredDeployment(deploymentKey), {
        deploymentKey,
        problemId: PID,
        displayId: 'P-1',
        attempt: 2,
        triggeredAt: T0,
        description: 'redeploy Release-4 to Production',
      });
      assert.equal(await store.findTriggeredDeployment(`${deploymentKey}x`), undefined);
    });

    it('replaces the record when the same deployment is triggered again', async () => {
      const base = { deploymentKey: 'k', problemId: PID, triggeredAt: T0, description: 'd' };
      await store.recordTriggeredDeployment(base);
      await store.recordTriggeredDeployment({ ...base, attempt: 3 });
      assert.equal((await store.findTriggeredDeployment('k'))?.attempt, 3);
    });
  });

  describe('when the stored data is not what this version writes', () => {
    it('throws StoredRecordError naming the row and the property', async () => {
      const raw = TableClient.fromConnectionString(azurite.connectionString, tableName, {
        allowInsecureConnection: true,
      });
      await raw.createTable();
      await raw.createEntity({
        partitionKey: 'problem',
        rowKey: 'P9',
        problemId: 'P9',
        state: 'done',
        attempt: 1,
      });
      await assert.rejects(
        store.claimProblem({ problemId: 'P9' }),
        (error: unknown) =>
          error instanceof StoredRecordError &&
          error.message ===
            `The row problem/P9 of table "${tableName}" is malformed: property state should be one of in-progress, remediated, nothing-to-do, escalated, failed, found "done"`,
      );
    });
  });

  describe('when Table Storage cannot be used', () => {
    it('throws StoreUnavailableError for an unreachable endpoint, without the account key', async () => {
      const down = createTableSelfHealStore({
        connectionString:
          `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT.name};AccountKey=${AZURITE_ACCOUNT.key};` +
          'TableEndpoint=http://127.0.0.1:9/devstoreaccount1;',
        tableName,
        retry: { maxRetries: 0, retryDelayMs: 1, maxRetryDelayMs: 1 },
      });
      await assert.rejects(down.claimProblem({ problemId: PID }), (error: unknown) => {
        assert.ok(error instanceof StoreUnavailableError);
        assert.match(
          error.message,
          /^Azure Table Storage could not create the table in table "selfheal\d+": /,
        );
        assert.ok(!error.message.includes(AZURITE_ACCOUNT.key));
        return true;
      });
    });

    it('throws StoreUnavailableError with the status when the account key is wrong', async () => {
      const wrongKey = Buffer.from('not the key').toString('base64');
      const refused = createTableSelfHealStore({
        connectionString: azurite.connectionString.replace(AZURITE_ACCOUNT.key, wrongKey),
        tableName,
        retry: { maxRetries: 0, retryDelayMs: 1, maxRetryDelayMs: 1 },
      });
      await assert.rejects(refused.claimProblem({ problemId: PID }), (error: unknown) => {
        assert.ok(error instanceof StoreUnavailableError);
        assert.equal(error.status, 403);
        assert.ok(!error.message.includes(wrongKey));
        return true;
      });
    });

    it('rejects an invalid table name before any request', () => {
      assert.throws(
        () =>
          createTableSelfHealStore({ connectionString: azurite.connectionString, tableName: 'self-heal' }),
        /table name "self-heal" is not valid: expected 3–63 letters and digits starting with a letter/,
      );
    });
  });
});
