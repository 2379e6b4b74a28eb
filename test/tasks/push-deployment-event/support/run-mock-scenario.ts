import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { MockTestRunner } from 'azure-pipelines-task-lib/mock-test';

import { type MockRunScenario, SCENARIO_VARIABLE, type StubbedRequest } from './mock-run-scenario';
import { readTaskOutput, type TaskOutput } from './task-output';

const MOCK_RUN_SCRIPT = join(__dirname, 'mock-run-with-stub.ts');
const TASK_JSON = join(__dirname, '..', '..', '..', '..', 'tasks', 'push-deployment-event', 'task.json');

/** A finished MockTestRunner run. */
export interface MockRunResult extends TaskOutput {
  readonly stdout: string;
  readonly stderr: string;
  /** The requests the stub Dynatrace received, in order. */
  readonly requests: readonly StubbedRequest[];
}

/**
 * Runs the task's TypeScript entry point under MockTestRunner against a scripted Dynatrace stub. The child
 * uses this Node binary (`nodePath`, so nothing is downloaded) and loads TypeScript through tsx, which it
 * inherits via NODE_OPTIONS.
 */
export async function runMockScenario(
  scenario: Omit<MockRunScenario, 'requestsFile' | 'agentTempDirectory'>,
): Promise<MockRunResult> {
  const workDirectory = mkdtempSync(join(tmpdir(), 'push-deployment-event-'));
  const requestsFile = join(workDirectory, 'requests.json');
  const previousNodeOptions = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = [previousNodeOptions, '--require tsx/cjs'].filter(Boolean).join(' ');
  process.env[SCENARIO_VARIABLE] = JSON.stringify({
    ...scenario,
    requestsFile,
    agentTempDirectory: workDirectory,
  } satisfies MockRunScenario);
  try {
    const runner = new MockTestRunner(MOCK_RUN_SCRIPT, TASK_JSON);
    runner.nodePath = process.execPath;
    await runner.runAsync();
    const requests = existsSync(requestsFile)
      ? (JSON.parse(readFileSync(requestsFile, 'utf8')) as StubbedRequest[])
      : [];
    return { ...readTaskOutput(runner.stdout), stdout: runner.stdout, stderr: runner.stderr, requests };
  } finally {
    delete process.env[SCENARIO_VARIABLE];
    if (previousNodeOptions === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = previousNodeOptions;
    rmSync(workDirectory, { recursive: true, force: true });
  }
}
