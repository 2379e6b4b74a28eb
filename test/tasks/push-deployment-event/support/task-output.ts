import assert from 'node:assert/strict';

import { commandFromString } from 'azure-pipelines-task-lib/taskcommand';

/** What a task run wrote to stdout, read the way the agent reads it. */
export interface TaskOutput {
  /** `Succeeded`, `SucceededWithIssues` or `Failed` from the last `##vso[task.complete]`; none if it crashed. */
  readonly result: string | undefined;
  readonly resultMessage: string | undefined;
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
  /** Variables set with `isOutput=true`. */
  readonly outputs: Readonly<Record<string, string>>;
  /** Values registered with `##vso[task.setsecret]`. */
  readonly secrets: readonly string[];
  /** Plain log lines (not `##vso` commands). */
  readonly log: readonly string[];
}

export function readTaskOutput(stdout: string): TaskOutput {
  let result: string | undefined;
  let resultMessage: string | undefined;
  const errors: string[] = [];
  const warnings: string[] = [];
  const outputs: Record<string, string> = {};
  const secrets: string[] = [];
  const log: string[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const start = line.indexOf('##vso[');
    if (start < 0) {
      if (line !== '') log.push(line);
      continue;
    }
    const command = commandFromString(line.slice(start));
    const properties = command.properties as Record<string, string | undefined>;
    switch (command.command) {
      case 'task.complete':
        result = properties.result;
        resultMessage = command.message;
        break;
      case 'task.issue':
        (properties.type === 'error' ? errors : warnings).push(command.message);
        break;
      case 'task.setvariable':
        if (properties.isOutput === 'true' && properties.variable !== undefined) {
          outputs[properties.variable] = command.message;
        }
        break;
      case 'task.setsecret':
        secrets.push(command.message);
        break;
    }
  }
  return { result, resultMessage, errors, warnings, outputs, secrets, log };
}

/**
 * Asserts that the token appears in no output line except the `##vso[task.setsecret]` commands that hand
 * it to the agent for masking (the agent consumes those lines; it never shows them).
 */
export function assertTokenNotLeaked(output: string, token: string): void {
  const leaks = output
    .split(/\r?\n/)
    .filter((line) => !line.startsWith('##vso[task.setsecret]'))
    .filter((line) => line.includes(token) || line.includes(encodeURIComponent(token)));
  assert.deepEqual(leaks, [], 'the API token must not appear in the task output');
}
