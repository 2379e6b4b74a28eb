import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import { parseDeploymentEventProperties } from '../../../lib/deployment-event/deployment-event-properties';
import { createDynatraceClient, type DynatraceClient, type DynatraceEvent } from '../../../lib/dynatrace';
import {
  SAMPLE_APP_ENTITY_IDS,
  startDynatraceSimulator,
  type DynatraceSimulator,
} from '../../../sim/dynatrace';
import {
  buildPushDeploymentEventTask,
  type PushDeploymentEventBuild,
} from '../../../tasks/push-deployment-event/build';
import {
  CLASSIC_RELEASE_DEPLOYMENT,
  CLASSIC_RELEASE_PROPERTIES,
  CLASSIC_RELEASE_VARIABLES,
  YAML_RUN_DEPLOYMENT,
  YAML_RUN_PROPERTIES,
  YAML_RUN_VARIABLES,
} from './support/pipeline-fixtures';
import { type AgentRunResult, runBundledTask } from './support/run-bundled-task';
import { assertTokenNotLeaked } from './support/task-output';

const REPOSITORY_ROOT = join(__dirname, '..', '..', '..');
const TASK_DIR = join(REPOSITORY_ROOT, 'tasks', 'push-deployment-event');
const MONSPEC_FILE = 'test/fixtures/monspec/seed-002-sample-app.jsonc';
const CONNECTION_ID = '2a7d9c4e-81f3-4b6a-9d20-5c8e7f1a3b64';
const INGEST_PATH = '/api/v2/events/ingest';
const STAGING_TAGS = '[Environment]DEPLOYMENT_GROUP_NAME:Staging\napp:SampleNodeJsService';
const STAGING_SELECTOR =
  'type(SERVICE),tag("[Environment]DEPLOYMENT_GROUP_NAME:Staging"),tag("app:SampleNodeJsService")';

describe('buildPushDeploymentEventTask', () => {
  let outDir: string;
  let built: PushDeploymentEventBuild;

  before(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'push-deployment-event-bundle-'));
    built = await buildPushDeploymentEventTask(outDir);
  });
  after(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('lays out task.json (and the icon, when there is one) beside the bundle its execution target names', async () => {
    const icon = existsSync(join(TASK_DIR, 'icon.png')) ? ['icon.png'] : [];
    assert.deepEqual([...built.files].sort(), ['dist/index.js', 'dist/index.js.map', ...icon, 'task.json']);
    for (const file of built.files) assert.ok(existsSync(join(outDir, file)), `${file} was not written`);
    const taskJson = JSON.parse(await readFile(built.taskJsonPath, 'utf8')) as {
      execution: { Node20_1: { target: string } };
    };
    assert.equal(join(outDir, taskJson.execution.Node20_1.target), built.bundlePath);
    assert.match(await readFile(built.bundlePath, 'utf8'), /sourceMappingURL=index\.js\.map/);
    assert.equal(relative(outDir, built.sourceMapPath), join('dist', 'index.js.map'));
  });

  it('inlines exactly one copy of azure-pipelines-task-lib, whose vault is module state', () => {
    const taskLibEntries = built.bundledInputs.filter((input) =>
      input.endsWith('azure-pipelines-task-lib/task.js'),
    );
    assert.deepEqual(taskLibEntries, ['node_modules/azure-pipelines-task-lib/task.js']);
    assert.ok(built.bundledInputs.includes('tasks/push-deployment-event/src/index.ts'));
  });

  describe('the bundled task, run as the agent runs it, against the Dynatrace simulator', () => {
    let sim: DynatraceSimulator;
    let client: DynatraceClient;

    before(async () => {
      sim = await startDynatraceSimulator();
      client = createDynatraceClient({ environmentUrl: sim.url, apiToken: sim.token });
    });
    after(async () => {
      await sim.close();
    });
    beforeEach(() => sim.faults.clear());

    async function runTask(
      inputs: Readonly<Record<string, string>>,
      variables: Readonly<Record<string, string>>,
    ): Promise<AgentRunResult> {
      const result = await runBundledTask({
        bundlePath: built.bundlePath,
        inputs: { dynatraceConnection: CONNECTION_ID, ...inputs },
        variables,
        connection: { id: CONNECTION_ID, url: sim.url, apiToken: sim.token },
      });
      assertTokenNotLeaked(result.stdout + result.stderr, sim.token);
      // The agent reads the outcome from task.complete: a failed task still exits with 0.
      assert.equal(result.exitCode, 0, result.stderr);
      return result;
    }

    function ingestRequests(): number {
      return sim.requests.filter((request) => request.path === INGEST_PATH).length;
    }

    /** Reads the stored events back through `GET /api/v2/events`, as the self-healing function will. */
    async function eventsWith(ids: string, key: 'correlationId' | 'eventId'): Promise<DynatraceEvent[]> {
      const wanted = new Set(ids.split(','));
      const events = await client.listEvents({
        from: 'now-10m',
        eventSelector: 'eventType("CUSTOM_DEPLOYMENT")',
      });
      return events.filter((event) => wanted.has(event[key] ?? ''));
    }

    function propertiesOf(event: DynatraceEvent): Record<string, string> {
      return Object.fromEntries(event.properties.map(({ key, value }) => [key, value]));
    }

    function entityIdsOf(events: readonly DynatraceEvent[]): string[] {
      return events.map((event) => event.entityId?.entityId.id ?? '').sort();
    }

    it('stores a classic release deployment on the entities of the monspec environment named by the stage', async () => {
      const result = await runTask(
        { targeting: 'monspec', monspecFile: MONSPEC_FILE },
        { ...CLASSIC_RELEASE_VARIABLES, 'System.DefaultWorkingDirectory': REPOSITORY_ROOT },
      );

      assert.equal(result.result, 'Succeeded', result.resultMessage);
      const events = await eventsWith(result.outputs.DynatraceEventCorrelationIds ?? '', 'correlationId');
      assert.deepEqual(entityIdsOf(events), [
        SAMPLE_APP_ENTITY_IDS.productionEast.service,
        SAMPLE_APP_ENTITY_IDS.productionWest.service,
      ]);
      for (const event of events) {
        const properties = propertiesOf(event);
        assert.deepEqual(properties, CLASSIC_RELEASE_PROPERTIES);
        const parsed = parseDeploymentEventProperties(properties);
        assert.ok(parsed.ours);
        assert.deepEqual(parsed.deployment, CLASSIC_RELEASE_DEPLOYMENT);
        assert.deepEqual(parsed.problems, []);
        assert.equal(parsed.isRollback, false);
        assert.equal(event.title, 'sample-app-CD Release-42');
      }
    });

    it('stores a YAML run deployment on the entity every tag matches', async () => {
      const result = await runTask({ tags: STAGING_TAGS }, YAML_RUN_VARIABLES);

      assert.equal(result.result, 'Succeeded', result.resultMessage);
      const events = await eventsWith(result.outputs.DynatraceEventCorrelationIds ?? '', 'correlationId');
      assert.deepEqual(entityIdsOf(events), [SAMPLE_APP_ENTITY_IDS.staging.service]);
      const [event] = events;
      assert.ok(event);
      const properties = propertiesOf(event);
      assert.deepEqual(properties, YAML_RUN_PROPERTIES);
      const parsed = parseDeploymentEventProperties(properties);
      assert.ok(parsed.ours);
      assert.deepEqual(parsed.deployment, YAML_RUN_DEPLOYMENT);
      assert.deepEqual(parsed.problems, []);
    });

    it('stores the same contract through Events API v1', async () => {
      const result = await runTask({ tags: STAGING_TAGS, apiVersion: 'v1' }, YAML_RUN_VARIABLES);

      assert.equal(result.result, 'Succeeded', result.resultMessage);
      const events = await eventsWith(result.outputs.DynatraceEventCorrelationIds ?? '', 'eventId');
      assert.deepEqual(entityIdsOf(events), [SAMPLE_APP_ENTITY_IDS.staging.service]);
      assert.deepEqual(propertiesOf(events[0]!), YAML_RUN_PROPERTIES);
    });

    it('succeeds when the tags match no entity on the first two attempts and match on the third', async () => {
      sim.faults.add({ kind: 'unmatched', path: INGEST_PATH, times: 2 });
      const before = ingestRequests();

      const result = await runTask({ tags: STAGING_TAGS, retryDelaySeconds: '0' }, YAML_RUN_VARIABLES);

      assert.equal(result.result, 'Succeeded', result.resultMessage);
      assert.equal(ingestRequests() - before, 3);
      const events = await eventsWith(result.outputs.DynatraceEventCorrelationIds ?? '', 'correlationId');
      assert.deepEqual(entityIdsOf(events), [SAMPLE_APP_ENTITY_IDS.staging.service]);
    });

    it('fails naming the entity selector when the retries are exhausted before the tags match', async () => {
      sim.faults.add({ kind: 'unmatched', path: INGEST_PATH, times: 2 });
      const before = ingestRequests();

      const result = await runTask(
        { tags: STAGING_TAGS, retriesWhenNoEntityMatches: '1', retryDelaySeconds: '0' },
        YAML_RUN_VARIABLES,
      );

      assert.equal(result.result, 'Failed');
      assert.equal(ingestRequests() - before, 2);
      assert.equal(result.errors.length, 1);
      assert.ok(result.errors[0]?.includes(STAGING_SELECTOR), result.errors[0]);
    });

    it('rides out a 503 within the client retry bounds and reports the retry', async () => {
      sim.faults.add({ kind: 'status', status: 503, path: INGEST_PATH, times: 1 });
      const before = ingestRequests();

      const result = await runTask({ tags: STAGING_TAGS }, YAML_RUN_VARIABLES);

      assert.equal(result.result, 'Succeeded', result.resultMessage);
      assert.equal(ingestRequests() - before, 2);
      assert.ok(
        result.warnings.some((warning) => warning.includes('503')),
        result.warnings.join('\n'),
      );
    });

    it('fails with Dynatrace’s message, without the token, when the token is refused', async () => {
      const result = await runBundledTask({
        bundlePath: built.bundlePath,
        inputs: { dynatraceConnection: CONNECTION_ID, tags: STAGING_TAGS },
        variables: YAML_RUN_VARIABLES,
        connection: { id: CONNECTION_ID, url: sim.url, apiToken: `Api-Token ${sim.token}x` },
      });

      assertTokenNotLeaked(result.stdout + result.stderr, `${sim.token}x`);
      assert.equal(result.result, 'Failed');
      assert.match(result.errors[0] ?? '', /401.*Token Authentication failed/);
    });
  });
});
