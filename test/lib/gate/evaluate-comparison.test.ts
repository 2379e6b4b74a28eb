import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { createDynatraceClient, type DynatraceClient } from '../../../lib/dynatrace';
import { evaluateComparison } from '../../../lib/gate/evaluate-comparison';
import { type Monspec, parseMonspec } from '../../../lib/monspec';
import {
  type DynatraceSimulator,
  type SampleAppDeployment,
  sampleAppScenario,
  startDynatraceSimulator,
} from '../../../sim/dynatrace';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const fixture = (name: string): Monspec =>
  parseMonspec(readFileSync(path.join(__dirname, '../../fixtures/monspec', name), 'utf8')).monspec;
const seedMonspec = fixture('seed-002-sample-app.jsonc');
const request = {
  service: 'SampleJSonService',
  comparison: 'StagingToProduction',
  windowMinutes: 5,
  endMs: NOW,
};

describe('evaluateComparison', () => {
  let sim: DynatraceSimulator;
  let client: DynatraceClient;

  async function startWith(deployments: SampleAppDeployment[]): Promise<void> {
    sim = await startDynatraceSimulator({
      scenario: sampleAppScenario({ now: NOW, deployments }),
      now: () => NOW,
    });
    client = createDynatraceClient({
      environmentUrl: sim.url,
      apiToken: sim.token,
      retry: { maxRetries: 0 },
    });
  }

  afterEach(async () => {
    await sim.close();
  });

  describe('with Metrics API v2', () => {
    it('passes build 1 against build 1 with one request per window', async () => {
      await startWith([]);
      const { result, requests } = await evaluateComparison(client, { monspec: seedMonspec, request });
      assert.equal(result.status, 'pass', result.summary);
      assert.equal(requests, 2);
      const queries = sim.requests.filter((r) => r.path === '/api/v2/metrics/query');
      assert.equal(queries.length, 2);
      for (const query of queries) assert.equal(query.query.resolution, 'Inf');
      assert.deepEqual(queries.map((q) => q.query.entitySelector).sort(), [
        'type(SERVICE),tag("DeploymentGroup:Production")',
        'type(SERVICE),tag("DeploymentGroup:Staging")',
      ]);
    });

    it('fails build 2 in staging on the failure rate and names it', async () => {
      await startWith([{ environment: 'Staging', build: 2, at: NOW - 30 * 60_000 }]);
      const { result } = await evaluateComparison(client, { monspec: seedMonspec, request });
      assert.equal(result.status, 'fail');
      const failureRate = result.results.find((entry) => entry.key.endsWith('service.failurerate'));
      assert.equal(failureRate?.status, 'violation');
      assert.match(result.summary, /Failure rate/);
    });

    it('reads the windows of the requested end, shifted by the comparison', async () => {
      await startWith([]);
      const { plan } = await evaluateComparison(client, {
        monspec: seedMonspec,
        request: { ...request, comparison: 'StagingToProductionYesterday' },
      });
      const compareQuery = sim.requests.find(
        (r) => r.path === '/api/v2/metrics/query' && String(r.query.entitySelector).includes('Production'),
      );
      assert.equal(compareQuery?.query.from, String(plan.compare.fromMs));
      assert.equal(compareQuery?.query.to, String(NOW - 86_400_000));
    });

    it('fetches an environment compared with itself over the same window only once', async () => {
      await startWith([]);
      const monspec = parseMonspec(
        JSON.stringify({
          Svc: {
            environments: { Staging: { tags: [{ key: 'DeploymentGroup', value: 'Staging' }] } },
            comparisons: [{ name: 'Same', source: 'Staging', compare: 'Staging' }],
            perfsignature: [{ timeseries: 'service.responsetime' }],
          },
        }),
      ).monspec;
      const { requests, result } = await evaluateComparison(client, {
        monspec,
        request: { ...request, service: 'Svc', comparison: 'Same' },
      });
      assert.equal(requests, 1);
      assert.equal(sim.requests.filter((r) => r.path === '/api/v2/metrics/query').length, 1);
      assert.equal(result.status, 'pass');
    });

    it('rethrows the first Dynatrace failure and cancels the other window', async () => {
      await startWith([]);
      sim.faults.add({ path: '/api/v2/metrics/query', kind: 'status', status: 500, times: 1 });
      await assert.rejects(evaluateComparison(client, { monspec: seedMonspec, request }), /500/);
    });
  });

  describe('with the legacy Timeseries API v1', () => {
    it('reaches the same verdicts as v2, one request per metric per window', async () => {
      await startWith([{ environment: 'Staging', build: 2, at: NOW - 30 * 60_000 }]);
      const v2 = await evaluateComparison(client, { monspec: seedMonspec, request });
      const v1 = await evaluateComparison(client, { monspec: seedMonspec, request, api: 'v1' });
      assert.equal(v1.requests, 8);
      assert.equal(v1.result.status, v2.result.status);
      assert.deepEqual(
        v1.result.results.map((entry) => entry.status),
        v2.result.results.map((entry) => entry.status),
      );
    });

    it('says when a value across several entities is approximated', async () => {
      await startWith([]);
      const { result } = await evaluateComparison(client, { monspec: seedMonspec, request, api: 'v1' });
      const averaged = result.results.find(
        (entry) => entry.aggregate === 'avg' && entry.key.endsWith('responsetime'),
      );
      assert.match(averaged?.notes?.join() ?? '', /approximated/);
    });
  });
});
