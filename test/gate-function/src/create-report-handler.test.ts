import assert from 'node:assert/strict';

import { HttpRequest, InvocationContext } from '@azure/functions';
import { TableClient } from '@azure/data-tables';

import { createReportHandler } from '../../../gate-function/src/create-report-handler';
import { HISTORY_OFF_REASON, type HistoryAccess } from '../../../gate-function/src/open-history';
import { REPORT_HEADERS } from '../../../gate-function/src/report/render-document';
import { createTableEvaluationHistory, type EvaluationHistory } from '../../../lib/store';
import { evaluationRowKey, seriesPartitionKey } from '../../../lib/store/evaluation-keys';
import { startAzurite, type AzuriteTables } from '../../support/azurite';
import { FIXTURE_T0, HOUR, recordedEvaluation } from './recorded-evaluation-fixture';

const KEY = 'function-key-Rk5wP0sLq9vYz2';
const GENERATED_AT = FIXTURE_T0 + 10 * HOUR;

describe('createReportHandler (against Azurite)', () => {
  let azurite: AzuriteTables;
  let history: EvaluationHistory;
  let logs: string[];

  before(async () => {
    azurite = await startAzurite();
    history = createTableEvaluationHistory({
      connectionString: azurite.connectionString,
      tableName: 'reportpage',
      now: () => GENERATED_AT,
    });
    for (const index of [1, 2, 3, 4]) await history.record(recordedEvaluation(index));
    await history.record(
      recordedEvaluation(5, {
        evaluationId: 'yesterday',
        comparison: 'StagingToProductionYesterday',
        status: 'fail',
      }),
    );
  });
  after(async () => {
    await azurite.close();
  });
  beforeEach(() => {
    logs = [];
  });

  async function get(
    query: string,
    access: () => HistoryAccess = () => ({ enabled: true, history, publicUrl: undefined }),
  ): Promise<{ status: number | undefined; html: string; headers: Record<string, string> }> {
    const context = new InvocationContext({
      functionName: 'report',
      logHandler: (level, ...args) => logs.push(`${level}: ${args.map(String).join(' ')}`),
    });
    const request = new HttpRequest({
      method: 'GET',
      url: `https://gate.example.com/api/report?${query}&code=${KEY}`,
    });
    const response = await createReportHandler({ history: access, clock: { now: () => GENERATED_AT } })(
      request,
      context,
    );
    const html = textOf(response.body);
    assert.ok(!html.includes(KEY), 'the page repeats the function key');
    return { status: response.status, html, headers: response.headers as Record<string, string> };
  }

  it('serves the report of a series with the report headers', async () => {
    const { status, html, headers } = await get('service=SampleJSonService&comparison=StagingToProduction');
    assert.equal(status, 200);
    assert.deepEqual(headers, REPORT_HEADERS);
    assert.match(html, /4 evaluations from 2026-03-02 09:00:00 UTC to 2026-03-02 12:00:00 UTC/);
    assert.equal((html.match(/<figure class="chart"/g) ?? []).length, 2);
    assert.match(html, /Latest evaluation <span class="muted">Release-104<\/span>/);
    assert.match(html, /Generated 2026-03-02 18:00:00 UTC/);
  });

  it('shows the recent evaluations only, up to limit', async () => {
    const { html } = await get('service=SampleJSonService&comparison=StagingToProduction&limit=2');
    assert.match(html, /2 evaluations from 2026-03-02 11:00:00 UTC/);
  });

  it('adds an older evaluation the link names, and selects it', async () => {
    const { html } = await get(
      'service=SampleJSonService&comparison=StagingToProduction&limit=2&evaluation=evaluation-1',
    );
    assert.match(html, /3 evaluations from 2026-03-02 09:00:00 UTC/);
    assert.match(html, /Selected evaluation <span class="muted">Release-101<\/span>/);
  });

  it('says so when the named evaluation is not kept', async () => {
    const { status, html } = await get(
      'service=SampleJSonService&comparison=StagingToProduction&evaluation=gone',
    );
    assert.equal(status, 200);
    assert.match(html, /Evaluation gone is not recorded for this service and comparison/);
    assert.match(html, /Latest evaluation/);
  });

  it('lists the series when no service and comparison are given', async () => {
    const { status, html } = await get('');
    assert.equal(status, 200);
    assert.match(html, /<h1>Build validation reports<\/h1>/);
    assert.match(html, /comparison=StagingToProductionYesterday/);
    assert.match(html, /<span class="status-text status-fail">✕ fail<\/span>/);
  });

  it('answers a bad query with a 400 page naming the parameter, escaped', async () => {
    const { status, html, headers } = await get('service=S&comparison=C&<b>=1');
    assert.equal(status, 400);
    assert.equal(headers['Content-Security-Policy'], REPORT_HEADERS['Content-Security-Policy']);
    assert.match(
      html,
      /&quot;&lt;b&gt;&quot;: unknown query parameter; expected service, comparison, evaluation, limit/,
    );
  });

  it('answers 503 when the history is off', async () => {
    const { status, html } = await get('', () => ({
      enabled: false,
      reason: HISTORY_OFF_REASON,
      publicUrl: undefined,
    }));
    assert.equal(status, 503);
    assert.match(html, /AzureWebJobsStorage is not set/);
    assert.ok(logs.some((line) => /^warning: report: evaluation history is off/.test(line)));
  });

  it('shows a notice, not an error, for a stored row it cannot read', async () => {
    const table = TableClient.fromConnectionString(azurite.connectionString, 'reportpage', {
      allowInsecureConnection: true,
    });
    await table.createEntity({
      partitionKey: seriesPartitionKey('SampleJSonService', 'StagingToProduction'),
      rowKey: evaluationRowKey(FIXTURE_T0 + 90 * 60_000, 'edited'),
      format: 1,
      evaluationId: 'edited',
    });
    try {
      const { status, html } = await get('service=SampleJSonService&comparison=StagingToProduction');
      assert.equal(status, 200);
      assert.match(
        html,
        /1 stored row could not be read and is not shown: The row SampleJSonService~StagingToProduction\//,
      );
      assert.ok(logs.some((line) => line.startsWith('warning: report: skipped a stored row')));
    } finally {
      await table.deleteEntity(
        seriesPartitionKey('SampleJSonService', 'StagingToProduction'),
        evaluationRowKey(FIXTURE_T0 + 90 * 60_000, 'edited'),
      );
    }
  });
});

function textOf(body: unknown): string {
  assert.equal(typeof body, 'string', 'the report answers with an HTML string');
  return body as string;
}
