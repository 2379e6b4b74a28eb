import assert from 'node:assert/strict';

import {
  createDynatraceClient,
  type DynatraceClient,
  type DynatraceClientOptions,
  type EventIngest,
} from '../../../../lib/dynatrace';
import {
  type DynatraceSimulator,
  SAMPLE_APP_ENTITY_IDS,
  startDynatraceSimulator,
} from '../../../../sim/dynatrace';
import {
  CORRELATION_IDS_VARIABLE,
  run,
  type RunDependencies,
} from '../../../../tasks/push-deployment-event/src/run';
import { createFakeTaskIo, type FakeTaskIo } from '../support/fake-task-io';
import { fakeDynatraceClient } from '../support/fake-dynatrace-client';
import { YAML_RUN_PROPERTIES, YAML_RUN_VARIABLES } from '../support/pipeline-fixtures';

const CONNECTION_ID = 'conn-1';
const STAGING_TAGS = '[Environment]DEPLOYMENT_GROUP_NAME:Staging\napp:SampleNodeJsService';
const STAGING_SELECTOR =
  'type(SERVICE),tag("[Environment]DEPLOYMENT_GROUP_NAME:Staging"),tag("app:SampleNodeJsService")';

describe('run', () => {
  let sim: DynatraceSimulator;
  let sleeps: number[];
  let clientOptions: DynatraceClientOptions[];

  before(async () => {
    sim = await startDynatraceSimulator();
  });
  after(async () => {
    await sim.close();
  });
  beforeEach(() => {
    sim.faults.clear();
    sleeps = [];
    clientOptions = [];
  });

  function dependencies(client?: DynatraceClient): RunDependencies {
    return {
      createClient: (options) => {
        clientOptions.push(options);
        return client ?? createDynatraceClient(options);
      },
      readTextFile: () => Promise.reject(new Error('no file expected')),
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
    };
  }

  function agent(
    inputs: Readonly<Record<string, string>>,
    options: { variables?: Readonly<Record<string, string>>; token?: string; url?: string } = {},
  ): FakeTaskIo {
    return createFakeTaskIo({
      inputs: { dynatraceConnection: CONNECTION_ID, ...inputs },
      variables: options.variables ?? YAML_RUN_VARIABLES,
      connection: {
        id: CONNECTION_ID,
        url: options.url ?? sim.url,
        parameters: { apitoken: options.token ?? sim.token },
      },
    });
  }

  function assertNoTokenIn(io: FakeTaskIo, token: string): void {
    assert.deepEqual(
      io.lines().filter((line) => line.includes(token)),
      [],
      'the token must not appear in any line',
    );
  }

  it('masks the token before it reads a variable or any other input', async () => {
    const io = agent({ tags: STAGING_TAGS });
    await run(io, dependencies());

    const order = io.calls.map((call) => (call.kind === 'getInput' ? `getInput ${call.name}` : call.kind));
    assert.deepEqual(order.slice(0, 2), ['getInput dynatraceConnection', 'setSecret']);
    assertNoTokenIn(io, sim.token);
  });

  it('stores the event on the matching entity and publishes its correlation id as an output variable', async () => {
    const io = agent({ tags: STAGING_TAGS });
    await run(io, dependencies());

    assert.equal(io.result().outcome, 'Succeeded', io.result().message);
    const output = io.calls.find((call) => call.kind === 'setVariable');
    assert.ok(output?.kind === 'setVariable');
    assert.equal(output.name, CORRELATION_IDS_VARIABLE);
    assert.equal(output.isOutput, true);
    const stored = sim.state.events.list().filter((event) => event.correlationId === output.value);
    assert.deepEqual(
      stored.map((event) => event.entity.id),
      [SAMPLE_APP_ENTITY_IDS.staging.service],
    );
    assert.deepEqual(Object.fromEntries(stored[0]?.properties ?? []), YAML_RUN_PROPERTIES);
    assert.deepEqual(
      clientOptions.map((options) => [options.environmentUrl, options.apiToken]),
      [[sim.url, sim.token]],
    );
  });

  it('logs where the event goes and every property it carries', async () => {
    const io = agent({ tags: STAGING_TAGS, customProperties: 'owner=team-a' });
    await run(io, dependencies());

    const log = io.calls.flatMap((call) => (call.kind === 'log' ? [call.message] : []));
    assert.ok(log.includes(`  entity selector: ${STAGING_SELECTOR}`), log.join('\n'));
    assert.ok(log.includes('  owner = team-a'));
    assert.ok(log.includes('  azuredevops.run.id = 3051'));
  });

  it('waits the configured delay before each retry while no entity matches', async () => {
    sim.faults.add({ kind: 'unmatched', path: '/api/v2/events/ingest', times: 2 });
    const io = agent({ tags: STAGING_TAGS, retryDelaySeconds: '7' });
    await run(io, dependencies());

    assert.equal(io.result().outcome, 'Succeeded', io.result().message);
    assert.deepEqual(sleeps, [7000, 7000]);
  });

  it('fails naming the selector and the retry inputs once the retries are used up', async () => {
    sim.faults.add({ kind: 'unmatched', path: '/api/v2/events/ingest' });
    const io = agent({ tags: STAGING_TAGS, retriesWhenNoEntityMatches: '2', retryDelaySeconds: '1' });
    await run(io, dependencies());

    const { outcome, message } = io.result();
    assert.equal(outcome, 'Failed');
    assert.ok(
      message.startsWith(
        `No Dynatrace entity matches the entity selector ${STAGING_SELECTOR} after 3 attempts`,
      ),
    );
    assert.match(message, /raise retriesWhenNoEntityMatches or retryDelaySeconds/);
    assert.deepEqual(sleeps, [1000, 1000]);
  });

  it('warns that self-healing cannot roll back an event sent outside a release or staged run', async () => {
    const io = agent(
      { tags: STAGING_TAGS, deploymentName: 'tool', deploymentVersion: '1' },
      { variables: {} },
    );
    await run(io, dependencies());

    assert.equal(io.result().outcome, 'Succeeded', io.result().message);
    assert.ok(
      io.calls.some(
        (call) => call.kind === 'warning' && call.message.includes('cannot roll this deployment back'),
      ),
    );
  });

  it('fails before sending when the inputs cannot be expressed in the chosen API version', async () => {
    const sent: EventIngest[] = [];
    const client = fakeDynatraceClient({
      ingestEvent: (event) => {
        sent.push(event);
        return Promise.resolve({ reportCount: 0, eventIngestResults: [] });
      },
    });
    const io = agent({ targeting: 'entitySelector', entitySelector: 'type(HOST)', apiVersion: 'v1' });
    await run(io, dependencies(client));

    assert.equal(io.result().outcome, 'Failed');
    assert.match(io.result().message, /^Input targeting: entitySelector needs Events API v2/);
    assert.deepEqual(sent, []);
  });

  it('fails with the reason when the connection URL is unusable, never with the token', async () => {
    const io = agent({ tags: STAGING_TAGS }, { url: 'http://dynatrace.example.net' });
    await run(io, dependencies());

    assert.equal(io.result().outcome, 'Failed');
    assert.match(io.result().message, /must use https/);
    assertNoTokenIn(io, sim.token);
  });

  it('points at the connection’s token when Dynatrace refuses it', async () => {
    const token = 'dt0c01.UNKNOWNUNKNOWNUNKNOWN000.' + '0'.repeat(64);
    const io = agent({ tags: STAGING_TAGS }, { token });
    await run(io, dependencies());

    const { outcome, message } = io.result();
    assert.equal(outcome, 'Failed');
    assert.match(
      message,
      /^Could not send the event: Dynatrace POST \/api\/v2\/events\/ingest failed with 401/,
    );
    assert.match(message, /Check the API token of the dynatraceConnection service connection/);
    assertNoTokenIn(io, token);
  });

  it('turns an unexpected failure into a failed result instead of throwing', async () => {
    const client = fakeDynatraceClient({ ingestEvent: () => Promise.reject(new RangeError('boom')) });
    const io = agent({ tags: STAGING_TAGS });
    await run(io, dependencies(client));

    assert.deepEqual(io.result(), { outcome: 'Failed', message: 'boom' });
  });
});
