import assert from 'node:assert/strict';

import {
  type DynatraceSimulator,
  SAMPLE_APP_ENTITY_IDS,
  sampleAppScenario,
  startDynatraceSimulator,
} from '../../../sim/dynatrace';
import { jsonReply, startStubServer, type StubServer } from '../../support/stub-server';
import { MINUTE, NOW, type JsonAnswer, apiClient } from './support/api-client';

/** The envelope's message and violation messages as one line. */
function errorText(answer: JsonAnswer): string {
  const error = answer.body.error as { message: string; constraintViolations?: { message: string }[] };
  return [error.message, ...(error.constraintViolations ?? []).map((violation) => violation.message)].join(
    ' | ',
  );
}

describe('control API (/_sim/)', () => {
  let simulator: DynatraceSimulator;

  beforeEach(async () => {
    simulator = await startDynatraceSimulator({
      scenario: sampleAppScenario({ now: NOW }),
      now: () => NOW,
      controlApi: true,
    });
  });

  afterEach(async () => {
    await simulator.close();
  });

  const control = (method: string, path: string, body?: unknown): Promise<JsonAnswer> =>
    apiClient(simulator, null).request(method, path, body === undefined ? {} : { body });

  it('lists the recorded API requests with tokens redacted, and clears them', async () => {
    await apiClient(simulator).get('/api/v2/problems');
    await apiClient(simulator, null).get('/api/v2/events', { 'api-token': simulator.token });
    const answer = await control('GET', '/_sim/requests');
    assert.equal(answer.status, 200);
    assert.equal(answer.body.length, 2, 'control calls are not recorded');
    assert.equal(answer.body[0].headers.authorization, 'Api-Token ***');
    assert.equal(answer.body[1].query['api-token'], '***');
    assert.ok(!JSON.stringify(answer.body).includes(simulator.token));
    assert.equal(
      simulator.requests[0]?.headers.authorization,
      `Api-Token ${simulator.token}`,
      'in-process log keeps the header',
    );
    assert.equal((await control('DELETE', '/_sim/requests')).status, 204);
    assert.deepEqual((await control('GET', '/_sim/requests')).body, []);
  });

  it('adds, lists and clears fault rules', async () => {
    const added = await control('POST', '/_sim/faults', {
      path: '/api/v2/problems',
      kind: 'status',
      status: 503,
      times: 1,
    });
    assert.equal(added.status, 201);
    await control('POST', '/_sim/faults', {
      pathPattern: '^/api/v2/events',
      kind: 'rateLimit',
      resetInMs: 1000,
    });
    const listed = await control('GET', '/_sim/faults');
    assert.deepEqual(listed.body, [
      { path: '/api/v2/problems', kind: 'status', status: 503, times: 1 },
      { kind: 'rateLimit', resetInMs: 1000, pathPattern: '^/api/v2/events' },
    ]);
    assert.equal((await apiClient(simulator).get('/api/v2/problems')).status, 503);
    assert.equal((await apiClient(simulator).get('/api/v2/events')).status, 429);
    assert.equal((await control('DELETE', '/_sim/faults')).status, 204);
    assert.equal((await apiClient(simulator).get('/api/v2/events')).status, 200);
  });

  for (const [body, message] of [
    [{ path: '/x', kind: 'explode' }, /kind must be one of/],
    [{ kind: 'hang' }, /must be a string \(or give pathPattern\)/],
    [{ pathPattern: '(', kind: 'hang' }, /is not a valid regular expression/],
    [[], /must be a JSON object/],
  ] as const) {
    it(`rejects the fault ${JSON.stringify(body)} with 400`, async () => {
      const answer = await control('POST', '/_sim/faults', body);
      assert.equal(answer.status, 400);
      assert.match(errorText(answer), message);
    });
  }

  it('deploys a build to an environment from a given time', async () => {
    const answer = await control('POST', '/_sim/deployments', {
      environment: 'Staging',
      build: 2,
      at: 'now-10m',
    });
    assert.equal(answer.status, 201);
    assert.deepEqual(answer.body, {
      environment: 'Staging',
      build: '2',
      at: NOW - 10 * MINUTE,
      entityIds: [SAMPLE_APP_ENTITY_IDS.staging.service],
    });
    const rate = await apiClient(simulator).get('/api/v2/metrics/query', {
      metricSelector: 'builtin:service.errors.total.rate:splitBy()',
      resolution: 'Inf',
      from: 'now-6m',
      to: 'now-1m',
      entitySelector: 'type(SERVICE),tag("DeploymentGroup:Staging")',
    });
    assert.ok(rate.body.result[0].data[0].values[0] > 45);
    const numeric = await control('POST', '/_sim/deployments', {
      environment: 'Production',
      build: '4',
      at: NOW,
    });
    assert.equal(numeric.body.at, NOW);
    assert.equal(
      (await control('POST', '/_sim/deployments', { environment: 'Production', build: 3 })).body.at,
      NOW,
    );
  });

  for (const [body, message] of [
    [
      { environment: 'QA', build: 1 },
      /cannot deploy build "1" to "QA": known environments: Staging, Production/,
    ],
    [{ environment: 'Staging', build: 9 }, /known builds in Staging: 1, 2, 3, 4/],
    [{ environment: 'Staging' }, /must be a build name or number/],
    [{ build: 1 }, /must be a string such as "Staging"/],
    [{ environment: 'Staging', build: 1, at: 'soon' }, /expected epoch milliseconds/],
    [{ environment: 'Staging', build: 1, at: true }, /must be epoch ms or a time such as now-10m/],
  ] as const) {
    it(`rejects the deployment ${JSON.stringify(body)} with 400`, async () => {
      const answer = await control('POST', '/_sim/deployments', body);
      assert.equal(answer.status, 400);
      assert.match(errorText(answer), message);
    });
  }

  it('opens and closes problems', async () => {
    const opened = await control('POST', '/_sim/problems', {
      title: 'Failure rate increase',
      entityIds: [SAMPLE_APP_ENTITY_IDS.productionEast.service],
      severityLevel: 'ERROR',
      rootCauseEntityId: SAMPLE_APP_ENTITY_IDS.productionEast.service,
      startTime: NOW - MINUTE,
    });
    assert.equal(opened.status, 201);
    assert.equal(opened.body.status, 'OPEN');
    assert.equal(opened.body.startTime, NOW - MINUTE);
    const problemId: string = opened.body.problemId;
    const viaApi = await apiClient(simulator).get(`/api/v2/problems/${encodeURIComponent(problemId)}`);
    assert.equal(viaApi.body.title, 'Failure rate increase');
    const closed = await control('POST', `/_sim/problems/${encodeURIComponent(problemId)}/close`);
    assert.equal(closed.status, 200);
    assert.equal(closed.body.status, 'CLOSED');
    assert.equal(closed.body.endTime, NOW);
    assert.equal((await control('POST', '/_sim/problems/nope/close')).status, 404);
  });

  for (const [body, message] of [
    [{ title: 'x', entityIds: ['SERVICE-NOPE'] }, /entityIds\[0\] "SERVICE-NOPE" does not exist/],
    [{ title: '', entityIds: [SAMPLE_APP_ENTITY_IDS.staging.host] }, /title must be a non-empty string/],
    [{ title: 'x', entityIds: [] }, /entityIds must list at least one entity id/],
    [{ title: 'x', entityIds: 'HOST' }, /must be an array of entity ids/],
    [
      { title: 'x', entityIds: [SAMPLE_APP_ENTITY_IDS.staging.host], severityLevel: 'BAD' },
      /severityLevel must be one of AVAILABILITY/,
    ],
    [{ title: 'x', entityIds: [SAMPLE_APP_ENTITY_IDS.staging.host], impactLevel: 7 }, /must be a string/],
    [{ title: 'x', entityIds: [SAMPLE_APP_ENTITY_IDS.staging.host], startTime: 'now' }, /must be epoch ms/],
    [
      { title: 'x', entityIds: [SAMPLE_APP_ENTITY_IDS.staging.host], rootCauseEntityId: 'HOST-1' },
      /rootCauseEntityId "HOST-1" must be one of entityIds/,
    ],
  ] as const) {
    it(`rejects the problem ${JSON.stringify(body)} with 400`, async () => {
      const answer = await control('POST', '/_sim/problems', body);
      assert.equal(answer.status, 400);
      assert.match(errorText(answer), message);
    });
  }

  it('answers 404 for an unknown control endpoint and 400 for invalid JSON', async () => {
    assert.equal((await control('GET', '/_sim/state')).status, 404);
    assert.equal((await control('POST', '/_sim/faults', '{')).status, 400);
  });

  it('is off unless enabled', async () => {
    const plain = await startDynatraceSimulator({ now: () => NOW });
    try {
      assert.equal((await apiClient(plain, null).get('/_sim/requests')).status, 404);
    } finally {
      await plain.close();
    }
  });

  describe('problem detection and notifications', () => {
    let receiver: StubServer;

    before(async () => {
      receiver = await startStubServer();
    });
    after(async () => {
      await receiver.close();
    });
    beforeEach(() => receiver.reset());

    it('runs problem detection at a given time and shows what it opened and closed', async () => {
      await control('POST', '/_sim/deployments', { environment: 'Production', build: 4, at: 'now-20m' });
      const opened = await control('POST', '/_sim/problem-detection', { at: NOW - 15 * MINUTE });
      assert.equal(opened.status, 200);
      assert.equal(opened.body.at, NOW - 15 * MINUTE);
      assert.equal(opened.body.opened.length, 1);
      assert.equal(opened.body.opened[0].title, 'Failure rate increase');
      assert.deepEqual(
        opened.body.opened[0].impactedEntities.map(
          (entity: { entityId: { id: string } }) => entity.entityId.id,
        ),
        [SAMPLE_APP_ENTITY_IDS.productionEast.service, SAMPLE_APP_ENTITY_IDS.productionWest.service],
      );
      assert.equal(opened.body.health.length, 3);
      const again = await control('POST', '/_sim/problem-detection', { at: 'now-14m' });
      assert.deepEqual(again.body.opened, []);
      assert.deepEqual(again.body.merged[0].addedEntityIds, []);
      await control('POST', '/_sim/deployments', { environment: 'Production', build: 3, at: 'now-10m' });
      const early = await control('POST', '/_sim/problem-detection', { at: 'now-8m' });
      assert.deepEqual(early.body.closed, [], 'two minutes of build 3 are not enough');
      const closed = await control('POST', '/_sim/problem-detection');
      assert.equal(closed.body.at, NOW);
      assert.equal(closed.body.closed[0].status, 'CLOSED');
      assert.equal((await control('POST', '/_sim/problem-detection', { at: true })).status, 400);
      assert.equal((await control('POST', '/_sim/problem-detection', { at: 'yesterday' })).status, 400);
    });

    it('adds, lists and clears notification targets without showing header values, and sends a test notification', async () => {
      const added = await control('POST', '/_sim/notifications', {
        name: 'hook',
        url: `${receiver.url}/hook?code=in-query`,
        headers: { 'x-functions-key': 'function-key-value' },
        payload: '{"PID":"{PID}","ProblemTitle":"{ProblemTitle}"}',
        alertingProfile: { entityTags: ['DeploymentGroup:Production'] },
        timeoutMs: 5000,
      });
      assert.equal(added.status, 201);
      assert.deepEqual(added.body, {
        name: 'hook',
        url: `${receiver.url}/hook`,
        headerNames: ['x-functions-key'],
        payload: '{"PID":"{PID}","ProblemTitle":"{ProblemTitle}"}',
        alertingProfile: { entityTags: ['DeploymentGroup:Production'] },
        timeoutMs: 5000,
      });
      receiver.reply(jsonReply(200, { status: 'ignored' }));
      const test = await control('POST', '/_sim/notifications/test');
      assert.deepEqual([test.status, test.body], [202, { queued: 1 }]);
      await simulator.notifications.idle();
      const listed = await control('GET', '/_sim/notifications');
      assert.equal(listed.status, 200);
      assert.equal(listed.body.targets.length, 1);
      assert.deepEqual(
        listed.body.deliveries.map((delivery: { test: boolean; status: number; problemId: string }) => [
          delivery.test,
          delivery.status,
          delivery.problemId,
        ]),
        [[true, 200, '99999']],
      );
      assert.ok(!JSON.stringify(listed.body).includes('function-key-value'));
      assert.ok(!JSON.stringify(listed.body).includes('in-query'));
      assert.equal((await control('DELETE', '/_sim/notifications')).status, 204);
      assert.deepEqual((await control('GET', '/_sim/notifications')).body, { targets: [], deliveries: [] });
    });

    it('rejects an invalid notification target with 400 naming the field', async () => {
      const answer = await control('POST', '/_sim/notifications', { url: 'ftp://x', payload: '{}' });
      assert.equal(answer.status, 400);
      assert.match(errorText(answer), /notification\.url: expected http or https/);
      assert.equal((await control('POST', '/_sim/notifications', [])).status, 400);
    });
  });
});
