import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { readTaskOutput, type TaskOutput } from './read-task-output';

/** A service connection of the `Token` scheme, as the agent hands it to a task. */
export interface TaskServiceConnection {
  readonly id: string;
  readonly url: string;
  readonly apiToken: string;
}

/** How the simulated agent starts a bundled Node task. */
export interface AgentTaskRun {
  /** `<task folder>/dist/index.js`; the task runs with its task folder as working directory. */
  readonly bundlePath: string;
  readonly inputs: Readonly<Record<string, string>>;
  /** Predefined and release variables, by their pipeline names (`Release.ReleaseId`). */
  readonly variables: Readonly<Record<string, string>>;
  readonly connection: TaskServiceConnection;
  /** Time limit for the task process; default 60 s. */
  readonly timeoutMs?: number;
}

/** The outcome of a task run. */
export interface AgentTaskResult extends TaskOutput {
  readonly exitCode: number | null;
  /** stderr, for diagnosing a crash (the task masks its secrets there too). */
  readonly stderr: string;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/** The agent's rule for environment variable names: `.` and space become `_`, all upper case. */
export function agentVariableName(name: string): string {
  return name.replace(/[. ]/g, '_').toUpperCase();
}

/**
 * Runs a bundled task the way the Azure Pipelines agent runs a Node task: `node dist/index.js` in the task
 * folder, inputs in `INPUT_*`, the service connection in `ENDPOINT_URL_*` / `ENDPOINT_AUTH_*`, variables
 * under their environment names and a fresh `AGENT_TEMPDIRECTORY`. Nothing else of this process's
 * environment reaches the task except `PATH`.
 *
 * @throws Error when the process cannot be started or exceeds its time limit.
 */
export async function runAgentTask(run: AgentTaskRun): Promise<AgentTaskResult> {
  const agentTemp = await mkdtemp(join(tmpdir(), 'unbreakable-demo-agent-'));
  const { id, url, apiToken } = run.connection;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    AGENT_TEMPDIRECTORY: agentTemp,
    [`ENDPOINT_URL_${id}`]: url,
    [`ENDPOINT_AUTH_${id}`]: JSON.stringify({ parameters: { apitoken: apiToken }, scheme: 'Token' }),
    [`ENDPOINT_AUTH_SCHEME_${id}`]: 'Token',
    [`ENDPOINT_AUTH_PARAMETER_${id}_APITOKEN`]: apiToken,
  };
  for (const [name, value] of Object.entries(run.variables)) env[agentVariableName(name)] = value;
  for (const [name, value] of Object.entries(run.inputs)) env[`INPUT_${agentVariableName(name)}`] = value;
  const timeoutMs = run.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  try {
    const child = spawn(process.execPath, [run.bundlePath], {
      cwd: dirname(dirname(run.bundlePath)),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    }).finally(() => clearTimeout(timer));
    if (timedOut) throw new Error(`the task ${run.bundlePath} did not finish within ${timeoutMs} ms`);
    return { ...readTaskOutput(stdout), exitCode, stderr };
  } finally {
    await rm(agentTemp, { recursive: true, force: true });
  }
}
