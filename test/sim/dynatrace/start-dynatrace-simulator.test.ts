import assert from 'node:assert/strict';
import { createServer } from 'node:net';

import {
  ALL_SCOPES,
  type DynatraceSimulator,
  MAX_BODY_BYTES,
  SAMPLE_APP_ENTITY_IDS,
  sampleAppScenario,
  startDynatraceSimulator,
} from '../../../sim/dynatrace';
import { NOW, apiClient } from './support/api-client';

describe('startDynatraceSimulator', () => {
  let clock = NOW;
  let simulator: DynatraceSimulator;

  beforeEach(async () => {
    clock = NOW;
    simulator = await startDynatraceSimulator({
      now: () => clock,
      scenario: sampleAppScenario({ now: NOW }),
      tokens: {
        'dt0c01.METRICSONLY': ['metrics.read'],
        'dt0c01.ALLSCOPES': ALL_SCOPES,
      },
      rateLimitPerMinute: 3,
    });
  });

  afterEach(async () => {
    await simulator.close();
  });

  it('listens on an ephemeral loopback port and offers a token with every scope', () => {
    assert.match(simulator.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(simulator.token, 'dt0c01.ALLSCOPES');
  });

  it('generates a classic access token when none is given', async () => {
    const plain = await startDynatraceSimulator({ now: () => NOW });
    try {
      assert.match(plain.token, /^dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64}$/);
      assert.equal((await apiClient(plain).get('/api/v2/entities/HOST-2B3C4D5E6F708192')).status, 200);
    } finally {
      await plain.close();
    }
  });

  it('adds a generated all-scope token when the given tokens lack scopes', async () => {
    const limited = await startDynatraceSimulator({ now: () => NOW, tokens: { narrow: ['events.read'] } });
    try {
      assert.notEqual(limited.token, 'narrow');
      assert.equal(
        (await apiClient(limited).get('/api/v2/metrics/builtin:service.response.time')).status,
        200,
      );
      assert.equal(
        (await apiClient(limited, 'narrow').get('/api/v2/metrics/builtin:service.response.time')).status,
        403,
      );
    } finally {
      await limited.close();
    }
  });

  describe('authentication', () => {
    it('answers 401 with Dynatrace’s envelope for a missing token', async () => {
      const answer = await apiClient(simulator, null).get('/api/v2/problems');
      assert.equal(answer.status, 401);
      assert.deepEqual(answer.body, { error: { code: 401, message: 'Token Authentication failed' } });
    });

    it('answers 401 for an unknown token and for another scheme', async () => {
      assert.equal((await apiClient(simulator, 'dt0c01.UNKNOWN').get('/api/v2/problems')).status, 401);
      const bearer = await apiClient(simulator, null).request('GET', '/api/v2/problems', {
        headers: { Authorization: `Bearer ${simulator.token}` },
      });
      assert.equal(bearer.status, 401);
    });

    it('accepts the token in the api-token query parameter and the scheme in any case', async () => {
      const query = await apiClient(simulator, null).get('/api/v2/problems', {
        'api-token': simulator.token,
      });
      assert.equal(query.status, 200);
      const lower = await apiClient(simulator, null).request('GET', '/api/v2/problems', {
        headers: { Authorization: `api-token ${simulator.token}` },
      });
      assert.equal(lower.status, 200);
    });

    for (const [method, path, scope, displayName] of [
      ['GET', '/api/v2/problems', 'problems.read', 'Read problems'],
      ['POST', '/api/v2/events/ingest', 'events.ingest', 'Ingest events'],
      ['GET', '/api/v2/events', 'events.read', 'Read events'],
      ['GET', '/api/v2/entities', 'entities.read', 'Read entities'],
      ['POST', '/api/v2/problems/x/comments', 'problems.write', 'Write problems'],
      ['GET', '/api/v1/events', 'DataExport', 'Access problem and event feed, metrics, and topology'],
      [
        'GET',
        '/api/v1/timeseries/com.dynatrace.builtin:service.responsetime',
        'DataExport',
        'Access problem and event feed, metrics, and topology',
      ],
    ] as const) {
      it(`answers 403 naming ${scope} for ${method} ${path} with a token lacking it`, async () => {
        const answer = await apiClient(simulator, 'dt0c01.METRICSONLY').request(
          method,
          path,
          method === 'POST' ? { body: {} } : {},
        );
        assert.equal(answer.status, 403);
        assert.deepEqual(answer.body, {
          error: {
            code: 403,
            message: `Token is missing required scope. Use one of: ${scope} (${displayName})`,
          },
        });
      });
    }

    it('lets a token with the scope through', async () => {
      const answer = await apiClient(simulator, 'dt0c01.METRICSONLY').get(
        '/api/v2/metrics/builtin:service.response.time',
      );
      assert.equal(answer.status, 200);
    });
  });

  describe('errors', () => {
    it('answers 404 with the envelope for an unknown route', async () => {
      const answer = await apiClient(simulator).get('/api/v2/settings/objects');
      assert.equal(answer.status, 404);
      assert.deepEqual(answer.body, {
        error: { code: 404, message: 'No API endpoint GET /api/v2/settings/objects.' },
      });
    });

    it('answers 405 with Allow for a known path and another method', async () => {
      const answer = await apiClient(simulator).request('DELETE', '/api/v2/events');
      assert.equal(answer.status, 405);
      assert.equal(answer.headers.get('allow'), 'GET');
      assert.equal(answer.body.error.code, 405);
    });

    it('answers 400 for a body that is not JSON', async () => {
      const answer = await apiClient(simulator).post('/api/v2/events/ingest', '{"eventType":');
      assert.equal(answer.status, 400);
      assert.match(answer.body.error.message, /^Invalid JSON body: /);
    });

    it(`answers 413 for a body over ${MAX_BODY_BYTES} bytes`, async () => {
      const answer = await apiClient(simulator).post('/api/v2/events/ingest', {
        title: 'x'.repeat(MAX_BODY_BYTES),
      });
      assert.equal(answer.status, 413);
      assert.match(
        answer.body.error.message,
        /Payload too large: the body has \d+ bytes, at most 1048576 are accepted\./,
      );
    });
  });

  describe('rate limiting', () => {
    it('reports the budget on every response, also on errors', async () => {
      const first = await apiClient(simulator).get('/api/v2/problems');
      assert.equal(first.headers.get('x-ratelimit-limit'), '3');
      assert.equal(first.headers.get('x-ratelimit-remaining'), '2');
      assert.equal(first.headers.get('x-ratelimit-reset'), String((NOW + 60_000) * 1000));
      const unauthorized = await apiClient(simulator, null).get('/api/v2/problems');
      assert.equal(unauthorized.headers.get('x-ratelimit-remaining'), '1');
    });

    it('answers 429 with the envelope once an endpoint’s budget is spent, until the minute is over', async () => {
      const client = apiClient(simulator);
      for (let index = 0; index < 3; index += 1)
        assert.equal((await client.get('/api/v2/problems')).status, 200);
      const limited = await client.get('/api/v2/problems');
      assert.equal(limited.status, 429);
      assert.deepEqual(limited.body, {
        error: { code: 429, message: 'Too many requests.', constraintViolations: null },
      });
      assert.equal(limited.headers.get('x-ratelimit-remaining'), '0');
      assert.equal(
        (await client.get('/api/v2/entities', { entitySelector: 'type(HOST)' })).status,
        200,
        'other endpoints keep their budget',
      );
      clock = NOW + 60_000;
      const reset = await client.get('/api/v2/problems');
      assert.equal(reset.status, 200);
      assert.equal(reset.headers.get('x-ratelimit-reset'), String((NOW + 120_000) * 1000));
    });
  });

  describe('request log', () => {
    it('records method, path, repeated query parameters, headers, JSON body, status and arrival time', async () => {
      clock = NOW + 1234;
      await apiClient(simulator).request(
        'GET',
        '/api/v1/timeseries/com.dynatrace.builtin:service.responsetime',
        {
          query: { entity: ['SERVICE-A', 'SERVICE-B'], includeData: 'false' },
        },
      );
      await apiClient(simulator).post('/api/v2/events/ingest', { eventType: 'CUSTOM_INFO', title: 't' });
      const [timeseries, ingest] = simulator.requests;
      assert.equal(timeseries?.method, 'GET');
      assert.equal(timeseries?.path, '/api/v1/timeseries/com.dynatrace.builtin:service.responsetime');
      assert.deepEqual(timeseries?.query, { entity: ['SERVICE-A', 'SERVICE-B'], includeData: 'false' });
      assert.equal(timeseries?.headers.authorization, `Api-Token ${simulator.token}`);
      assert.equal(timeseries?.status, 200);
      assert.equal(timeseries?.receivedAt, NOW + 1234);
      assert.deepEqual(ingest?.body, { eventType: 'CUSTOM_INFO', title: 't' });
      assert.equal(ingest?.status, 201);
    });

    it('keeps a body that is not JSON as text', async () => {
      await apiClient(simulator).post('/api/v2/events/ingest', 'not json');
      assert.equal(simulator.requests[0]?.body, 'not json');
      assert.equal(simulator.requests[0]?.status, 400);
    });
  });

  it('closes idempotently', async () => {
    const extra = await startDynatraceSimulator({ now: () => NOW });
    await Promise.all([extra.close(), extra.close()]);
    await assert.rejects(fetch(`${extra.url}/api/v2/problems`));
  });

  it('says where it could not listen', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      await assert.rejects(
        startDynatraceSimulator({ port }),
        new RegExp(`could not listen on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE`),
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  describe('problem detection and notifications', () => {
    it('runs problem detection on a timer with the simulator clock when asked to', async () => {
      let now = NOW;
      const timed = await startDynatraceSimulator({
        now: () => now,
        scenario: sampleAppScenario({ now: NOW }),
        problemDetection: { intervalMs: 5, failureRatePercent: 20 },
      });
      try {
        assert.equal(timed.state.problemDetector.settings.failureRatePercent, 20);
        timed.state.deploy('Staging', 2, now);
        now += 4 * 60_000;
        // Bounded wait for the timer's next run; no assertion on when it happens.
        for (let attempt = 0; attempt < 400 && timed.state.problems.list().length === 0; attempt += 1) {
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        assert.deepEqual(
          timed.state.problems.list().map((problem) => [problem.title, problem.affectedEntityIds]),
          [['Failure rate increase', [SAMPLE_APP_ENTITY_IDS.staging.service]]],
        );
      } finally {
        await timed.close();
      }
    });

    it('does not detect problems by itself without an interval', async () => {
      simulator.state.deploy('Staging', 2, clock);
      clock += 10 * 60_000;
      await apiClient(simulator).get('/api/v2/problems');
      assert.deepEqual(simulator.state.problems.list(), []);
    });

    it('refuses an interval that is not a positive number', async () => {
      await assert.rejects(
        startDynatraceSimulator({ problemDetection: { intervalMs: 0 } }),
        /problemDetection\.intervalMs: expected a positive number of milliseconds, found 0/,
      );
    });

    it('takes its notification targets from the options, validated', async () => {
      const target = { url: 'http://127.0.0.1:9/hook', payload: '{"PID":"{PID}"}' };
      const configured = await startDynatraceSimulator({ now: () => NOW, notifications: [target] });
      try {
        assert.deepEqual(configured.notifications.targets, [target]);
      } finally {
        await configured.close();
      }
      await assert.rejects(
        startDynatraceSimulator({ notifications: [{ url: 'nope', payload: '{}' }] }),
        /notifications\[0\]\.url: expected an absolute http\(s\) URL/,
      );
    });
  });
});
