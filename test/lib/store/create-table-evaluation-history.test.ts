import assert from 'node:assert/strict';

import { TableClient } from '@azure/data-tables';

import {
  createTableEvaluationHistory,
  type EvaluationHistory,
  type RecordedEvaluation,
  StoreUnavailableError,
  type TableEvaluationHistoryOptions,
} from '../../../lib/store';
import { evaluationRowKey, seriesPartitionKey } from '../../../lib/store/evaluation-keys';
import { AZURITE_ACCOUNT, startAzurite, type AzuriteTables } from '../../support/azurite';

const T0 = Date.parse('2026-03-02T08:00:00Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** An evaluation of the sample app `minutes` after T0; everything can be overridden. */
function evaluation(minutes: number, overrides: Partial<RecordedEvaluation> = {}): RecordedEvaluation {
  const evaluatedAt = T0 + minutes * MINUTE;
  const to = new Date(evaluatedAt - MINUTE).toISOString();
  const from = new Date(evaluatedAt - 6 * MINUTE).toISOString();
  return {
    evaluationId: `eval-${String(minutes).padStart(4, '0')}`,
    evaluatedAt,
    service: 'SampleJSonService',
    comparison: 'StagingToProduction',
    status: 'pass',
    summary: 'pass: all 2 metrics within their thresholds',
    totalViolations: 0,
    windowMinutes: 5,
    source: {
      environment: 'Staging',
      from,
      to,
      entitySelector: 'type(SERVICE),tag("DeploymentGroup:Staging")',
    },
    compare: {
      environment: 'Production',
      from,
      to,
      entitySelector: 'type(SERVICE),tag("DeploymentGroup:Production")',
    },
    results: [
      {
        metric: 'Response time',
        key: 'com.dynatrace.builtin:service.responsetime',
        aggregate: 'avg',
        validate: 'upper',
        unit: 'ms',
        source: 91.25,
        compare: 100.5,
        threshold: 115.575,
        limitKind: 'relative',
        status: 'pass',
        outcome: 'pass',
        reason: '91.3 ms ≤ threshold 116 ms (Production 101 ms + 15 %)',
      },
      {
        metric: 'Failure rate',
        key: 'com.dynatrace.builtin:service.failurerate',
        aggregate: 'avg',
        validate: 'upper',
        unit: '%',
        source: null,
        compare: 1,
        threshold: 1.15,
        limitKind: 'relative',
        status: 'nodata',
        outcome: 'warning',
        reason: 'no data in Staging',
      },
    ],
    ...overrides,
  };
}

describe('createTableEvaluationHistory (against Azurite)', () => {
  let azurite: AzuriteTables;
  let now: number;
  let tableCount = 0;
  let tableName: string;
  let history: EvaluationHistory;

  const open = (options: Partial<TableEvaluationHistoryOptions> = {}): EvaluationHistory =>
    createTableEvaluationHistory({
      connectionString: azurite.connectionString,
      tableName,
      now: () => now,
      ...options,
    });
  const rawTable = (): TableClient =>
    TableClient.fromConnectionString(azurite.connectionString, tableName, { allowInsecureConnection: true });
  const countRows = async (partitionKey: string): Promise<number> => {
    let count = 0;
    for await (const _ of rawTable().listEntities({
      queryOptions: { filter: `PartitionKey eq '${partitionKey}'` },
    })) {
      count += 1;
    }
    return count;
  };
  const ids = (evaluations: readonly RecordedEvaluation[]): string[] =>
    evaluations.map((item) => item.evaluationId);

  before(async () => {
    azurite = await startAzurite();
  });
  after(async () => {
    await azurite.close();
  });
  beforeEach(() => {
    now = T0 + DAY;
    tableCount += 1;
    tableName = `evaluations${tableCount}`;
    history = open();
  });

  describe('record and list', () => {
    it('keeps every field of an evaluation, null values included', async () => {
      const recorded = evaluation(1, {
        status: 'warning',
        pipeline: {
          collectionUri: 'https://dev.azure.com/contoso/',
          project: 'Sample App',
          releaseId: '42',
          releaseName: 'Release-42',
          stage: 'Production',
          attempt: '2',
          planId: '4f1e0c52-1d2c-4e8b-9a55-2f0f4c3a9d10',
        },
        requestContext: { build: '2026.3.2', nested: { list: [1, 'two', null] } },
        monspecOrigin: 'https://raw.githubusercontent.com/contoso/app/main/monspec.json',
      });
      const outcome = await history.record(recorded);
      assert.deepEqual(outcome, { deleted: 0 });

      const page = await history.list({
        service: 'SampleJSonService',
        comparison: 'StagingToProduction',
        limit: 10,
      });
      assert.deepEqual(page, { evaluations: [recorded], unreadable: [] });
    });

    it('lists a series newest first, at most `limit`', async () => {
      for (const minutes of [3, 1, 4, 2]) await history.record(evaluation(minutes));
      const page = await history.list({
        service: 'SampleJSonService',
        comparison: 'StagingToProduction',
        limit: 3,
      });
      assert.deepEqual(ids(page.evaluations), ['eval-0004', 'eval-0003', 'eval-0002']);
    });

    it('lists only evaluations at or after `since`', async () => {
      for (const minutes of [1, 2, 3, 4]) await history.record(evaluation(minutes));
      const page = await history.list({
        service: 'SampleJSonService',
        comparison: 'StagingToProduction',
        since: T0 + 2 * MINUTE,
        limit: 10,
      });
      assert.deepEqual(ids(page.evaluations), ['eval-0004', 'eval-0003', 'eval-0002']);
    });

    it('filters by service or comparison alone and merges the series newest first', async () => {
      await history.record(evaluation(1));
      await history.record(
        evaluation(2, { evaluationId: 'yesterday-2', comparison: 'StagingToProductionYesterday' }),
      );
      await history.record(evaluation(3, { evaluationId: 'other-3', service: 'CheckoutService' }));
      await history.record(evaluation(4));

      const byService = await history.list({ service: 'SampleJSonService', limit: 10 });
      assert.deepEqual(ids(byService.evaluations), ['eval-0004', 'yesterday-2', 'eval-0001']);
      const byComparison = await history.list({ comparison: 'StagingToProduction', limit: 10 });
      assert.deepEqual(ids(byComparison.evaluations), ['eval-0004', 'other-3', 'eval-0001']);
      const everything = await history.list({ limit: 3 });
      assert.deepEqual(ids(everything.evaluations), ['eval-0004', 'other-3', 'yesterday-2']);
      const nothing = await history.list({ service: 'Unknown', limit: 10 });
      assert.deepEqual(nothing.evaluations, []);
    });

    it('stores names that Table Storage forbids in keys, and tells similar names apart', async () => {
      const hostile = `<script>alert("x")</script> / # ? \\ 'quoted'`;
      await history.record(evaluation(1, { service: hostile, comparison: 'a~b' }));
      await history.record(
        evaluation(2, { evaluationId: 'other', service: `${hostile}~a`, comparison: 'b' }),
      );

      const page = await history.list({ service: hostile, comparison: 'a~b', limit: 10 });
      assert.deepEqual(ids(page.evaluations), ['eval-0001']);
      assert.equal(page.evaluations[0]?.service, hostile);
      const { series } = await history.listSeries();
      assert.deepEqual(
        series.map((item) => [item.service, item.comparison]),
        [
          [hostile, 'a~b'],
          [`${hostile}~a`, 'b'],
        ],
      );
    });

    it('records the same evaluation once however often it is recorded', async () => {
      await history.record(evaluation(1));
      await history.record(evaluation(1));
      assert.equal(await countRows('SampleJSonService~StagingToProduction'), 1);
    });

    it('keeps results larger than one table property', async () => {
      const base = evaluation(1);
      const results = Array.from({ length: 120 }, (_, index) => ({
        ...base.results[0]!,
        metric: `Metric ${index}`,
        reason: `${'a long explanation '.repeat(20)}${index}`,
      }));
      await history.record({ ...base, results });
      const page = await history.list({ service: base.service, comparison: base.comparison, limit: 1 });
      assert.ok(JSON.stringify(results).length > 30_000);
      assert.deepEqual(page.evaluations[0]?.results, results);
    });

    it('omits a request context too large to keep, and says so', async () => {
      const requestContext = { blob: 'x'.repeat(70_000) };
      await history.record(evaluation(1, { requestContext }));
      const [stored] = (await history.list({ limit: 1 })).evaluations;
      assert.equal(stored?.requestContext, undefined);
      assert.equal(stored?.requestContextOmitted, true);
    });

    it('finds an evaluation of a series by its id', async () => {
      for (const minutes of [1, 2, 3]) await history.record(evaluation(minutes));
      const found = await history.find('SampleJSonService', 'StagingToProduction', 'eval-0002');
      assert.equal(found?.evaluatedAt, T0 + 2 * MINUTE);
      assert.equal(await history.find('SampleJSonService', 'StagingToProduction', 'missing'), undefined);
      assert.equal(await history.find('SampleJSonService', 'Other', 'eval-0002'), undefined);
    });

    it('lists the series with their latest verdict', async () => {
      await history.record(evaluation(1, { comparison: 'StagingToProductionYesterday', evaluationId: 'y1' }));
      await history.record(evaluation(2));
      await history.record(evaluation(3, { status: 'fail', totalViolations: 1 }));
      const { series, unreadable } = await history.listSeries();
      assert.deepEqual(unreadable, []);
      assert.deepEqual(series, [
        {
          service: 'SampleJSonService',
          comparison: 'StagingToProduction',
          latestEvaluationId: 'eval-0003',
          latestEvaluatedAt: T0 + 3 * MINUTE,
          latestStatus: 'fail',
        },
        {
          service: 'SampleJSonService',
          comparison: 'StagingToProductionYesterday',
          latestEvaluationId: 'y1',
          latestEvaluatedAt: T0 + MINUTE,
          latestStatus: 'pass',
        },
      ]);
    });

    it('reports a malformed row as unreadable and still lists the others', async () => {
      await history.record(evaluation(1));
      await history.record(evaluation(3));
      const partitionKey = seriesPartitionKey('SampleJSonService', 'StagingToProduction');
      // A row between the two, edited by hand: its results are not JSON.
      const template = await rawTable().getEntity<Record<string, unknown>>(
        partitionKey,
        evaluationRowKey(T0 + MINUTE, 'eval-0001'),
      );
      await rawTable().createEntity({
        ...template,
        partitionKey,
        rowKey: evaluationRowKey(T0 + 2 * MINUTE, 'edited'),
        results: '[not json',
      });

      const page = await history.list({
        service: 'SampleJSonService',
        comparison: 'StagingToProduction',
        limit: 2,
      });
      assert.deepEqual(ids(page.evaluations), ['eval-0003', 'eval-0001']);
      assert.equal(page.unreadable.length, 1);
      assert.match(page.unreadable[0]!.message, /property results should be JSON/);
    });

    it('refuses a limit outside 1 to 1000 and a negative since', async () => {
      await assert.rejects(
        history.list({ limit: 0 }),
        /limit: expected a whole number from 1 to 1000, found 0/,
      );
      await assert.rejects(history.list({ limit: 1001 }), /found 1001/);
      await assert.rejects(history.list({ limit: 1, since: -1 }), /since: expected epoch milliseconds/);
    });
  });

  describe('retention', () => {
    it('does not list evaluations older than the retention period', async () => {
      history = open({ retentionDays: 2 });
      await history.record(evaluation(0, { evaluationId: 'old' }));
      now = T0 + 2 * DAY + MINUTE;
      await history.record(evaluation(2 * 24 * 60, { evaluationId: 'new' }));
      assert.deepEqual(ids((await history.list({ limit: 10 })).evaluations), ['new']);
      assert.equal(await history.find('SampleJSonService', 'StagingToProduction', 'old'), undefined);
    });

    it('deletes the rows of a series that are past the retention period when the series is written', async () => {
      history = open({ retentionDays: 1 });
      for (const minutes of [0, 1, 2]) await history.record(evaluation(minutes));
      now = T0 + DAY + 90 * MINUTE;
      const outcome = await history.record(evaluation(24 * 60 + 60, { evaluationId: 'fresh' }));
      assert.deepEqual(outcome, { deleted: 3 });
      assert.equal(await countRows('SampleJSonService~StagingToProduction'), 1);
    });

    it('keeps at most maxPerSeries evaluations of a series', async () => {
      history = open({ maxPerSeries: 3 });
      for (let minutes = 1; minutes <= 5; minutes += 1) await history.record(evaluation(minutes));
      assert.equal(await countRows('SampleJSonService~StagingToProduction'), 3);
      const page = await history.list({ limit: 10 });
      assert.deepEqual(ids(page.evaluations), ['eval-0005', 'eval-0004', 'eval-0003']);
    });

    it('deletes at most one batch per write', async () => {
      for (let minutes = 1; minutes <= 8; minutes += 1) await history.record(evaluation(minutes));
      history = open({ maxPerSeries: 2, pruneBatchSize: 3 });
      assert.deepEqual(await history.record(evaluation(9)), { deleted: 3 });
      assert.equal(await countRows('SampleJSonService~StagingToProduction'), 6);
      assert.deepEqual(await history.record(evaluation(10)), { deleted: 3 });
      assert.deepEqual(await history.record(evaluation(11)), { deleted: 3 });
      assert.equal(await countRows('SampleJSonService~StagingToProduction'), 2);
      assert.deepEqual(await history.record(evaluation(12)), { deleted: 1 });
      assert.equal(await countRows('SampleJSonService~StagingToProduction'), 2);
    });

    it('deletes a series nobody evaluates any more, batch by batch, then forgets it', async () => {
      history = open({ retentionDays: 1, pruneBatchSize: 2 });
      for (const minutes of [1, 2, 3]) await history.record(evaluation(minutes, { service: 'Retired' }));
      now = T0 + 2 * DAY;
      assert.deepEqual((await history.listSeries()).series, []);

      assert.deepEqual(await history.record(evaluation(2 * 24 * 60, { evaluationId: 'a' })), { deleted: 2 });
      assert.equal(await countRows('Retired~StagingToProduction'), 1);
      assert.deepEqual(await history.record(evaluation(2 * 24 * 60 + 1, { evaluationId: 'b' })), {
        deleted: 1,
      });
      assert.equal(await countRows('Retired~StagingToProduction'), 0);
      assert.equal(await countRows('series-index'), 1, 'only the index row of the live series remains');
    });
  });

  describe('failures', () => {
    it('fails with StoreUnavailableError, free of the account key, when the service cannot be reached', async () => {
      const unreachable = createTableEvaluationHistory({
        connectionString:
          `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT.name};AccountKey=${AZURITE_ACCOUNT.key};` +
          `TableEndpoint=http://127.0.0.1:9/${AZURITE_ACCOUNT.name};`,
        tableName: 'unreachable',
        retry: { maxRetries: 0, retryDelayMs: 1, maxRetryDelayMs: 1 },
      });
      const error = await unreachable.record(evaluation(1)).then(
        () => assert.fail('expected the write to fail'),
        (failure: unknown) => failure,
      );
      assert.ok(error instanceof StoreUnavailableError, String(error));
      assert.match(error.message, /could not create the table in table "unreachable"/);
      assert.ok(!error.message.includes(AZURITE_ACCOUNT.key));
    });

    it('fails with StoreUnavailableError saying the caller cancelled when its signal aborts', async () => {
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(
        history.list({ limit: 1 }, { signal: controller.signal }),
        (error: unknown) =>
          error instanceof StoreUnavailableError && /the caller cancelled the operation/.test(error.message),
      );
    });

    it('refuses unusable options, naming them', () => {
      const base = { connectionString: azurite.connectionString, tableName: 'valid' };
      assert.throws(
        () => createTableEvaluationHistory({ ...base, tableName: 'no-dashes' }),
        /table name "no-dashes"/,
      );
      assert.throws(
        () => createTableEvaluationHistory({ ...base, retentionDays: 0 }),
        /retentionDays: expected a positive/,
      );
      assert.throws(
        () => createTableEvaluationHistory({ ...base, maxPerSeries: 1.5 }),
        /maxPerSeries: expected a whole/,
      );
      assert.throws(
        () => createTableEvaluationHistory({ ...base, pruneBatchSize: 101 }),
        /pruneBatchSize: expected a whole number from 1 to 100/,
      );
    });
  });
});
