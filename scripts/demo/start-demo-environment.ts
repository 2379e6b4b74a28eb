import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { GATE_SETTING_NAMES } from '../../gate-function/src/gate-settings';
import { SETTING_NAMES as SELFHEAL_SETTING_NAMES } from '../../selfheal-function/src/selfheal-settings';
import {
  type AzureDevOpsSimulator,
  classicReleaseDefaults,
  classicReleaseScenario,
  startAzureDevOpsSimulator,
} from '../../sim/azure-devops';
import {
  type BuildCatalog,
  type DynatraceSimulator,
  createScenario,
  sampleAppScenario,
  startDynatraceSimulator,
} from '../../sim/dynatrace';
import { buildPushDeploymentEventTask } from '../../tasks/push-deployment-event/build';
import { startLocalHost } from '../local-host/start-local-host';
import { type DemoClock } from './demo-clock';
import { DEMO_SERVICE, type MonspecDocument } from './demo-monspec';
import { DemoPipeline } from './demo-pipeline';
import { type Narrator } from './narrator';
import { startAzurite } from '../azurite/start-azurite';

/** Everything the demo runs on, ready to play the pipeline. */
export interface DemoEnvironment {
  readonly dynatrace: DynatraceSimulator;
  readonly ado: AzureDevOpsSimulator;
  readonly pipeline: DemoPipeline;
  /** What must never be shown, by name: the Dynatrace token, the PAT, the function key, the shared secret. */
  readonly secrets: ReadonlyMap<string, string>;
  /** Stops everything, in reverse order of starting, and removes the scratch folder. */
  close(): Promise<void>;
}

/** What {@link startDemoEnvironment} needs. */
export interface DemoEnvironmentOptions {
  readonly clock: DemoClock;
  readonly narrator: Narrator;
  readonly monspec: MonspecDocument;
  readonly builds: BuildCatalog;
  readonly waitLimitMs: number;
  /** Where the local functions host's request lines and function logs go. */
  readonly hostLog: (line: string) => void;
}

/** The self-healing webhook's payload: the original template plus the URL, the tags and the v2 details. */
export const DEMO_PAYLOAD_TEMPLATE =
  '{"State":"{State}","ProblemID":"{ProblemID}","ProblemTitle":"{ProblemTitle}","PID":"{PID}",' +
  '"ProblemURL":"{ProblemURL}","Tags":"{Tags}","ImpactedEntities":{ImpactedEntities},' +
  '"ProblemDetailsJSONv2":{ProblemDetailsJSONv2}}';

const CONNECTION_ID = '7d3c2b1a-9e8f-4a6b-8c5d-2e1f0a9b8c7d';
const MONSPEC_FILE = path.join('drop', 'monspec.json');

/**
 * Starts the demo's world: Azurite and the bundled push task (in parallel), the Dynatrace simulator with the
 * sample app on the demo clock, the Azure DevOps simulator with the empty release definition, the local
 * functions host serving both function apps with a fresh function key and shared secret, and the Dynatrace
 * problem notification that calls the self-healing function for problems in Production.
 *
 * @throws Error when a piece cannot start, after stopping the pieces started so far.
 */
export async function startDemoEnvironment(options: DemoEnvironmentOptions): Promise<DemoEnvironment> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const close = async (): Promise<void> => {
    const failures: string[] = [];
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
    if (failures.length > 0) throw new Error(`stopping the demo environment failed: ${failures.join('; ')}`);
  };
  try {
    return await start(options, (cleanup) => cleanups.push(cleanup), close);
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

async function start(
  options: DemoEnvironmentOptions,
  started: (cleanup: () => Promise<unknown>) => void,
  close: () => Promise<void>,
): Promise<DemoEnvironment> {
  const { clock, narrator } = options;

  const workDir = await mkdtemp(path.join(tmpdir(), 'unbreakable-demo-'));
  started(() => rm(workDir, { recursive: true, force: true }));
  const [azurite, task] = await Promise.all([
    startAzurite(),
    buildPushDeploymentEventTask(path.join(workDir, 'push-deployment-event')),
  ]);
  started(() => azurite.close());
  narrator.say('  ✓ Azurite table service (the self-healing state), in memory');
  narrator.say(`  ✓ push deployment event task bundled: ${path.relative(workDir, task.bundlePath)}`);

  const demoStart = clock.now();
  const sample = sampleAppScenario({ now: demoStart });
  const dynatrace = await startDynatraceSimulator({
    scenario: createScenario({
      entities: sample.entities,
      ...(sample.workloads === undefined ? {} : { workloads: sample.workloads }),
      builds: options.builds,
    }),
    now: () => clock.now(),
  });
  started(() => dynatrace.close());
  const ado = await startAzureDevOpsSimulator({
    scenario: classicReleaseScenario({ releases: [], now: demoStart }),
    now: () => clock.now(),
  });
  started(() => ado.close());
  narrator.say(
    `  ✓ Dynatrace simulator ${dynatrace.url}: SampleNodeJsService, one service in Staging, two in Production`,
  );
  narrator.say(
    `  ✓ Azure DevOps simulator ${ado.collectionUrl}: release pipeline ${classicReleaseDefaults.definitionName}`,
  );

  const functionKey = randomBytes(24).toString('base64url');
  const sharedSecret = randomBytes(24).toString('base64url');
  const secrets = new Map([
    ['Dynatrace API token', dynatrace.token],
    ['Azure DevOps PAT', ado.pat],
    ['function key', functionKey],
    ['webhook shared secret', sharedSecret],
  ]);
  // Every setting blank first: the demo must not pick up the developer's environment or local.settings.json.
  const settings: Record<string, string> = Object.fromEntries(
    [...GATE_SETTING_NAMES, ...SELFHEAL_SETTING_NAMES].map((name) => [name, '']),
  );
  Object.assign(settings, {
    DT_API_VERSION: 'v2',
    AzureWebJobsStorage: azurite.connectionString,
    SELFHEAL_TABLE_NAME: 'unbreakabledemo',
    SELFHEAL_SHARED_SECRET: sharedSecret,
    AZURE_DEVOPS_ORGANIZATIONS: ado.collectionUrl,
    AZURE_DEVOPS_PAT: ado.pat,
  });
  const host = await startLocalHost({
    port: 0,
    key: functionKey,
    dynatraceUrl: dynatrace.url,
    dynatraceToken: dynatrace.token,
    settings,
    log: options.hostLog,
  });
  started(() => host.close());
  if (host.problems.length > 0) {
    throw new Error(
      `the local functions host cannot serve every function: ${host.problems.map((problem) => `${problem.app}: ${problem.message}`).join('; ')}`,
    );
  }
  narrator.say(
    `  ✓ local functions host ${host.url}: ${host.functions.map((fn) => `${fn.methods.join('|')} ${fn.path}`).join(', ')} (function key required)`,
  );

  dynatrace.notifications.configure([
    {
      name: 'Unbreakable self-healing',
      url: `${host.url}/api/selfheal`,
      headers: { 'x-functions-key': functionKey, 'x-unbreakable-secret': sharedSecret },
      payload: DEMO_PAYLOAD_TEMPLATE,
      alertingProfile: { entityTags: ['DeploymentGroup:Production'] },
    },
  ]);
  narrator.say(
    '  ✓ Dynatrace problem notification "Unbreakable self-healing" → POST /api/selfheal, with the function key\n' +
      '    and the shared secret as custom headers; alerting profile: problems on DeploymentGroup:Production',
  );

  const project = ado.state.project(classicReleaseDefaults.project);
  if (project === undefined) {
    throw new Error(`the Azure DevOps simulator has no project "${classicReleaseDefaults.project}"`);
  }
  const workingDirectory = path.join(workDir, 'agent-work');
  await mkdir(path.join(workingDirectory, path.dirname(MONSPEC_FILE)), { recursive: true });
  await writeFile(path.join(workingDirectory, MONSPEC_FILE), JSON.stringify(options.monspec, null, 2));
  const pipeline = new DemoPipeline({
    ado,
    dynatrace,
    clock,
    narrator,
    definition: {
      project: project.name,
      projectId: project.id,
      definitionId: classicReleaseDefaults.definitionId,
      definitionName: classicReleaseDefaults.definitionName,
      artifactAlias: '_SampleNodeJsService-CI',
    },
    task: { bundlePath: task.bundlePath, defaultInputs: await readDefaultInputs(task.taskJsonPath) },
    connection: { id: CONNECTION_ID, url: dynatrace.url, apiToken: dynatrace.token },
    workingDirectory,
    monspecFile: MONSPEC_FILE,
    monspec: options.monspec,
    service: DEMO_SERVICE,
    gateHost: { url: host.url, functionKey },
    waitLimitMs: options.waitLimitMs,
  });

  return { dynatrace, ado, pipeline, secrets, close };
}

/** The agent sets every input of task.json; inputs a pipeline leaves out get their default value. */
async function readDefaultInputs(taskJsonPath: string): Promise<Record<string, string>> {
  const taskJson = JSON.parse(await readFile(taskJsonPath, 'utf8')) as {
    inputs?: { name?: unknown; defaultValue?: unknown }[];
  };
  const inputs: Record<string, string> = {};
  for (const input of taskJson.inputs ?? []) {
    if (
      typeof input.name === 'string' &&
      typeof input.defaultValue === 'string' &&
      input.defaultValue !== ''
    ) {
      inputs[input.name] = input.defaultValue;
    }
  }
  return inputs;
}
