import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { HttpRequest, InvocationContext } from '@azure/functions';

import { MAX_REQUEST_BYTES } from '../../gate-function/src/read-gate-request';
import { MAX_NESTING_DEPTH } from '../../lib/remediation';
import { classicReleaseScenario } from '../../sim/azure-devops';
import { type DynatraceSimulator, sampleAppScenario, startDynatraceSimulator } from '../../sim/dynatrace';
import { MAX_BODY_BYTES } from '../../selfheal-function/src/read-limited-body';
import { SHARED_SECRET_HEADER } from '../../selfheal-function/src/verify-shared-secret';
import {
  classicDeployment,
  EAST,
  NOW,
  SHARED_SECRET,
  startSelfHealFixture,
  type SelfHealFixture,
} from '../selfheal-function/selfheal-fixture';
import { startAzurite, type AzuriteTables } from '../support/azurite';
import { createFakeClock } from '../support/fake-clock';
import { callGate, createGateUnderTest } from './support/gate-harness';

const SEED_MONSPEC = readFileSync(
  path.join(__dirname, '../fixtures/monspec/seed-002-sample-app.jsonc'),
  'utf8',
);
const SERVICE = 'SampleJSonService';
const REQUEST = { monspec: SEED_MONSPEC, service: SERVICE, comparison: 'StagingToProduction' };
const START = Date.UTC(2026, 0, 15, 12, 0, 0);

/** JSON text of arrays nested `depth` levels deep: `[[[…]]]`. */
function nestedArrays(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/** JSON text of objects nested `depth` levels deep: `{"a":{"a":…1}}`. */
function nestedObjects(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

describe('resilience: oversized and deeply nested payloads', () => {
  describe('the gate', () => {
    let sim: DynatraceSimulator;
    const gate = () =>
      createGateUnderTest({
        dynatraceUrl: sim.url,
        dynatraceToken: sim.token,
        clock: createFakeClock(START),
      });

    before(async () => {
      sim = await startDynatraceSimulator({ scenario: sampleAppScenario({ now: START }), now: () => START });
    });
    after(async () => {
      await sim.close();
    });

    const oversized = `{"service":"${SERVICE}","comparison":"StagingToProduction","monspec":${JSON.stringify(
      SEED_MONSPEC + ' '.repeat(MAX_REQUEST_BYTES),
    )}}`;

    it('answers 413 to a JSON body over the limit that says so in Content-Length, without calling Dynatrace', async () => {
      const before = sim.requests.length;
      const call = await callGate(gate(), oversized, {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(oversized)),
      });
      assert.equal(call.status, 413);
      assert.match(call.body.error.message, new RegExp(`at most ${MAX_REQUEST_BYTES} are accepted`));
      assert.equal(sim.requests.length, before);
    });

    it('answers 413 to a JSON body over the limit sent without Content-Length', async () => {
      const before = sim.requests.length;
      const call = await callGate(gate(), oversized);
      assert.equal(call.status, 413);
      assert.equal(sim.requests.length, before);
    });

    it('answers 413 to a multipart form over the limit', async () => {
      const boundary = 'resilience-boundary-7c1d';
      const part = (name: string, value: string): string =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
      const form =
        part('monspec', SEED_MONSPEC + ' '.repeat(MAX_REQUEST_BYTES)) +
        part('service', SERVICE) +
        part('comparison', 'StagingToProduction') +
        `--${boundary}--\r\n`;
      const call = await callGate(gate(), form, {
        'content-type': `multipart/form-data; boundary=${boundary}`,
      });
      assert.equal(call.status, 413);
    });

    // Regression: a context nested 10 000+ levels deep used to reach Dynatrace and then overflow the stack
    // while the answer echoed it (500 instead of 400).
    it('answers 400 naming the depth, before calling Dynatrace, when the context nests too deep', async () => {
      for (const nested of [nestedArrays(100_000), nestedObjects(100_000)]) {
        const before = sim.requests.length;
        const body = `{"monspec":${JSON.stringify(SEED_MONSPEC)},"service":"${SERVICE}","comparison":"StagingToProduction","context":{"deep":${nested}}}`;
        const call = await callGate(gate(), body);
        assert.equal(call.status, 400, JSON.stringify(call.body));
        assert.match(call.body.error.message, /nest/);
        assert.equal(sim.requests.length, before);
      }
    });

    // Regression: the gate had no depth limit, so a body nested 100 000 levels deep (here inside an
    // ignored monspec key) was evaluated instead of refused like the self-healing function refuses one.
    it('answers 400 to a JSON body nested deeper than 64 levels anywhere', async () => {
      const monspec = JSON.stringify({
        [SERVICE]: {
          environments: {
            Staging: { tags: [{ key: 'DeploymentGroup', value: 'Staging' }] },
            Production: { tags: [{ key: 'DeploymentGroup', value: 'Production' }] },
          },
          comparisons: [{ name: 'StagingToProduction', source: 'Staging', compare: 'Production' }],
          perfsignature: [{ timeseries: 'com.dynatrace.builtin:service.responsetime' }],
        },
      });
      const before = sim.requests.length;
      const body = `{"monspec":${monspec.slice(0, -1)},"_comment":${nestedArrays(100_000)}},"service":"${SERVICE}","comparison":"StagingToProduction"}`;
      const call = await callGate(gate(), body);
      assert.equal(call.status, 400, JSON.stringify(call.body));
      assert.equal(sim.requests.length, before);
    });

    it('answers a request nested a few levels deep, context included, as usual', async () => {
      const call = await callGate(gate(), {
        ...REQUEST,
        context: { release: { stage: { attempt: [1, [2]] } } },
      });
      assert.equal(call.status, 200, JSON.stringify(call.body));
      assert.deepEqual(call.body.context.request, { release: { stage: { attempt: [1, [2]] } } });
    });
  });

  describe('the self-healing function', () => {
    let azurite: AzuriteTables;
    let fixture: SelfHealFixture;
    let payload: Record<string, unknown>;

    before(async () => {
      azurite = await startAzurite();
      fixture = await startSelfHealFixture({
        azurite,
        scenario: classicReleaseScenario({
          now: NOW,
          releases: [
            { id: 4, productionStatus: 'succeeded' },
            { id: 5, productionStatus: 'succeeded' },
          ],
        }),
      });
      fixture.addDeploymentEvent(EAST, classicDeployment(fixture.ado, 5), NOW - 30 * 60_000);
      payload = fixture.payloadOf(fixture.openProblem([EAST]));
    });
    after(async () => {
      await fixture.close();
      await azurite.close();
    });
    afterEach(async () => {
      // Whatever was sent, nothing may have been claimed, read or changed for the actionable problem.
      assert.equal(await fixture.deps.store.readProblem(String(payload.PID)), undefined);
      assert.deepEqual(fixture.dt.requests, []);
      assert.deepEqual(fixture.ado.requests, []);
    });

    /** The actionable notification, padded with `extra` fields. */
    const padded = (extra: string): string => `${JSON.stringify(payload).slice(0, -1)},${extra}}`;

    it('answers 413 to a body over 1 MB that says so in Content-Length, before reading it', async () => {
      const body = padded(`"pad":"${'x'.repeat(MAX_BODY_BYTES)}"`);
      const response = await fixture.handler(
        new HttpRequest({
          method: 'POST',
          url: 'http://127.0.0.1/api/selfheal',
          headers: {
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(body)),
            [SHARED_SECRET_HEADER]: SHARED_SECRET,
          },
          body: { string: body },
        }),
        new InvocationContext({
          invocationId: 'oversized',
          functionName: 'selfheal',
          logHandler: () => undefined,
        }),
      );
      assert.equal(response.status, 413);
      assert.equal((response.jsonBody as { status: string }).status, 'payload-too-large');
    });

    it('answers 413 to a body over 1 MB streamed without Content-Length', async () => {
      const answer = await fixture.notify(padded(`"pad":"${'x'.repeat(MAX_BODY_BYTES)}"`));
      assert.equal(answer.status, 413);
    });

    for (const [what, nested] of [
      ['arrays', nestedArrays(300_000)],
      ['objects', nestedObjects(100_000)],
    ] as const) {
      it(`answers 400 naming the position when the body nests ${what} far too deep`, async () => {
        const answer = await fixture.notify(padded(`"extra":${nested}`));
        assert.equal(answer.status, 400);
        assert.equal(answer.body.status, 'invalid-payload');
        assert.match(
          answer.body.error.message,
          new RegExp(
            `^body nests objects and arrays more than ${MAX_NESTING_DEPTH} levels deep at line 1 column \\d+`,
          ),
        );
      });
    }

    it(`answers 400 to entities nested one level more than ${MAX_NESTING_DEPTH}`, async () => {
      // The body itself is level 1 and ImpactedEntities level 2.
      const answer = await fixture.notify(padded(`"ImpactedEntities":${nestedArrays(MAX_NESTING_DEPTH)}`));
      assert.equal(answer.status, 400);
    });

    it(`still reads a notification nested exactly ${MAX_NESTING_DEPTH} levels deep`, async () => {
      const resolved = { ...payload, State: 'RESOLVED' };
      const body = `${JSON.stringify(resolved).slice(0, -1)},"extra":${nestedArrays(MAX_NESTING_DEPTH - 1)}}`;
      const answer = await fixture.notify(body);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.status, 'ignored');
    });
  });
});
