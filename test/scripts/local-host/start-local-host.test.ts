// Loaded first on purpose: @azure/functions then decides it runs without a worker ("test mode"), and the
// local host must still serve the registrations.
import '../../../gate-function/src/functions/gate';

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { promisify } from 'node:util';

import { gateCurlExample } from '../../../scripts/local-host/gate-curl-example';
import { type LocalHost, startLocalHost } from '../../../scripts/local-host/start-local-host';
import { type DynatraceSimulator, sampleAppScenario, startDynatraceSimulator } from '../../../sim/dynatrace';

const KEY = 'local-function-key-5b8e2a';
const AUTH_TOKEN = 'ado-job-access-token-eyJhbGciOi';
const SERVICE = 'SampleJSonService';

const MONSPEC = {
  [SERVICE]: {
    environments: {
      Staging: { tags: [{ key: 'DeploymentGroup', value: 'Staging' }] },
      Production: { tags: [{ key: 'DeploymentGroup', value: 'Production' }] },
      Canary: { tags: [{ key: 'DeploymentGroup', value: 'Canary' }] },
    },
    comparisons: [
      {
        name: 'StagingToProduction',
        source: 'Staging',
        compare: 'Production',
        scalefactorperc: { default: 15 },
      },
      { name: 'StagingToCanary', source: 'Staging', compare: 'Canary' },
    ],
    perfsignature: [
      { timeseries: 'com.dynatrace.builtin:service.responsetime', aggregate: 'avg' },
      { timeseries: 'com.dynatrace.builtin:service.failurerate', aggregate: 'avg' },
    ],
  },
};

interface Reply {
  readonly status: number;
  readonly text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary answer fields
  readonly body: any;
}

/** Sends a request over a fresh connection (no keep-alive handle outlives the test). */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      url,
      { method: options.method ?? 'POST', headers: options.headers, agent: false },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown;
          try {
            body = text === '' ? undefined : JSON.parse(text);
          } catch {
            body = undefined;
          }
          resolve({ status: incoming.statusCode ?? 0, text, body });
        });
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

describe('startLocalHost', () => {
  /** Everything the host printed and answered in the current describe block. */
  const seen: string[] = [];
  const log = (line: string): void => void seen.push(line);
  const secrets: string[] = [KEY, AUTH_TOKEN];

  afterEach(() => {
    for (const text of seen) {
      for (const secret of secrets) assert.ok(!text.includes(secret), `a secret leaked into: ${text}`);
    }
  });

  async function gate(
    host: LocalHost,
    body: unknown,
    headers: Record<string, string> = {},
    query = '',
  ): Promise<Reply> {
    const reply = await send(`${host.url}/api/gate${query}`, {
      headers: { 'Content-Type': 'application/json', 'x-functions-key': KEY, ...headers },
      body: JSON.stringify(body),
    });
    seen.push(reply.text);
    return reply;
  }

  describe('against a simulator with build 1 everywhere', () => {
    let sim: DynatraceSimulator;
    let host: LocalHost;

    before(async () => {
      sim = await startDynatraceSimulator();
      secrets.push(sim.token);
      host = await startLocalHost({
        port: 0,
        key: KEY,
        dynatraceUrl: sim.url,
        dynatraceToken: sim.token,
        settings: { MONSPEC_ALLOWED_HOSTS: 'monspec.example.com,127.0.0.1' },
        log,
      });
    });

    after(async () => {
      await host.close();
      await sim.close();
    });

    afterEach(() => {
      sim.faults.clear();
    });

    it('serves the gate app unchanged at /api/gate and says so', () => {
      const gateFunction = host.functions.find((fn) => fn.name === 'gate');
      assert.equal(gateFunction?.path, '/api/gate');
      assert.deepEqual(gateFunction?.methods, ['POST']);
      assert.equal(gateFunction?.authLevel, 'function');
      assert.equal(host.dynatrace.simulated, false);
      const banner = seen.join('\n');
      assert.match(
        banner,
        new RegExp(`gate-function/gate: \\[POST\\] ${host.url}/api/gate \\(authLevel function\\)`),
      );
      assert.match(banner, /Function keys: enforced/);
      assert.match(banner, /-H "x-functions-key: \$FUNCTIONS_KEY"/);
    });

    it('passes build 1 against build 1', async () => {
      const reply = await gate(host, {
        monspec: MONSPEC,
        service: SERVICE,
        comparison: 'StagingToProduction',
      });
      assert.equal(reply.status, 200, reply.text);
      assert.equal(reply.body.status, 'pass');
      assert.match(reply.body.evaluationId, /^[0-9a-f-]{36}$/);
    });

    it('warns when the compare environment has no data', async () => {
      const reply = await gate(host, { monspec: MONSPEC, service: SERVICE, comparison: 'StagingToCanary' });
      assert.equal(reply.body.status, 'warning');
    });

    it('answers 400 with the JSON path of a bad monspec', async () => {
      const bad = structuredClone(MONSPEC);
      bad[SERVICE].perfsignature[0]!.aggregate = 'mean';
      const reply = await gate(host, { monspec: bad, service: SERVICE, comparison: 'StagingToProduction' });
      assert.equal(reply.status, 400);
      assert.equal(reply.body.error.path, 'monspec.SampleJSonService.perfsignature[0].aggregate');
    });

    it('answers 400 for an unknown service or comparison', async () => {
      const comparison = await gate(host, { monspec: MONSPEC, service: SERVICE, comparison: 'Prod2Prod' });
      assert.equal(comparison.status, 400);
      assert.match(
        comparison.body.error.message,
        /^comparison: comparison "Prod2Prod" is not defined for SampleJSonService; defined: StagingToProduction, StagingToCanary/,
      );
      const service = await gate(host, {
        monspec: MONSPEC,
        service: 'Other',
        comparison: 'StagingToProduction',
      });
      assert.equal(service.body.error.path, 'service');
    });

    for (const [why, url] of [
      ['plain http', 'http://monspec.example.com/monspec.json'],
      ['a host that is not listed', 'https://elsewhere.example.org/monspec.json'],
      ['127.0.0.1', 'https://127.0.0.1/monspec.json'],
    ] as const) {
      it(`answers 400 for a monspecUrl with ${why}`, async () => {
        const reply = await gate(host, {
          monspecUrl: url,
          service: SERVICE,
          comparison: 'StagingToProduction',
        });
        assert.equal(reply.status, 400);
        assert.equal(reply.body.error.path, 'monspecUrl');
      });
    }

    it('answers 502 when Dynatrace keeps failing', async () => {
      sim.faults.add({
        path: '/api/v2/metrics/query',
        kind: 'status',
        status: 500,
        message: 'Internal failure',
      });
      const reply = await gate(host, {
        monspec: MONSPEC,
        service: SERVICE,
        comparison: 'StagingToProduction',
      });
      assert.equal(reply.status, 502);
      assert.match(reply.body.error.message, /failed with 500: Internal failure \(4 attempts\)/);
    });

    it('recovers after a 429', async () => {
      sim.faults.add({ path: '/api/v2/metrics/query', kind: 'rateLimit', resetInMs: 0, times: 1 });
      const reply = await gate(host, {
        monspec: MONSPEC,
        service: SERVICE,
        comparison: 'StagingToProduction',
      });
      assert.equal(reply.status, 200, reply.text);
      assert.equal(reply.body.status, 'pass');
      assert.ok(seen.some((line) => /answered 429; retrying/.test(line)));
    });

    it('gives a verdict to a request shaped like the built-in Invoke Azure Function check', async () => {
      const reply = await send(`${host.url}/api/gate?code=${KEY}&`, {
        headers: {
          'Content-Type': 'application/json',
          PlanUrl: 'https://dev.azure.com/contoso/',
          ProjectId: '6c1b2d3e-4f50-4a61-8b72-9c83d4e5f607',
          HubName: 'checks',
          PlanId: '0f1e2d3c-4b5a-4697-8877-665544332211',
          JobId: '11111111-2222-4333-8444-555555555555',
          TimelineId: '22222222-3333-4444-8555-666666666666',
          TaskInstanceId: '33333333-4444-4555-8666-777777777777',
          AuthToken: AUTH_TOKEN,
        },
        body: JSON.stringify({
          monspec: MONSPEC,
          service: SERVICE,
          comparison: 'StagingToProduction',
          window: 5,
        }),
      });
      seen.push(reply.text);
      assert.equal(reply.status, 200, reply.text);
      assert.equal(reply.body.status, 'pass');
      assert.equal(reply.body.context.azureDevOps.planId, '0f1e2d3c-4b5a-4697-8877-665544332211');
      assert.equal(reply.body.context.azureDevOps.hubName, 'checks');
    });

    it('requires the function key in the header or the code query parameter', async () => {
      const body = JSON.stringify({ monspec: MONSPEC, service: SERVICE, comparison: 'StagingToProduction' });
      const json = { 'Content-Type': 'application/json' };
      assert.equal((await send(`${host.url}/api/gate`, { headers: json, body })).status, 401);
      assert.equal(
        (await send(`${host.url}/api/gate`, { headers: { ...json, 'x-functions-key': 'wrong' }, body }))
          .status,
        401,
      );
      assert.equal((await send(`${host.url}/api/gate?code=${KEY}`, { headers: json, body })).status, 200);
      const requestLines = seen.filter((line) => line.startsWith('POST /api/gate'));
      assert.ok(
        requestLines.length >= 3 && requestLines.every((line) => !line.includes('?')),
        'the query string is never logged',
      );
    });

    it('answers 404 for unknown routes and unregistered methods', async () => {
      assert.equal(
        (await send(`${host.url}/api/nothing`, { headers: { 'x-functions-key': KEY } })).status,
        404,
      );
      assert.equal(
        (await send(`${host.url}/api/gate`, { method: 'GET', headers: { 'x-functions-key': KEY } })).status,
        404,
      );
      assert.equal((await send(`${host.url}/gate`, { headers: { 'x-functions-key': KEY } })).status, 404);
    });

    it('matches routes case-insensitively, as Azure does', async () => {
      const reply = await send(`${host.url}/API/Gate`, {
        headers: { 'Content-Type': 'application/json', 'x-functions-key': KEY },
        body: JSON.stringify({ monspec: MONSPEC, service: SERVICE, comparison: 'StagingToProduction' }),
      });
      assert.equal(reply.status, 200);
    });

    it('refuses a second host in the same process', async () => {
      await assert.rejects(startLocalHost({ port: 0, log }), /already running in this process/);
    });
  });

  describe('against a simulator with a bad build in staging', () => {
    let sim: DynatraceSimulator;
    let host: LocalHost;

    before(async () => {
      const now = Date.now();
      sim = await startDynatraceSimulator({
        scenario: sampleAppScenario({
          now,
          deployments: [{ environment: 'Staging', build: 2, at: now - 30 * 60_000 }],
        }),
      });
      secrets.push(sim.token);
      host = await startLocalHost({ port: 0, dynatraceUrl: sim.url, dynatraceToken: sim.token, log });
    });

    after(async () => {
      await host.close();
      await sim.close();
    });

    it('fails and names the violating metric', async () => {
      const reply = await gate(host, {
        monspec: MONSPEC,
        service: SERVICE,
        comparison: 'StagingToProduction',
      });
      assert.equal(reply.status, 200);
      assert.equal(reply.body.status, 'fail');
      assert.match(reply.body.summary, /Failure rate \(avg\) in Staging/);
    });

    it('does not check keys when none is configured', () => {
      assert.match(seen.join('\n'), /Function keys: not enforced/);
    });
  });

  describe('with the built-in simulator', () => {
    const saved = { DT_URL: process.env.DT_URL, DT_API_TOKEN: process.env.DT_API_TOKEN };
    let host: LocalHost;
    let banner: string;

    before(async () => {
      delete process.env.DT_URL;
      process.env.DT_API_TOKEN = 'left-over-token';
      const lines: string[] = [];
      host = await startLocalHost({ port: 0, log: (line) => lines.push(line) });
      banner = lines.join('\n');
    });

    after(async () => {
      await host.close();
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    });

    it('starts a simulator and gives the apps its URL and token', () => {
      assert.equal(host.dynatrace.simulated, true);
      assert.equal(process.env.DT_URL, host.dynatrace.url);
      assert.notEqual(process.env.DT_API_TOKEN, 'left-over-token');
      assert.match(banner, /Dynatrace: simulator at http:\/\/127\.0\.0\.1:\d+ \(sample-app scenario/);
    });

    it('prints a curl example that returns a verdict', async () => {
      const example = gateCurlExample(host.url, { keyRequired: false });
      assert.ok(banner.includes(example), 'the banner shows the example');
      const { stdout } = await promisify(execFile)('bash', ['-c', example]);
      const verdict = JSON.parse(stdout) as { status: string };
      assert.equal(verdict.status, 'pass');
    });

    it('restores the environment when it closes', async () => {
      await host.close();
      assert.equal(process.env.DT_URL, undefined);
      assert.equal(process.env.DT_API_TOKEN, 'left-over-token');
    });
  });
});
