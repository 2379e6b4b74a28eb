import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { readTaskOutput, type TaskOutput } from './task-output';

/** How the simulated agent starts the bundled task. */
export interface AgentRun {
  readonly bundlePath: string;
  readonly inputs: Readonly<Record<string, string>>;
  readonly variables: Readonly<Record<string, string>>;
  readonly connection: {
    readonly id: string;
    readonly url: string;
    /** The token as the user pasted it into the service connection. */
    readonly apiToken: string;
  };
}

export interface AgentRunResult extends TaskOutput {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The agent's rule for environment variable names: `.` and space become `_`, all upper case. */
function variableKey(name: string): string {
  return name.replace(/[. ]/g, '_').toUpperCase();
}

/**
 * Runs the bundle the way the agent runs a Node task: `node dist/index.js` in the task folder, with inputs
 * in `INPUT_*`, the service connection in `ENDPOINT_*` (all four forms the agent sets), variables under
 * their environment names and a fresh `AGENT_TEMPDIRECTORY`. Nothing else of this process's environment
 * is passed on, so no stray `INPUT_` or `NODE_OPTIONS` (tsx) reaches the bundle.
 */
export async function runBundledTask(run: AgentRun): Promise<AgentRunResult> {
  const agentTemp = await mkdtemp(join(tmpdir(), 'agent-temp-'));
  const { id, url, apiToken } = run.connection;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    AGENT_TEMPDIRECTORY: agentTemp,
    [`ENDPOINT_URL_${id}`]: url,
    [`ENDPOINT_AUTH_${id}`]: JSON.stringify({ parameters: { apitoken: apiToken }, scheme: 'Token' }),
    [`ENDPOINT_AUTH_SCHEME_${id}`]: 'Token',
    [`ENDPOINT_AUTH_PARAMETER_${id}_APITOKEN`]: apiToken,
  };
  for (const [name, value] of Object.entries(run.inputs)) env[`INPUT_${variableKey(name)}`] = value;
  for (const [name, value] of Object.entries(run.variables)) env[variableKey(name)] = value;

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
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    return { ...readTaskOutput(stdout), exitCode, stdout, stderr };
  } finally {
    await rm(agentTemp, { recursive: true, force: true });
  }
}
