import assert from 'node:assert/strict';

import { HttpRequest, InvocationContext } from '@azure/functions';

import { configureGate } from '../../../gate-function/src/configure-gate';
import { type GateHandler } from '../../../gate-function/src/create-gate-handler';
import { type GateVerdictBody } from '../../../gate-function/src/gate-response-body';
import { GateSettingsError } from '../../../gate-function/src/gate-settings-error';
import { HISTORY_OFF_REASON } from '../../../gate-function/src/open-history';
import { createTableEvaluationHistory } from '../../../lib/store';
import { type DynatraceSimulator, startDynatraceSimulator } from '../../../sim/dynatrace';
import { AZURITE_ACCOUNT, startAzurite, type AzuriteTables } from '../../support/azurite';

const KEY = 'function-key-Vb2Nq8Zt4Lm6Xc1';
const SERVICE = 'SampleJSonService';
const MONSPEC = {
  [SERVICE]: {
    environments: {
      Staging: { tags: [{ key: 'DeploymentGroup', value: 'Staging' }] },
      Production: { tags: [{ key: 'DeploymentGroup', value: 'Production' }] },
    },
    comparisons: [
      {
        name: 'StagingToProduction',
        source: 'Staging',
        compare: 'Production',
        scalefactorperc: { default: 15 },
      },
    ],
    perfsignature: [
      { timeseries: 'com.dynatrace.builtin:service.responsetime', aggregate: 'avg' },
      { timeseries: 'com.dynatrace.builtin:service.failurerate', aggregate: 'avg' },
    ],
  },
};

describe('configureGate', () => {
  let azurite: AzuriteTables;
  let sim: DynatraceSimulator;
  let logs: string[];

  before(async () => {
    [azurite, sim] = await Promise.all([startAzurite(), startDynatraceSimulator()]);
  });
  after(async () => {
    await Promise.all([azurite.close(), sim.close()]);
  });
  beforeEach(() => {
    logs = [];
  });
  afterEach(() => {
    for (const line of logs) {
      for (const secret of [KEY, AZURITE_ACCOUNT.key, sim.token]) {
        assert.ok(!line.includes(secret), `a secret leaked into ${line}`);
      }
    }
  });

  const dynatrace = (): Record<string, string> => ({ DT_URL: sim.url, DT_API_TOKEN: sim.token });

  async function evaluate(handler: GateHandler, context?: Record<string, unknown>): Promise<GateVerdictBody> {
    const invocation = new InvocationContext({
      functionName: 'gate',
      logHandler: (level, ...args) => logs.push(`${level}: ${args.map(String).join(' ')}`),
    });
    const request = new HttpRequest({
      method: 'POST',
      url: `http://127.0.0.1:7071/api/gate?code=${KEY}`,
      headers: {
        'content-type': 'application/json',
        PlanUrl: 'https://dev.azure.com/contoso/',
        ProjectId: '6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c',
        HubName: 'Release',
        PlanId: 'b7d1e6a2-1111-4c3a-9d10-2f0f4c3a9d10',
      },
      body: {
        string: JSON.stringify({
          monspec: MONSPEC,
          service: SERVICE,
          comparison: 'StagingToProduction',
          ...(context === undefined ? {} : { context }),
        }),
      },
    });
    const response = await handler(request, invocation);
    logs.push(JSON.stringify(response.jsonBody));
    assert.equal(response.status, 200, JSON.stringify(response.jsonBody));
    return response.jsonBody as GateVerdictBody;
  }

  it('records every verdict with who asked, and answers with its report link, never with the key', async () => {
    const gate = configureGate({
      ...dynatrace(),
      AzureWebJobsStorage: azurite.connectionString,
      GATE_HISTORY_TABLE_NAME: 'gaterecorded',
    });
    assert.equal(gate.historyNotice, undefined);
    const answer = await evaluate(gate.handler, {
      releaseId: 42,
      releaseName: 'Release-42',
      stage: 'Production',
      project: 'Sample App',
    });

    assert.equal(answer.status, 'pass');
    assert.equal(
      answer.reportUrl,
      `http://127.0.0.1:7071/api/report?service=SampleJSonService&comparison=StagingToProduction&evaluation=${answer.evaluationId}`,
    );
    const history = createTableEvaluationHistory({
      connectionString: azurite.connectionString,
      tableName: 'gaterecorded',
    });
    const { evaluations } = await history.list({
      service: SERVICE,
      comparison: 'StagingToProduction',
      limit: 10,
    });
    assert.equal(evaluations.length, 1);
    const [recorded] = evaluations;
    assert.equal(recorded?.evaluationId, answer.evaluationId);
    assert.equal(recorded?.status, 'pass');
    assert.deepEqual(
      recorded?.results.map((entry) => [
        entry.metric,
        entry.source,
        entry.compare,
        entry.threshold,
        entry.status,
      ]),
      answer.results.map((entry) => [
        entry.metric,
        entry.source,
        entry.compare,
        entry.threshold,
        entry.status,
      ]),
    );
    assert.deepEqual(recorded?.pipeline, {
      collectionUri: 'https://dev.azure.com/contoso/',
      projectId: '6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c',
      project: 'Sample App',
      hubName: 'Release',
      planId: 'b7d1e6a2-1111-4c3a-9d10-2f0f4c3a9d10',
      releaseId: '42',
      releaseName: 'Release-42',
      stage: 'Production',
    });
    assert.deepEqual(recorded?.requestContext, {
      releaseId: 42,
      releaseName: 'Release-42',
      stage: 'Production',
      project: 'Sample App',
    });
  });

  it('records the context redacted like the answer: a function key pasted into it is not kept', async () => {
    const gate = configureGate({
      ...dynatrace(),
      AzureWebJobsStorage: azurite.connectionString,
      GATE_HISTORY_TABLE_NAME: 'gateredacted',
    });
    await evaluate(gate.handler, { note: `called with ${KEY}` });
    const history = createTableEvaluationHistory({
      connectionString: azurite.connectionString,
      tableName: 'gateredacted',
    });
    const [recorded] = (await history.list({ limit: 1 })).evaluations;
    assert.deepEqual(recorded?.requestContext, { note: 'called with [REDACTED]' });
  });

  it('builds the report link on GATE_PUBLIC_URL', async () => {
    const gate = configureGate({
      ...dynatrace(),
      AzureWebJobsStorage: azurite.connectionString,
      GATE_HISTORY_TABLE_NAME: 'gatepublic',
      GATE_PUBLIC_URL: 'https://gate.contoso.com',
    });
    const answer = await evaluate(gate.handler);
    assert.match(
      answer.reportUrl ?? '',
      /^https:\/\/gate\.contoso\.com\/api\/report\?service=SampleJSonService&/,
    );
  });

  it('runs without history, and says why, when AzureWebJobsStorage is not set', async () => {
    const gate = configureGate(dynatrace());
    assert.equal(gate.historyNotice, HISTORY_OFF_REASON);
    const answer = await evaluate(gate.handler);
    assert.equal(answer.status, 'pass');
    assert.equal('reportUrl' in answer, false);
  });

  it('runs without history, naming the setting, when a history setting is invalid', async () => {
    const gate = configureGate({
      ...dynatrace(),
      AzureWebJobsStorage: azurite.connectionString,
      GATE_HISTORY_RETENTION_DAYS: 'forever',
    });
    assert.match(
      gate.historyNotice ?? '',
      /^evaluation history is off because its settings are invalid: .*GATE_HISTORY_RETENTION_DAYS: expected a whole number/,
    );
    assert.equal((await evaluate(gate.handler)).status, 'pass');
  });

  it('keeps the verdict and leaves out the link when the evaluation cannot be recorded', async () => {
    const gate = configureGate({
      ...dynatrace(),
      AzureWebJobsStorage: `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT.name};AccountKey=${AZURITE_ACCOUNT.key};TableEndpoint=http://127.0.0.1:9/${AZURITE_ACCOUNT.name};`,
    });
    const answer = await evaluate(gate.handler);
    assert.equal(answer.status, 'pass');
    assert.equal('reportUrl' in answer, false);
    assert.ok(
      logs.some((line) =>
        /^warning: gate .*: the evaluation could not be recorded: StoreUnavailableError: Azure Table Storage could not create the table/.test(
          line,
        ),
      ),
      logs.join('\n'),
    );
  });

  it('still refuses to run without its Dynatrace settings', () => {
    assert.throws(() => configureGate({ AzureWebJobsStorage: azurite.connectionString }), GateSettingsError);
  });
});
