import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { HttpRequest, InvocationContext } from '@azure/functions';

import { createGateHandler, type GateDependencies } from '../../../gate-function/src/create-gate-handler';
import { type EvaluationRecord } from '../../../gate-function/src/evaluation-record';
import { createMonspecFetcher } from '../../../gate-function/src/fetch-monspec';
import { readGateSettings } from '../../../gate-function/src/gate-settings';
import { createDynatraceClient } from '../../../lib/dynatrace';
import { type DynatraceSimulator, sampleAppScenario, startDynatraceSimulator } from '../../../sim/dynatrace';
import { createFakeClock } from '../../support/fake-clock';
import { type HttpsTestServer, resolveTestHosts, startHttpsTestServer } from './https-test-server';

const SEED_MONSPEC = readFileSync(
  path.join(__dirname, '../../fixtures/monspec/seed-002-sample-app.jsonc'),
  'utf8',
);
const FUNCTION_KEY = 'function-key-Zx9PXnIEODXLRzYwCw1TgZ4os';
const AUTH_TOKEN = 'ado-job-access-token-eyJ0eXAiOiJKV1Qi';
const BEARER_TOKEN = 'monspec-bearer-token-7f3a9c';
const SERVICE = 'SampleJSonService';

/** Staging compared with an environment that has no entities: the compare value is missing. */
const CANARY_MONSPEC = {
  [SERVICE]: {
    environments: {
      Staging: { tags: [{ key: 'DeploymentGroup', value: 'Staging' }] },
      Canary: { tags: [{ key: 'DeploymentGroup', value: 'Canary' }] },
    },
    comparisons: [{ name: 'StagingToCanary', source: 'Staging', compare: 'Canary' }],
    perfsignature: [{ timeseries: 'com.dynatrace.builtin:service.responsetime', aggregate: 'avg' }],
  },
};

interface Answer {
  readonly status: number | undefined;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary answer fields
  readonly body: any;
  readonly logs: readonly string[];
}

describe('createGateHandler', () => {
  let healthy: DynatraceSimulator;
  let badStaging: DynatraceSimulator;
  let monspecServer: HttpsTestServer;
  /** Everything the handler said in the current test: answers and log lines. */
  let output: string[];

  before(async () => {
    const now = Date.now();
    healthy = await startDynatraceSimulator({ scenario: sampleAppScenario({ now }) });
    badStaging = await startDynatraceSimulator({
      scenario: sampleAppScenario({
        now,
        deployments: [{ environment: 'Staging', build: 2, at: now - 30 * 60_000 }],
      }),
    });
    monspecServer = await startHttpsTestServer();
    monspecServer.route('/monspec.jsonc', (request, response) => {
      if (request.headers.authorization !== `Bearer ${BEARER_TOKEN}`) {
        response.writeHead(401).end();
        return;
      }
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(SEED_MONSPEC);
    });
    monspecServer.route('/invalid.json', (_request, response) => {
      response.writeHead(200).end('{"SampleJSonService": {"etype": "SERVER"}}');
    });
  });

  after(async () => {
    await Promise.all([healthy.close(), badStaging.close(), monspecServer.close()]);
  });

  beforeEach(() => {
    output = [];
  });

  afterEach(() => {
    healthy.faults.clear();
    const secrets = [healthy.token, badStaging.token, FUNCTION_KEY, AUTH_TOKEN, BEARER_TOKEN];
    for (const line of output) {
      for (const secret of secrets) assert.ok(!line.includes(secret), `a secret leaked into: ${line}`);
    }
  });

  function settingsFor(sim: DynatraceSimulator, extra: Record<string, string> = {}) {
    return readGateSettings({
      DT_URL: sim.url,
      DT_API_TOKEN: sim.token,
      MONSPEC_ALLOWED_HOSTS: 'monspec.test,127.0.0.1',
      MONSPEC_BEARER_TOKEN: BEARER_TOKEN,
      ...extra,
    });
  }

  async function invoke(
    dependencies: GateDependencies,
    body: unknown,
    options: { headers?: Record<string, string>; url?: string } = {},
  ): Promise<Answer> {
    const logs: string[] = [];
    const context = new InvocationContext({
      invocationId: 'test-invocation',
      functionName: 'gate',
      logHandler: (level, ...args) => logs.push(`${level}: ${args.map(String).join(' ')}`),
    });
    const request = new HttpRequest({
      method: 'POST',
      url: options.url ?? 'http://localhost/api/gate',
      headers: { 'content-type': 'application/json', 'x-functions-key': FUNCTION_KEY, ...options.headers },
      body: { string: typeof body === 'string' ? body : JSON.stringify(body) },
    });
    const response = await createGateHandler(dependencies)(request, context);
    output.push(...logs, JSON.stringify(response.jsonBody), JSON.stringify(response.headers));
    return { status: response.status, body: response.jsonBody, logs };
  }

  const seedRequest = { monspec: SEED_MONSPEC, service: SERVICE, comparison: 'StagingToProduction' };

  it('passes build 1 against build 1 and explains every metric', async () => {
    const clock = { now: () => Date.UTC(2026, 10, 22, 12, 0, 0) };
    const sim = await startDynatraceSimulator({
      scenario: sampleAppScenario({ now: clock.now() }),
      now: clock.now,
    });
    try {
      const { status, body, logs } = await invoke(
        {
          settings: settingsFor(sim),
          clock,
          newEvaluationId: () => 'eval-1',
          createMetricsReader: (logger) =>
            createDynatraceClient({
              environmentUrl: sim.url,
              apiToken: sim.token,
              logger,
              clock: createFakeClock(clock.now()),
            }),
        },
        seedRequest,
      );
      assert.equal(status, 200, JSON.stringify(body));
      assert.equal(body.status, 'pass');
      assert.equal(body.totalViolations, 0);
      assert.equal(body.evaluationId, 'eval-1');
      assert.equal(body.results.length, 4);
      assert.equal(
        body.source.to,
        '2026-11-22T11:59:00.000Z',
        'the window ends GATE_INGEST_DELAY_SECONDS before the request',
      );
      assert.equal(body.source.from, '2026-11-22T11:54:00.000Z', 'GATE_DEFAULT_WINDOW_MINUTES is 5');
      assert.match(body.markdown, /^## PASS: SampleJSonService \/ StagingToProduction$/m);
      assert.deepEqual(body.context, {});
      assert.match(logs.join('\n'), /gate eval-1: pass for SampleJSonService\/StagingToProduction/);
      assert.equal(sim.requests.filter((r) => r.path === '/api/v2/metrics/query').length, 2);
    } finally {
      await sim.close();
    }
  });

  it('fails a bad build in staging and names the violating metric', async () => {
    const { status, body } = await invoke({ settings: settingsFor(badStaging) }, seedRequest);
    assert.equal(status, 200);
    assert.equal(body.status, 'fail');
    assert.equal(body.totalViolations, 1);
    assert.match(body.summary, /Failure rate \(avg\) in Staging/);
    const failureRate = body.results.find((entry: { key: string }) =>
      entry.key.endsWith('service.failurerate'),
    );
    assert.equal(failureRate.status, 'violation');
  });

  it('warns when the compare environment has no data', async () => {
    const { status, body } = await invoke(
      { settings: settingsFor(healthy) },
      { monspec: CANARY_MONSPEC, service: SERVICE, comparison: 'StagingToCanary' },
    );
    assert.equal(status, 200);
    assert.equal(body.status, 'warning');
    assert.equal(body.results[0].status, 'nodata');
    assert.equal(body.results[0].outcome, 'warning');
  });

  it('fails on missing compare data when the request says so', async () => {
    const { body } = await invoke(
      { settings: settingsFor(healthy) },
      { monspec: CANARY_MONSPEC, service: SERVICE, comparison: 'StagingToCanary', onmissingcompare: 'fail' },
    );
    assert.equal(body.status, 'fail');
  });

  it('answers 400 with the JSON path of an invalid monspec', async () => {
    const monspec = structuredClone(CANARY_MONSPEC);
    monspec[SERVICE].comparisons[0]!.compare = 'Prod';
    const { status, body } = await invoke(
      { settings: settingsFor(healthy) },
      { monspec, service: SERVICE, comparison: 'StagingToCanary' },
    );
    assert.equal(status, 400);
    assert.equal(body.status, 'error');
    assert.equal(body.error.path, 'monspec.SampleJSonService.comparisons[0].compare');
    assert.match(
      body.error.message,
      /^monspec\.SampleJSonService\.comparisons\[0\]\.compare: environment "Prod" is not defined/,
    );
  });

  it('answers 400 naming an unknown service or comparison and what is defined', async () => {
    const unknownComparison = await invoke(
      { settings: settingsFor(healthy) },
      { ...seedRequest, comparison: 'Prod2Prod' },
    );
    assert.equal(unknownComparison.status, 400);
    assert.equal(unknownComparison.body.error.path, 'comparison');
    assert.match(
      unknownComparison.body.error.message,
      /^comparison: comparison "Prod2Prod" is not defined for SampleJSonService; defined: StagingToProduction, StagingToProductionYesterday, StagingToStagingLastHour/,
    );
    const unknownService = await invoke(
      { settings: settingsFor(healthy) },
      { ...seedRequest, service: 'SampleJsonService' },
    );
    assert.equal(unknownService.body.error.path, 'service');
    assert.match(unknownService.body.error.message, /did you mean "SampleJSonService"\?/);
  });

  describe('monspecUrl', () => {
    it('fetches the monspec over https from an allowed host with the bearer token', async () => {
      const settings = settingsFor(healthy);
      const fetchMonspec = createMonspecFetcher({
        allowedHosts: settings.monspecAllowedHosts,
        bearerToken: BEARER_TOKEN,
        timeoutMs: 5000,
        resolve: resolveTestHosts,
        isAddressAllowed: (address) => address === '127.0.0.1',
        ca: monspecServer.ca,
      });
      const records: EvaluationRecord[] = [];
      const { status, body } = await invoke(
        { settings, fetchMonspec, recordEvaluation: (record) => Promise.resolve(void records.push(record)) },
        {
          monspecUrl: `${monspecServer.url('/monspec.jsonc')}?sv=2024&sig=SAS`,
          service: SERVICE,
          comparison: 'StagingToProduction',
        },
      );
      assert.equal(status, 200, JSON.stringify(body));
      assert.equal(body.status, 'pass');
      assert.equal(records[0]?.monspecOrigin, `${monspecServer.url('/monspec.jsonc')}?…`);
    });

    it('answers 400 with the path inside a fetched monspec that is invalid', async () => {
      const settings = settingsFor(healthy);
      const fetchMonspec = createMonspecFetcher({
        allowedHosts: settings.monspecAllowedHosts,
        timeoutMs: 5000,
        resolve: resolveTestHosts,
        isAddressAllowed: (address) => address === '127.0.0.1',
        ca: monspecServer.ca,
      });
      const { status, body } = await invoke(
        { settings, fetchMonspec },
        { monspecUrl: monspecServer.url('/invalid.json'), service: SERVICE, comparison: 'x' },
      );
      assert.equal(status, 400);
      assert.equal(body.error.path, 'monspec.SampleJSonService.etype');
      assert.match(body.error.message, /\(in the monspec at https:\/\/monspec\.test:\d+\/invalid\.json\)/);
      assert.ok(body.error.issues.length > 1, 'every issue is listed');
    });

    for (const [why, url, expected] of [
      ['plain http', 'http://monspec.test/monspec.json', /must use https/],
      [
        'a host that is not listed',
        'https://attacker.example.org/monspec.json',
        /is not in MONSPEC_ALLOWED_HOSTS/,
      ],
      ['127.0.0.1, even when listed', 'https://127.0.0.1/monspec.json', /not a public address/],
      ['the cloud metadata endpoint', 'https://169.254.169.254/latest', /is not in MONSPEC_ALLOWED_HOSTS/],
    ] as const) {
      it(`answers 400 for ${why}`, async () => {
        const { status, body } = await invoke(
          { settings: settingsFor(healthy) },
          { monspecUrl: url, service: SERVICE, comparison: 'StagingToProduction' },
        );
        assert.equal(status, 400);
        assert.equal(body.error.path, 'monspecUrl');
        assert.match(body.error.message, expected);
      });
    }

    it('answers 400 for an allowed name that resolves to a loopback address', async () => {
      const settings = settingsFor(healthy);
      const fetchMonspec = createMonspecFetcher({
        allowedHosts: settings.monspecAllowedHosts,
        timeoutMs: 5000,
        resolve: resolveTestHosts,
        ca: monspecServer.ca,
      });
      const { status, body } = await invoke(
        { settings, fetchMonspec },
        {
          monspecUrl: monspecServer.url('/monspec.jsonc'),
          service: SERVICE,
          comparison: 'StagingToProduction',
        },
      );
      assert.equal(status, 400);
      assert.match(
        body.error.message,
        /^monspecUrl: monspecUrl host "monspec\.test" resolves to 127\.0\.0\.1/,
      );
    });
  });

  describe('when Dynatrace fails', () => {
    function withFakeTime(sim: DynatraceSimulator, extraSettings: Record<string, string> = {}) {
      const clock = createFakeClock(Date.now());
      const dependencies: GateDependencies = {
        settings: settingsFor(sim, extraSettings),
        clock,
        createMetricsReader: (logger) =>
          createDynatraceClient({
            environmentUrl: sim.url,
            apiToken: sim.token,
            logger,
            clock,
            random: () => 1,
          }),
      };
      return { clock, dependencies };
    }

    it('answers 502 naming the status and message once the retries are used up', async () => {
      healthy.faults.add({
        path: '/api/v2/metrics/query',
        kind: 'status',
        status: 503,
        message: 'Cluster overloaded',
      });
      const { dependencies } = withFakeTime(healthy);
      const { status, body, logs } = await invoke(dependencies, seedRequest);
      assert.equal(status, 502);
      assert.equal(body.status, 'error');
      assert.match(
        body.error.message,
        /^Dynatrace failed: Dynatrace GET \/api\/v2\/metrics\/query failed with 503: Cluster overloaded \(4 attempts\)/,
      );
      assert.match(logs.join('\n'), /answered 503; retrying in/);
    });

    it('recovers after a 429, waiting as long as X-RateLimit-Reset says', async () => {
      healthy.faults.add({ path: '/api/v2/metrics/query', kind: 'rateLimit', resetInMs: 5000, times: 1 });
      const { clock, dependencies } = withFakeTime(healthy);
      const { status, body } = await invoke(dependencies, seedRequest);
      assert.equal(status, 200, JSON.stringify(body));
      assert.equal(body.status, 'pass');
      assert.equal(clock.sleeps.length, 1);
      assert.ok(clock.sleeps[0]! >= 5000 && clock.sleeps[0]! < 6000, `waited ${clock.sleeps[0]} ms`);
    });

    it('answers 504 when retrying would pass the deadline', async () => {
      healthy.faults.add({ path: '/api/v2/metrics/query', kind: 'status', status: 503 });
      const { dependencies } = withFakeTime(healthy, { GATE_DEADLINE_SECONDS: '1' });
      const { status, body } = await invoke(dependencies, seedRequest);
      assert.equal(status, 504);
      assert.match(
        body.error.message,
        /^the gate could not answer within its 1 s deadline \(GATE_DEADLINE_SECONDS\)/,
      );
    });

    it('answers 504 when Dynatrace hangs past the deadline', async () => {
      healthy.faults.add({ path: '/api/v2/metrics/query', kind: 'hang' });
      const settings = readGateSettings({
        DT_URL: healthy.url,
        DT_API_TOKEN: healthy.token,
        GATE_DEADLINE_SECONDS: '1',
      });
      const { status } = await invoke({ settings }, seedRequest);
      assert.equal(status, 504);
    });

    it('answers 500 without details for an unexpected error and logs them', async () => {
      const { status, body, logs } = await invoke(
        {
          settings: settingsFor(healthy),
          createMetricsReader: () => {
            throw new TypeError('unexpected wiring problem');
          },
        },
        seedRequest,
      );
      assert.equal(status, 500);
      assert.equal(body.error.message, 'the gate failed unexpectedly; the function log has the details');
      assert.match(logs.join('\n'), /TypeError: unexpected wiring problem\n\s+at /);
    });
  });

  it('reads the headers of the built-in Invoke Azure Function check into the context, never its AuthToken', async () => {
    const adoHeaders = {
      PlanUrl: 'https://dev.azure.com/contoso/',
      ProjectId: '6c1b2d3e-4f50-4a61-8b72-9c83d4e5f607',
      HubName: 'checks',
      PlanId: '0f1e2d3c-4b5a-4697-8877-665544332211',
      JobId: '11111111-2222-4333-8444-555555555555',
      TimelineId: '22222222-3333-4444-8555-666666666666',
      TaskInstanceId: '33333333-4444-4555-8666-777777777777',
      AuthToken: AUTH_TOKEN,
    };
    const records: EvaluationRecord[] = [];
    const { status, body, logs } = await invoke(
      {
        settings: settingsFor(healthy),
        recordEvaluation: (record) => Promise.resolve(void records.push(record)),
      },
      {
        monspec: SEED_MONSPEC,
        service: SERVICE,
        comparison: 'StagingToProduction',
        context: { approver: 'ops' },
      },
      // The check sends the key as ?code= followed by its (empty) query parameters.
      { headers: adoHeaders, url: `http://localhost/api/gate?code=${FUNCTION_KEY}&` },
    );
    assert.equal(status, 200);
    assert.equal(body.status, 'pass');
    const expected = {
      azureDevOps: {
        planUrl: adoHeaders.PlanUrl,
        projectId: adoHeaders.ProjectId,
        hubName: 'checks',
        planId: adoHeaders.PlanId,
        jobId: adoHeaders.JobId,
        timelineId: adoHeaders.TimelineId,
        taskInstanceId: adoHeaders.TaskInstanceId,
      },
      request: { approver: 'ops' },
    };
    assert.deepEqual(body.context, expected);
    assert.deepEqual(records[0]?.context, expected);
    assert.equal(records[0]?.evaluationId, body.evaluationId);
    assert.equal(records[0]?.dynatraceRequests, 2);
    assert.match(
      logs.join('\n'),
      /\(hub checks, plan 0f1e2d3c-4b5a-4697-8877-665544332211, task instance 33333333/,
    );
  });

  it("gives the same verdict for the task's multipart form as for JSON", async () => {
    const boundary = '----unbreakable-gate-4f1c9a2e7d';
    const part = (name: string, value: string): string =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const form =
      part('monspecSource', 'inline') +
      part('monspecUrl', '') +
      part('monspec', SEED_MONSPEC) +
      part('service', SERVICE) +
      part('comparison', 'StagingToProduction') +
      part('window', '5') +
      `--${boundary}--\r\n`;
    const fromForm = await invoke({ settings: settingsFor(badStaging) }, form, {
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    const fromJson = await invoke({ settings: settingsFor(badStaging) }, seedRequest);
    assert.equal(fromForm.status, 200, JSON.stringify(fromForm.body));
    assert.equal(fromForm.body.status, 'fail');
    assert.deepEqual(
      fromForm.body.results.map((entry: { status: string }) => entry.status),
      fromJson.body.results.map((entry: { status: string }) => entry.status),
    );
  });

  it('evaluates with the Timeseries API v1 when DT_API_VERSION is v1', async () => {
    const { body } = await invoke(
      { settings: settingsFor(badStaging, { DT_API_VERSION: 'v1' }) },
      seedRequest,
    );
    assert.equal(body.status, 'fail');
    assert.ok(badStaging.requests.some((r) => r.path.startsWith('/api/v1/timeseries/')));
  });

  it('keeps the verdict when recording the evaluation fails', async () => {
    const { status, body, logs } = await invoke(
      {
        settings: settingsFor(healthy),
        recordEvaluation: () => Promise.reject(new Error('table unavailable')),
      },
      seedRequest,
    );
    assert.equal(status, 200);
    assert.equal(body.status, 'pass');
    assert.match(logs.join('\n'), /the evaluation could not be recorded: Error: table unavailable/);
  });

  it('answers 400 for a window end in the future', async () => {
    const { status, body } = await invoke(
      { settings: settingsFor(healthy) },
      { ...seedRequest, end: Date.now() + 3_600_000 },
    );
    assert.equal(status, 400);
    assert.equal(body.error.path, 'end');
  });

  it('answers 415 for a body that is neither JSON nor a form', async () => {
    const { status, body } = await invoke({ settings: settingsFor(healthy) }, 'service=x', {
      headers: { 'content-type': 'text/plain' },
    });
    assert.equal(status, 415);
    assert.equal(body.status, 'error');
  });
});
