import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import fc from 'fast-check';

import {
  type DynatraceSimulator,
  type FaultRule,
  type RecordedRequest,
  sampleAppScenario,
  startDynatraceSimulator,
} from '../../sim/dynatrace';
import { createFakeClock, type FakeClock } from '../support/fake-clock';
import { PROPERTY_SEED } from '../lib/monspec/monspec-test-kit';
import { findClosedPort } from './support/closed-port';
import { startFixedAnswerServer } from './support/fixed-answer-server';
import { callGate, createGateUnderTest, type GateCall, verdictOf } from './support/gate-harness';

const SEED_MONSPEC = readFileSync(
  path.join(__dirname, '../fixtures/monspec/seed-002-sample-app.jsonc'),
  'utf8',
);
const REQUEST = { monspec: SEED_MONSPEC, service: 'SampleJSonService', comparison: 'StagingToProduction' };
/** The simulators' and the gate's "now" at the start of every test. */
const START = Date.UTC(2026, 0, 15, 12, 0, 0);
const MINUTE = 60_000;
const METRICS_ROUTES: Readonly<Record<'v1' | 'v2', RegExp>> = {
  v2: /^\/api\/v2\/metrics\/query$/,
  v1: /^\/api\/v1\/timeseries\//,
};
const APIS = ['v2', 'v1'] as const;

/**
 * Asserts that no query was sent again before the reset time its 429 announced. A query is identified by
 * path and query string; the simulator clock is the fake clock, so arrival times are exact.
 */
function assertRetriesWaitedForReset(requests: readonly RecordedRequest[], resetMs: number): void {
  const throttledAt = new Map<string, number>();
  for (const request of requests) {
    const query = JSON.stringify([request.path, request.query]);
    const previous = throttledAt.get(query);
    if (previous !== undefined) {
      assert.ok(
        request.receivedAt >= previous + resetMs,
        `${request.path} was retried ${request.receivedAt - previous} ms after its 429, before the reset`,
      );
    }
    if (request.status === 429) throttledAt.set(query, request.receivedAt);
    else throttledAt.delete(query);
  }
}

describe('resilience: the gate while Dynatrace misbehaves', () => {
  /** Replaced per test (and per property run), so every evaluation starts at START. */
  let clock: FakeClock = createFakeClock(START);
  let healthy: DynatraceSimulator;
  let badStaging: DynatraceSimulator;
  /** The fault-free verdicts, per simulator and API: what any answer under faults must match or refuse. */
  const truth = new Map<string, unknown>();

  const gate = (sim: DynatraceSimulator, api: 'v1' | 'v2', deadlineSeconds?: number) =>
    createGateUnderTest({
      dynatraceUrl: sim.url,
      dynatraceToken: sim.token,
      api,
      clock,
      ...(deadlineSeconds === undefined ? {} : { deadlineSeconds }),
    });
  const requestsTo = (sim: DynatraceSimulator, api: 'v1' | 'v2') =>
    sim.requests.filter((request) => METRICS_ROUTES[api].test(request.path));
  const assertRefused = (call: GateCall, status: 502 | 504, cause: RegExp, token: string): void => {
    assert.equal(call.status, status, JSON.stringify(call.body));
    assert.equal(call.body.status, 'error', 'an error answer, never a verdict');
    assert.match(call.body.error.message, cause);
    assert.ok(!call.everything.includes(token), 'the Dynatrace token leaked into the answer or the log');
  };

  before(async () => {
    const now = (): number => clock.now();
    healthy = await startDynatraceSimulator({ scenario: sampleAppScenario({ now: START }), now });
    badStaging = await startDynatraceSimulator({
      scenario: sampleAppScenario({
        now: START,
        deployments: [{ environment: 'Staging', build: 2, at: START - 30 * MINUTE }],
      }),
      now,
    });
    for (const [name, sim] of [
      ['healthy', healthy],
      ['badStaging', badStaging],
    ] as const) {
      for (const api of APIS) {
        clock = createFakeClock(START);
        const call = await callGate(gate(sim, api), REQUEST);
        assert.equal(call.status, 200, JSON.stringify(call.body));
        truth.set(`${name}/${api}`, verdictOf(call.body));
      }
    }
    assert.equal((truth.get('healthy/v2') as { status: string }).status, 'pass');
    assert.equal((truth.get('badStaging/v2') as { status: string }).status, 'fail');
  });
  beforeEach(() => {
    clock = createFakeClock(START);
  });
  afterEach(() => {
    healthy.faults.clear();
    badStaging.faults.clear();
  });
  after(async () => {
    await Promise.all([healthy.close(), badStaging.close()]);
  });

  for (const api of APIS) {
    describe(`429 storms (${api === 'v2' ? 'Metrics API v2' : 'Timeseries API v1'})`, () => {
      it('gives the fault-free verdict after three 429s whose X-RateLimit-Reset waits fit the deadline', async () => {
        const before = requestsTo(badStaging, api).length;
        badStaging.faults.add({ path: METRICS_ROUTES[api], kind: 'rateLimit', resetInMs: 4_000, times: 3 });

        const call = await callGate(gate(badStaging, api), REQUEST);

        assert.equal(call.status, 200, JSON.stringify(call.body));
        assert.deepEqual(verdictOf(call.body), truth.get(`badStaging/${api}`));
        const answered = requestsTo(badStaging, api).slice(before);
        assert.equal(answered.filter((request) => request.status === 429).length, 3);
        assertRetriesWaitedForReset(answered, 4_000);
      });

      it('answers 502, not a verdict, when a 429 asks for a wait past the deadline', async () => {
        healthy.faults.add({ path: METRICS_ROUTES[api], kind: 'rateLimit', resetInMs: 20_000 });

        const call = await callGate(gate(healthy, api, 15), REQUEST);

        assertRefused(call, 502, /rate limited \(429\) until .*past the request's deadline/, healthy.token);
        assert.deepEqual(clock.sleeps, [], 'a wait that cannot fit is not started');
      });

      it('answers 502 after a bounded number of attempts when every answer is a 429, however short the wait', async () => {
        const before = requestsTo(healthy, api).length;
        healthy.faults.add({ path: METRICS_ROUTES[api], kind: 'rateLimit', resetInMs: 200 });

        const call = await callGate(gate(healthy, api), REQUEST);

        assertRefused(call, 502, /was still rate limited \(429 until .*\) after 4 attempts/, healthy.token);
        const queries = api === 'v2' ? 2 : 8;
        assert.ok(requestsTo(healthy, api).length - before <= queries * 4, 'at most 4 attempts per query');
      });
    });
  }

  it("answers 502 when Dynatrace's per-minute budget is spent and resets only a minute later", async () => {
    const throttled = await startDynatraceSimulator({
      scenario: sampleAppScenario({ now: START }),
      now: () => clock.now(),
      rateLimitPerMinute: 1,
    });
    try {
      const call = await callGate(gate(throttled, 'v2', 15), REQUEST);

      assertRefused(
        call,
        502,
        /rate limited \(429\) until 2026-01-15T12:01:00\.000Z, waiting 60 s would exceed/,
        throttled.token,
      );
      assert.deepEqual(
        requestsTo(throttled, 'v2').map((request) => request.status),
        [200, 429],
        'the budget of one request per minute let exactly one window through',
      );
    } finally {
      await throttled.close();
    }
  });

  for (const api of APIS) {
    describe(`slow answers (${api})`, () => {
      it('gives the fault-free verdict when every answer takes 150 ms, well within the deadline', async () => {
        badStaging.faults.add({ path: METRICS_ROUTES[api], kind: 'latency', ms: 150 });

        const call = await callGate(gate(badStaging, api, 10), REQUEST);

        assert.equal(call.status, 200, JSON.stringify(call.body));
        assert.deepEqual(verdictOf(call.body), truth.get(`badStaging/${api}`));
      });

      it('answers 504 naming the deadline when the answers take longer than the deadline', async () => {
        // Longer than the deadline, short enough to be over before the next test starts.
        healthy.faults.add({ path: METRICS_ROUTES[api], kind: 'latency', ms: 1_500 });

        const call = await callGate(gate(healthy, api, 1), REQUEST);

        assertRefused(
          call,
          504,
          /could not answer within its 1 s deadline \(GATE_DEADLINE_SECONDS\)/,
          healthy.token,
        );
      });

      it('answers 504 when Dynatrace accepts the request and never answers', async () => {
        healthy.faults.add({ path: METRICS_ROUTES[api], kind: 'hang' });

        const call = await callGate(gate(healthy, api, 1), REQUEST);

        assertRefused(call, 504, /could not answer within its 1 s deadline/, healthy.token);
      });
    });
  }

  describe('Dynatrace down', () => {
    for (const api of APIS) {
      for (const status of [500, 502, 503, 504]) {
        it(`answers 502 naming the ${status} once the retries are used up (${api})`, async () => {
          const before = requestsTo(healthy, api).length;
          healthy.faults.add({
            path: METRICS_ROUTES[api],
            kind: 'status',
            status,
            message: 'Cluster unavailable',
          });

          const call = await callGate(gate(healthy, api), REQUEST);

          assertRefused(
            call,
            502,
            new RegExp(
              `^Dynatrace failed: Dynatrace GET /api/v[12]/\\S+ failed with ${status}: Cluster unavailable \\(4 attempts\\)`,
            ),
            healthy.token,
          );
          const queries = api === 'v2' ? 2 : 8;
          assert.ok(requestsTo(healthy, api).length - before <= queries * 4, 'retries are bounded');
        });
      }
    }

    it('answers 502 naming the refused connection when nothing listens at DT_URL', async () => {
      const port = await findClosedPort();
      const call = await callGate(
        createGateUnderTest({
          dynatraceUrl: `http://127.0.0.1:${port}`,
          dynatraceToken: healthy.token,
          clock,
        }),
        REQUEST,
      );

      assertRefused(call, 502, /the connection was refused \(ECONNREFUSED\).*\(4 attempts\)/, healthy.token);
    });

    it('answers 502 naming the reset when Dynatrace drops every connection', async () => {
      healthy.faults.add({ path: METRICS_ROUTES.v2, kind: 'reset' });

      const call = await callGate(gate(healthy, 'v2'), REQUEST);

      assertRefused(call, 502, /the connection was reset \(ECONNRESET\)/, healthy.token);
    });

    it('answers 502 when something answers 200 with an HTML page instead of Dynatrace', async () => {
      const portal = await startFixedAnswerServer({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: '<html><body>Please sign in</body></html>',
      });
      try {
        const call = await callGate(
          createGateUnderTest({ dynatraceUrl: portal.url, dynatraceToken: healthy.token, clock }),
          REQUEST,
        );

        assertRefused(call, 502, /answered 200 with text\/html where JSON was expected/, healthy.token);
      } finally {
        await portal.close();
      }
    });

    it("answers 502 with Dynatrace's message, never the token, when the token is refused", async () => {
      const wrongToken = `${healthy.token.slice(0, -4)}beef`;
      const call = await callGate(
        createGateUnderTest({ dynatraceUrl: healthy.url, dynatraceToken: wrongToken, clock }),
        REQUEST,
      );

      assertRefused(call, 502, /failed with 401: Token Authentication failed/, wrongToken);
    });
  });

  describe('any schedule of faults', () => {
    const faultArbitrary: fc.Arbitrary<(api: 'v1' | 'v2') => FaultRule> = fc
      .record({
        kind: fc.constantFrom('status', 'rateLimit', 'reset', 'latency'),
        status: fc.constantFrom(400, 401, 403, 404, 429, 500, 502, 503, 504),
        resetInMs: fc.integer({ min: 0, max: 30_000 }),
        latencyMs: fc.integer({ min: 0, max: 5 }),
        times: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
      })
      .map((fault) => (api: 'v1' | 'v2'): FaultRule => {
        const target = {
          path: METRICS_ROUTES[api],
          ...(fault.times === undefined ? {} : { times: fault.times }),
        };
        switch (fault.kind) {
          case 'status':
            return { ...target, kind: 'status', status: fault.status };
          case 'rateLimit':
            return { ...target, kind: 'rateLimit', resetInMs: fault.resetInMs };
          case 'reset':
            return { ...target, kind: 'reset' };
          case 'latency':
            return { ...target, kind: 'latency', ms: fault.latencyMs };
        }
      });

    it('gives the fault-free verdict or answers 502/504 — never another verdict, never a 500', async () => {
      const seen = new Set<number>();
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('healthy', 'badStaging'),
          fc.constantFrom(...APIS),
          fc.array(faultArbitrary, { maxLength: 4 }),
          async (name, api, faults) => {
            const sim = name === 'healthy' ? healthy : badStaging;
            clock = createFakeClock(START);
            sim.faults.clear();
            for (const fault of faults) sim.faults.add(fault(api));

            const call = await callGate(gate(sim, api), REQUEST);

            sim.faults.clear();
            seen.add(call.status);
            assert.ok(!call.everything.includes(sim.token), 'the token leaked');
            if (call.status === 200) {
              assert.deepEqual(verdictOf(call.body), truth.get(`${name}/${api}`));
            } else {
              assert.ok(call.status === 502 || call.status === 504, `answered ${call.status}`);
              assert.equal(call.body.status, 'error');
            }
          },
        ),
        { seed: PROPERTY_SEED, numRuns: 80 },
      );
      assert.ok(seen.has(200) && seen.has(502), `the schedules exercised only ${[...seen].join(', ')}`);
    });
  });
});
