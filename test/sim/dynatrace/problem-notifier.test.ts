import assert from 'node:assert/strict';

import {
  type DynatraceSimulator,
  type NotificationTarget,
  SAMPLE_APP_ENTITY_IDS,
  sampleAppScenario,
  startDynatraceSimulator,
} from '../../../sim/dynatrace';
import { hangReply, jsonReply, startStubServer, type StubServer } from '../../support/stub-server';
import { MINUTE, NOW } from './support/api-client';

const EAST = SAMPLE_APP_ENTITY_IDS.productionEast.service;
const STAGING = SAMPLE_APP_ENTITY_IDS.staging.service;
const TEMPLATE =
  '{"State":"{State}","PID":"{PID}","ProblemTitle":"{ProblemTitle}","ImpactedEntities":{ImpactedEntities}}';

describe('problem notifications (ProblemNotifier)', () => {
  let receiver: StubServer;
  let simulator: DynatraceSimulator;
  let clock: number;

  before(async () => {
    receiver = await startStubServer();
  });
  after(async () => {
    await receiver.close();
  });
  beforeEach(async () => {
    receiver.reset();
    clock = NOW;
    simulator = await startDynatraceSimulator({
      scenario: sampleAppScenario({ now: NOW }),
      now: () => clock,
    });
  });
  afterEach(async () => {
    await simulator.close();
  });

  function target(overrides: Partial<NotificationTarget> = {}): NotificationTarget {
    return {
      name: 'self-healing',
      url: `${receiver.url}/api/selfheal?code=key-in-query`,
      payload: TEMPLATE,
      ...overrides,
    };
  }

  it('POSTs the filled-in template with the custom headers when a problem opens and again when it is resolved, in that order', async () => {
    simulator.notifications.configure([
      target({ headers: { 'x-unbreakable-secret': 'shared-secret-123456' } }),
    ]);
    receiver.reply(jsonReply(200, { status: 'remediated' }), jsonReply(200, { status: 'ignored' }));

    const problem = simulator.state.openProblem({ title: 'Failure rate "spike"', entityIds: [EAST] });
    clock += 5 * MINUTE;
    simulator.state.closeProblem(problem.problemId);
    await simulator.notifications.idle();

    assert.deepEqual(
      receiver.requests.map((request) => [request.method, request.path, request.query.get('code')]),
      [
        ['POST', '/api/selfheal', 'key-in-query'],
        ['POST', '/api/selfheal', 'key-in-query'],
      ],
    );
    const [opened, resolved] = receiver.requests.map(
      (request) => JSON.parse(request.body) as Record<string, unknown>,
    );
    assert.deepEqual(opened, {
      State: 'OPEN',
      PID: problem.problemId,
      ProblemTitle: 'Failure rate "spike"',
      ImpactedEntities: [{ type: 'SERVICE', name: 'Production/SampleNodeJsService (east)', entity: EAST }],
    });
    assert.equal(resolved?.State, 'RESOLVED');
    const headers = receiver.requests[0]?.headers;
    assert.equal(headers?.['x-unbreakable-secret'], 'shared-secret-123456');
    assert.equal(headers?.['content-type'], 'application/json; charset=utf-8');

    const deliveries = simulator.notifications.deliveries;
    assert.deepEqual(
      deliveries.map((delivery) => [
        delivery.sequence,
        delivery.target,
        delivery.url,
        delivery.state,
        delivery.problemId,
        delivery.displayId,
        delivery.test,
        delivery.status,
        delivery.error,
      ]),
      [
        [
          1,
          'self-healing',
          `${receiver.url}/api/selfheal`,
          'OPEN',
          problem.problemId,
          problem.displayId,
          false,
          200,
          undefined,
        ],
        [
          2,
          'self-healing',
          `${receiver.url}/api/selfheal`,
          'RESOLVED',
          problem.problemId,
          problem.displayId,
          false,
          200,
          undefined,
        ],
      ],
    );
    assert.equal(deliveries[0]?.responseBody, '{"status":"remediated"}');
    assert.equal(deliveries[0]?.raisedAt, NOW);
    assert.equal(deliveries[1]?.raisedAt, NOW + 5 * MINUTE);
    assert.equal(deliveries[1]?.completedAt, NOW + 5 * MINUTE);
    assert.equal(deliveries[0]?.payload, receiver.requests[0]?.body);
  });

  it('skips problems outside the alerting profile', async () => {
    simulator.notifications.configure([
      target({ alertingProfile: { entityTags: ['DeploymentGroup:Production'] } }),
    ]);
    receiver.reply(jsonReply(200, {}));
    simulator.state.openProblem({ title: 'staging', entityIds: [STAGING] });
    simulator.state.openProblem({ title: 'production', entityIds: [EAST] });
    await simulator.notifications.idle();
    assert.deepEqual(
      simulator.notifications.deliveries.map((delivery) => JSON.parse(delivery.payload).ProblemTitle),
      ['production'],
    );
  });

  it('sends problems that detection opens and closes', async () => {
    simulator.notifications.configure([target()]);
    receiver.reply(jsonReply(200, {}), jsonReply(200, {}));
    simulator.state.deploy('Production', 4, clock);
    clock += 4 * MINUTE;
    simulator.state.detectProblems();
    simulator.state.deploy('Production', 3, clock);
    clock += 4 * MINUTE;
    simulator.state.detectProblems();
    await simulator.notifications.idle();
    assert.deepEqual(
      simulator.notifications.deliveries.map((delivery) => [
        delivery.state,
        JSON.parse(delivery.payload).ProblemTitle,
      ]),
      [
        ['OPEN', 'Failure rate increase'],
        ['RESOLVED', 'Failure rate increase'],
      ],
    );
  });

  it('records a delivery nobody answered and does not retry it', async () => {
    const gone = await startStubServer();
    const url = `${gone.url}/hook`;
    await gone.close();
    simulator.notifications.configure([target({ url })]);
    simulator.state.openProblem({ title: 'unreachable', entityIds: [EAST] });
    await simulator.notifications.idle();
    const [delivery] = simulator.notifications.deliveries;
    assert.equal(simulator.notifications.deliveries.length, 1);
    assert.equal(delivery?.status, null);
    assert.match(delivery?.error ?? '', /ECONNREFUSED/);
    assert.equal(delivery?.completedAt, NOW);
  });

  it('gives up on a receiver that does not answer within the timeout', async () => {
    simulator.notifications.configure([target({ timeoutMs: 50 })]);
    receiver.reply(hangReply);
    simulator.state.openProblem({ title: 'slow receiver', entityIds: [EAST] });
    await simulator.notifications.idle();
    assert.match(
      simulator.notifications.deliveries[0]?.error ?? '',
      /no answer within 50 ms \(POST self-healing\)/,
    );
  });

  it('ends a delivery in flight when the simulator closes', async () => {
    simulator.notifications.configure([target()]);
    receiver.reply(hangReply);
    simulator.state.openProblem({ title: 'closing', entityIds: [EAST] });
    const idle = simulator.notifications.idle();
    await simulator.close();
    await idle;
    assert.match(simulator.notifications.deliveries[0]?.error ?? '', /the simulator was closed/);
  });

  it('sends the test notification to every target, whatever its alerting profile', async () => {
    simulator.notifications.configure([
      target({ name: 'first', alertingProfile: { entityTags: ['DeploymentGroup:Nowhere'] } }),
      target({
        name: 'second',
        payload: 'state={State} title={ProblemTitle}',
        headers: { 'content-type': 'text/plain' },
      }),
    ]);
    receiver.reply(jsonReply(200, { status: 'ignored' }), jsonReply(200, { status: 'ignored' }));
    const deliveries = await simulator.notifications.sendTestNotification();
    assert.deepEqual(
      deliveries.map((delivery) => [
        delivery.target,
        delivery.test,
        delivery.problemId,
        delivery.displayId,
        delivery.status,
      ]),
      [
        ['first', true, '99999', '999', 200],
        ['second', true, '99999', '999', 200],
      ],
    );
    assert.equal(
      JSON.parse(receiver.requests[0]?.body ?? '{}').ProblemTitle,
      'Dynatrace problem notification test run',
    );
    assert.equal(receiver.requests[1]?.body, 'state=OPEN title=Dynatrace problem notification test run');
    assert.equal(receiver.requests[1]?.headers['content-type'], 'text/plain');
  });

  it('keeps its targets when a new configuration is invalid, and forgets targets and deliveries on clear', async () => {
    simulator.notifications.configure([target()]);
    assert.throws(
      () => simulator.notifications.configure([target({ name: 'ok' }), target({ payload: '{"a":{State}}' })]),
      /notifications\[1\]\.payload/,
    );
    assert.deepEqual(
      simulator.notifications.targets.map((configured) => configured.name),
      ['self-healing'],
    );
    simulator.notifications.add(target({ name: 'added' }));
    assert.equal(simulator.notifications.targets.length, 2);
    receiver.reply(jsonReply(200, {}), jsonReply(200, {}));
    simulator.state.openProblem({ title: 'before clear', entityIds: [EAST] });
    await simulator.notifications.idle();
    simulator.notifications.clear();
    assert.deepEqual(simulator.notifications.targets, []);
    assert.deepEqual(simulator.notifications.deliveries, []);
  });
});
