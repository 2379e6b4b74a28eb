import * as tl from 'azure-pipelines-task-lib/task';

import { type TaskIo, type TaskOutcome } from './task-io';

const TASK_RESULTS: Readonly<Record<TaskOutcome, tl.TaskResult>> = {
  Succeeded: tl.TaskResult.Succeeded,
  SucceededWithIssues: tl.TaskResult.SucceededWithIssues,
  Failed: tl.TaskResult.Failed,
};

/** The {@link TaskIo} of a real agent run, backed by azure-pipelines-task-lib. */
export function createTaskIo(): TaskIo {
  return {
    getInput: (name) => tl.getInput(name, false),
    getVariable: (name) => tl.getVariable(name),
    getEndpointUrl: (connectionId) => tl.getEndpointUrl(connectionId, true),
    getEndpointAuthorizationParameter: readAuthorizationParameter,
    setSecret: (value) => tl.setSecret(value),
    setVariable: (name, value, { isOutput }) => tl.setVariable(name, value, false, isOutput),
    setResult: (outcome, message) => tl.setResult(TASK_RESULTS[outcome], message),
    debug: (message) => tl.debug(message),
    warning: (message) => tl.warning(message),
    log: (message) => console.log(message),
  };
}

/**
 * Reads an authorization parameter from the connection's `ENDPOINT_AUTH_<id>` record, which the agent
 * always sets. task-lib's own `getEndpointAuthorizationParameter` writes the value into a
 * `##vso[task.debug]` line before the task could register it as a secret, and its parse error quotes the
 * whole record; neither may happen to an API token.
 */
function readAuthorizationParameter(connectionId: string, key: string): string | undefined {
  let authorization: tl.EndpointAuthorization | undefined;
  try {
    authorization = tl.getEndpointAuthorization(connectionId, true);
  } catch {
    throw new Error(
      `The authorization data of service connection "${connectionId}" is not valid JSON; ` +
        'expected the agent to pass {"scheme": …, "parameters": {…}}.',
    );
  }
  const parameters: Readonly<Record<string, string | undefined>> = authorization?.parameters ?? {};
  // The agent may spell parameter names in any case (`apitoken`, `ApiToken`).
  const name = Object.keys(parameters).find((candidate) => candidate.toLowerCase() === key.toLowerCase());
  return name === undefined ? undefined : parameters[name];
}
