import assert from 'node:assert/strict';

import { HttpRequest, InvocationContext } from '@azure/functions';

import { createEvaluationsHandler } from '../../../gate-function/src/create-evaluations-handler';
import { GateSettingsError } from '../../../gate-function/src/gate-settings-error';
import { HISTORY_OFF_REASON, type HistoryAccess } from '../../../gate-function/src/open-history';
import { createTableEvaluationHistory, type EvaluationHistory } from '../../../lib/store';
import { AZURITE_ACCOUNT, startAzurite, type AzuriteTables } from '../../support/azurite';
import { FIXTURE_T0, HOUR, recordedEvaluation } from './recorded-evaluation-fixture';

const KEY = 'function-key-Q2x8mVb7Tq0aPz4';

describe('createEvaluationsHandler (against Azurite)', () => {
  let azurite: AzuriteTables;
  let history: EvaluationHistory;
  let logs: string[];

  before(async () => {
    azurite = await startAzurite();
    history = createTableEvaluationHistory({
      connectionString: azurite.connectionString,
      tableName: 'evaluationsapi',
      now: () => FIXTURE_T0 + 10 * HOUR,
    });
    for (const index of [1, 2, 3]) await history.record(recordedEvaluation(index));
    await history.record(
      recordedEvaluation(4, { evaluationId: 'other', comparison: 'StagingToProductionYesterday' }),
    );
  });
  after(async () => {
    await azurite.close();
  });
  beforeEach(() => {
    logs = [];
  });
  afterEach(() => {
    for (const line of logs) assert.ok(!line.includes(KEY), `the key leaked into ${line}`);
  });

  async function get(
    query: string,
    access: () => HistoryAccess = () => ({ enabled: true, history, publicUrl: undefined }),
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read the fields of either answer
  ): Promise<{ status: number | undefined; body: any }> {
    const context = new InvocationContext({
      functionName: 'evaluations',
      logHandler: (level, ...args) => logs.push(`${level}: ${args.map(String).join(' ')}`),
    });
    const request = new HttpRequest({
      method: 'GET',
      url: `https://gate.example.com/api/evaluations?${query}`,
    });
    const response = await createEvaluationsHandler({ history: access })(request, context);
    logs.push(JSON.stringify(response.jsonBody));
    assert.equal((response.headers as Record<string, string>)['Cache-Control'], 'no-store');
    return { status: response.status, body: response.jsonBody };
  }

  it('lists a series newest first, with ISO times, its report link (without the key) and its release link', async () => {
    const { status, body } = await get(
      `service=SampleJSonService&comparison=StagingToProduction&limit=2&code=${KEY}`,
    );
    assert.equal(status, 200);
    assert.equal(body.count, 2);
    assert.deepEqual(body.unreadable, []);
    const [newest] = body.evaluations;
    assert.equal(newest.evaluationId, 'evaluation-3');
    assert.equal(newest.evaluatedAt, '2026-03-02T11:00:00.000Z');
    assert.equal(newest.status, 'pass');
    assert.equal(newest.results.length, 2);
    assert.equal(newest.results[0].threshold, 115);
    assert.equal(
      newest.reportUrl,
      'https://gate.example.com/api/report?service=SampleJSonService&comparison=StagingToProduction&evaluation=evaluation-3',
    );
    assert.equal(
      newest.azureDevOpsUrl,
      'https://dev.azure.com/contoso/Sample%20App/_release?releaseId=103&_a=release-summary',
    );
    assert.equal(body.evaluations[1].evaluationId, 'evaluation-2');
  });

  it('filters by service alone and by since', async () => {
    const byService = await get('service=SampleJSonService');
    assert.deepEqual(
      byService.body.evaluations.map((item: { evaluationId: string }) => item.evaluationId),
      ['other', 'evaluation-3', 'evaluation-2', 'evaluation-1'],
    );
    const since = await get(`since=${encodeURIComponent(new Date(FIXTURE_T0 + 3 * HOUR).toISOString())}`);
    assert.deepEqual(
      since.body.evaluations.map((item: { evaluationId: string }) => item.evaluationId),
      ['other', 'evaluation-3'],
    );
  });

  it('answers 400 naming the parameter', async () => {
    const { status, body } = await get('limit=9000');
    assert.equal(status, 400);
    assert.deepEqual(body, {
      status: 'error',
      error: { message: 'limit: expected a whole number from 1 to 500, found "9000"', path: 'limit' },
    });
  });

  it('answers 503 saying which setting to set when the history is off', async () => {
    const { status, body } = await get('', () => ({
      enabled: false,
      reason: HISTORY_OFF_REASON,
      publicUrl: undefined,
    }));
    assert.equal(status, 503);
    assert.match(body.error.message, /AzureWebJobsStorage is not set/);
  });

  it('answers 500 naming an invalid setting', async () => {
    const { status, body } = await get('', () => {
      throw new GateSettingsError([
        { setting: 'GATE_HISTORY_RETENTION_DAYS', message: 'expected a whole number' },
      ]);
    });
    assert.equal(status, 500);
    assert.match(body.error.message, /GATE_HISTORY_RETENTION_DAYS: expected a whole number/);
  });

  it('answers 503 without the account key when the store cannot be reached', async () => {
    const unreachable = createTableEvaluationHistory({
      connectionString: `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT.name};AccountKey=${AZURITE_ACCOUNT.key};TableEndpoint=http://127.0.0.1:9/${AZURITE_ACCOUNT.name};`,
      tableName: 'unreachable',
      retry: { maxRetries: 0, retryDelayMs: 1, maxRetryDelayMs: 1 },
    });
    const { status, body } = await get('', () => ({
      enabled: true,
      history: unreachable,
      publicUrl: undefined,
    }));
    assert.equal(status, 503);
    assert.match(
      body.error.message,
      /^Azure Table Storage could not create the table in table "unreachable"/,
    );
    assert.ok(!JSON.stringify(body).includes(AZURITE_ACCOUNT.key));
    assert.ok(logs.some((line) => line.startsWith('error: evaluations: answered 503')));
  });
});
