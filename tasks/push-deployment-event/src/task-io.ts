/** How a task run ends, as the agent shows it. */
export type TaskOutcome = 'Succeeded' | 'SucceededWithIssues' | 'Failed';

/**
 * Everything the task needs from the agent, so that `run` can be driven by a fake in tests and by
 * azure-pipelines-task-lib in production (see `createTaskIo`).
 */
export interface TaskIo {
  /** The input's value, trimmed; `undefined` or `''` when not set. */
  getInput(name: string): string | undefined;
  /** A predefined or user variable such as `Release.ReleaseId`; `undefined` when not set. */
  getVariable(name: string): string | undefined;
  /** The URL of the service connection with this id; `undefined` when the agent passed none. */
  getEndpointUrl(connectionId: string): string | undefined;
  /**
   * An authorization parameter (e.g. `apitoken`) of the service connection. Implementations must not
   * write the value anywhere: it is a secret and is masked only after `setSecret`.
   */
  getEndpointAuthorizationParameter(connectionId: string, key: string): string | undefined;
  /** Registers a value the agent masks in every later log line. */
  setSecret(value: string): void;
  setVariable(name: string, value: string, options: { readonly isOutput: boolean }): void;
  /** Ends the task; called exactly once per run. */
  setResult(outcome: TaskOutcome, message: string): void;
  /** A line shown only when the pipeline runs with `system.debug`. */
  debug(message: string): void;
  /** A warning issue (yellow in the log and the run summary). */
  warning(message: string): void;
  /** A plain log line. */
  log(message: string): void;
}
