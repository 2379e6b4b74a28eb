import { rm } from 'node:fs/promises';

import { startDynatraceSimulator } from '../sim/dynatrace';
import { buildPushDeploymentEventTask } from '../tasks/push-deployment-event/build';
import { YAML_RUN_VARIABLES } from '../test/tasks/push-deployment-event/support/pipeline-fixtures';
import { runBundledTask } from '../test/tasks/push-deployment-event/support/run-bundled-task';
import { type SuiteResult } from './bench-report';
import { summarizeSamples } from './summarize-samples';
import { timeRuns } from './time-runs';

/** How the push-task suite runs. */
export interface PushTaskBenchOptions {
  readonly root: string;
  /** Where the task is bundled; emptied first. */
  readonly outDir: string;
  readonly runs: number;
}

const CONNECTION_ID = '5e1c0a7b-be0c-4d2f-9a61-3c8e0f2d7b45';
const STAGING_TAGS = '[Environment]DEPLOYMENT_GROUP_NAME:Staging\napp:SampleNodeJsService';
const INGEST_PATH = '/api/v2/events/ingest';

/**
 * Wall time of one run of the bundled push-deployment-event task, started the way the agent starts it (a
 * fresh `node dist/index.js` with `INPUT_*`, `ENDPOINT_*` and the pipeline's variables in the environment)
 * against the Dynatrace simulator: from process start to exit, event delivered and matched included.
 */
export async function runPushTaskBench(options: PushTaskBenchOptions): Promise<SuiteResult> {
  await rm(options.outDir, { recursive: true, force: true });
  const built = await buildPushDeploymentEventTask(options.outDir);
  const sim = await startDynatraceSimulator();
  try {
    const outcomes = await timeRuns({ runs: options.runs }, async () => {
      const before = sim.requests.filter((request) => request.path === INGEST_PATH).length;
      const result = await runBundledTask({
        bundlePath: built.bundlePath,
        inputs: { dynatraceConnection: CONNECTION_ID, tags: STAGING_TAGS },
        variables: YAML_RUN_VARIABLES,
        connection: { id: CONNECTION_ID, url: sim.url, apiToken: sim.token },
      });
      const ingests = sim.requests.filter((request) => request.path === INGEST_PATH).length - before;
      return { result: result.result ?? `no result (exit ${String(result.exitCode)})`, ingests };
    });
    const results = new Set(outcomes.results.map((outcome) => outcome.result));
    const ingests = Math.max(...outcomes.results.map((outcome) => outcome.ingests));
    return {
      rows: [
        {
          suite: 'push-task',
          case: 'one task run: process start to exit, event stored',
          runs: options.runs,
          timing: summarizeSamples(outcomes.samples),
          figures: { result: [...results].join(', '), 'ingest requests': ingests },
        },
      ],
      targets: [
        {
          name: 'the bundled task succeeds with one ingest request per run',
          measured: `${[...results].join(', ')}; ${ingests} request(s)`,
          met: results.size === 1 && results.has('Succeeded') && ingests === 1,
          hard: true,
        },
      ],
    };
  } finally {
    await sim.close();
  }
}
