import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import {
  type DynatraceSimulator,
  SAMPLE_APP_ENTITY_IDS,
  startDynatraceSimulator,
} from '../../../sim/dynatrace';
import { FaultInjector, type FaultRule } from '../../../sim/dynatrace/fault-injector';
import { NOW, apiClient } from './support/api-client';

const DEPLOYMENT = {
  eventType: 'CUSTOM_DEPLOYMENT',
  title: 'SampleNodeJsService build 2',
  entitySelector: 'type(SERVICE),tag("DeploymentGroup:Staging")',
};

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('fault injection over HTTP', () => {
  let simulator: DynatraceSimulator;

  beforeEach(async () => {
    simulator = await startDynatraceSimulator({ now: () => NOW });
  });

  afterEach(async () => {
    await simulator.close();
  });

  it('delays a request and then answers it normally (latency)', async () => {
    simulator.faults.add({ path: '/api/v2/problems', kind: 'latency', ms: 25 });
    const answer = await apiClient(simulator).get('/api/v2/problems');
    assert.equal(answer.status, 200);
    assert.equal(answer.body.totalCount, 0);
  });

  it('answers the injected status with the error envelope and rate-limit headers', async () => {
    simulator.faults.add({ path: '/api/v2/metrics/query', kind: 'status', status: 503 });
    simulator.faults.add({
      path: '/api/v2/problems',
      kind: 'status',
      status: 500,
      message: 'Backend overloaded',
    });
    const unavailable = await apiClient(simulator).get('/api/v2/metrics/query', {
      metricSelector: 'builtin:service.response.time',
    });
    assert.equal(unavailable.status, 503);
    assert.deepEqual(unavailable.body, { error: { code: 503, message: 'Service Unavailable' } });
    assert.equal(unavailable.headers.get('x-ratelimit-limit'), '50000');
    const custom = await apiClient(simulator).get('/api/v2/problems');
    assert.deepEqual(custom.body, { error: { code: 500, message: 'Backend overloaded' } });
  });

  it('answers 429 with X-RateLimit-Reset in microseconds and, when asked, Retry-After (rateLimit)', async () => {
    simulator.faults.add({
      path: '/api/v2/problems',
      kind: 'rateLimit',
      resetInMs: 1500,
      retryAfterSeconds: 2,
      times: 1,
    });
    simulator.faults.add({ path: '/api/v2/events', kind: 'rateLimit', resetInMs: 700 });
    const limited = await apiClient(simulator).get('/api/v2/problems');
    assert.equal(limited.status, 429);
    assert.deepEqual(limited.body, {
      error: { code: 429, message: 'Too many requests.', constraintViolations: null },
    });
    assert.equal(limited.headers.get('x-ratelimit-reset'), String((NOW + 1500) * 1000));
    assert.equal(limited.headers.get('x-ratelimit-remaining'), '0');
    assert.equal(limited.headers.get('retry-after'), '2');
    const withoutRetryAfter = await apiClient(simulator).get('/api/v2/events');
    assert.equal(withoutRetryAfter.headers.get('retry-after'), null);
    assert.equal(withoutRetryAfter.headers.get('x-ratelimit-reset'), String((NOW + 700) * 1000));
    assert.equal((await apiClient(simulator).get('/api/v2/problems')).status, 200);
  });

  it('never answers a hanging request, and close() ends it', async () => {
    simulator.faults.add({ path: '/api/v2/problems', kind: 'hang' });
    const pending = apiClient(simulator).get('/api/v2/problems');
    await until(() => simulator.requests.length === 1);
    assert.equal(simulator.requests[0]?.status, null);
    await simulator.close();
    await assert.rejects(pending);
  });

  it('destroys the socket (reset)', async () => {
    simulator.faults.add({ path: '/api/v2/problems', kind: 'reset', times: 1 });
    await assert.rejects(apiClient(simulator).get('/api/v2/problems'), TypeError);
    assert.equal(simulator.requests[0]?.status, null);
    assert.equal((await apiClient(simulator).get('/api/v2/problems')).status, 200);
  });

  it('makes an ingest match no entity while auto-tags are "not applied yet" (unmatched)', async () => {
    simulator.faults.add({ path: '/api/v2/events/ingest', kind: 'unmatched', times: 1 });
    assert.equal(
      (await apiClient(simulator).get('/api/v2/events')).status,
      200,
      'other routes do not consume the rule',
    );
    const first = await apiClient(simulator).post('/api/v2/events/ingest', DEPLOYMENT);
    assert.equal(first.status, 201);
    assert.deepEqual(first.body, { reportCount: 0, eventIngestResults: [] });
    const retry = await apiClient(simulator).post('/api/v2/events/ingest', DEPLOYMENT);
    assert.equal(retry.body.reportCount, 1);
    assert.equal(simulator.state.events.list()[0]?.entity.id, SAMPLE_APP_ENTITY_IDS.staging.service);
  });

  it('limits a rule to `times` requests, applies rules in order and filters by method', async () => {
    simulator.faults.add({ method: 'get', path: /^\/api\/v2\/prob/g, kind: 'status', status: 502, times: 2 });
    simulator.faults.add({ path: '/api/v2/problems', kind: 'status', status: 504, times: 1 });
    simulator.faults.add({ method: 'POST', path: '/api/v2/problems', kind: 'status', status: 500 });
    const statuses: number[] = [];
    for (let index = 0; index < 4; index += 1)
      statuses.push((await apiClient(simulator).get('/api/v2/problems')).status);
    assert.deepEqual(statuses, [502, 502, 504, 200]);
  });

  it('clears all rules', async () => {
    simulator.faults.add({ path: '/api/v2/problems', kind: 'status', status: 500 });
    simulator.faults.clear();
    assert.equal((await apiClient(simulator).get('/api/v2/problems')).status, 200);
  });

  it('lets the process exit after close() although requests were hanging or delayed', async function () {
    this.timeout(30_000);
    const script = join(__dirname, 'support', 'hang-then-close.ts');
    const { stdout } = await promisify(execFile)(process.execPath, ['--require', 'tsx/cjs', script], {
      cwd: join(__dirname, '..', '..', '..'),
      timeout: 25_000,
    });
    assert.equal(stdout.trim(), 'rejected,rejected');
  });
});

describe('FaultInjector', () => {
  for (const [rule, message] of [
    [{ path: 42, kind: 'hang' }, /path must be a string or a RegExp/],
    [{ path: '/x', kind: 'hang', times: 0 }, /times must be a positive integer, found 0/],
    [{ path: '/x', kind: 'latency', ms: -1 }, /latency ms must be a number ≥ 0, found -1/],
    [{ path: '/x', kind: 'status', status: 200 }, /status must be an HTTP error status 400–599, found 200/],
    [{ path: '/x', kind: 'rateLimit', resetInMs: Number.NaN }, /resetInMs must be a number ≥ 0/],
    [
      { path: '/x', kind: 'rateLimit', resetInMs: 1, retryAfterSeconds: 1.5 },
      /retryAfterSeconds must be an integer ≥ 0/,
    ],
    [
      { path: '/x', kind: 'explode' },
      /kind must be one of latency, status, rateLimit, hang, reset, unmatched; found "explode"/,
    ],
  ] as const) {
    it(`rejects ${JSON.stringify(rule)}`, () => {
      assert.throws(() => new FaultInjector().add(rule as unknown as FaultRule), message);
    });
  }

  it('only hands out rules of the requested kinds', () => {
    const faults = new FaultInjector();
    faults.add({ path: '/a', kind: 'unmatched' });
    assert.equal(faults.take('POST', '/a', ['hang', 'status']), undefined);
    assert.equal(faults.take('POST', '/a', ['unmatched'])?.kind, 'unmatched');
    assert.equal(faults.list().length, 1);
  });
});
