import { commandFromString } from 'azure-pipelines-task-lib/taskcommand';

/** What a task wrote to stdout, read the way the agent reads it. */
export interface TaskOutput {
  /** `Succeeded`, `SucceededWithIssues` or `Failed` from the last `##vso[task.complete]`; none when it crashed. */
  readonly result: string | undefined;
  readonly resultMessage: string | undefined;
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
  /** Variables set with `isOutput=true`. */
  readonly outputs: Readonly<Record<string, string>>;
}

/** Reads the `##vso[...]` logging commands of a task's stdout (the agent's protocol). */
export function readTaskOutput(stdout: string): TaskOutput {
  let result: string | undefined;
  let resultMessage: string | undefined;
  const errors: string[] = [];
  const warnings: string[] = [];
  const outputs: Record<string, string> = {};
  for (const line of stdout.split(/\r?\n/)) {
    const start = line.indexOf('##vso[');
    if (start < 0) continue;
    let command: ReturnType<typeof commandFromString>;
    try {
      command = commandFromString(line.slice(start));
    } catch {
      // The agent ignores a malformed command line too; it is just text in the log.
      continue;
    }
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
      default:
        break;
    }
  }
  return { result, resultMessage, errors, warnings, outputs };
}
