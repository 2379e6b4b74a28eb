import { AzureDevOpsError } from './azure-devops-error';
import { nodeApiRoutes } from './node-api-routes';
import { parseReleaseEnvironment, type ReleaseEnvironment } from './parse-release';
import { type SendRequest } from './send-request';
import { environmentStatuses } from './wire-enums';
import { WireReader } from './wire-reader';

/** A variable to set on the redeployed stage (for example the marker that says "this is a rollback"). */
export interface StageVariable {
  readonly value: string;
  /** Secret values are registered with the connection's redaction and never returned by the service. */
  readonly isSecret?: boolean;
  readonly allowOverride?: boolean;
}

/** What to redeploy and how to label it. */
export interface RedeployRequest {
  readonly project: string;
  readonly releaseId: number;
  /** The release-environment id of the stage in that release (not the definition's stage id). */
  readonly releaseEnvironmentId: number;
  /** Shown in the release history; say why (e.g. which problem triggered the rollback). */
  readonly comment: string;
  readonly variables?: Readonly<Record<string, StageVariable>>;
}

/**
 * Queues a (re)deployment of a release stage: `PATCH …/releases/{id}/environments/{id}` with
 * `{status: inProgress, scheduledDeploymentTime: null, comment, variables}` — the request node-api's
 * `ReleaseApi.updateReleaseEnvironment` sends with `EnvironmentStatus.InProgress` (2). The PATCH is sent
 * once and never retried after a 5xx or a timeout (it may have queued a deployment already).
 *
 * @returns the stage as the service answers it, normally `queued` with the new attempt in `deploySteps`
 */
export async function redeployReleaseEnvironment(
  send: SendRequest,
  request: RedeployRequest,
): Promise<ReleaseEnvironment> {
  if (request.comment.trim() === '') {
    throw new RangeError(
      'redeployReleaseEnvironment: comment must say why the stage is redeployed, found an empty string',
    );
  }
  const response = await send({
    route: nodeApiRoutes.releaseEnvironments,
    method: 'PATCH',
    expect: 'json',
    routeValues: {
      project: request.project,
      releaseId: request.releaseId,
      environmentId: request.releaseEnvironmentId,
    },
    body: {
      status: environmentStatuses.inProgress,
      scheduledDeploymentTime: null,
      comment: request.comment,
      ...(request.variables === undefined
        ? {}
        : {
            variables: Object.fromEntries(
              Object.entries(request.variables).map(([name, variable]) => [
                name,
                {
                  value: variable.value,
                  isSecret: variable.isSecret ?? false,
                  allowOverride: variable.allowOverride ?? false,
                },
              ]),
            ),
          }),
    },
  });
  const environment = parseReleaseEnvironment(WireReader.of(response));
  // A 200 whose stage is not pending means nothing was queued; that must not pass for a rollback.
  if (
    environment.status !== 'queued' &&
    environment.status !== 'inProgress' &&
    environment.status !== 'scheduled'
  ) {
    throw new AzureDevOpsError({
      kind: 'invalid-response',
      method: response.method,
      path: response.path,
      status: response.status,
      attempts: 1,
      message: `Azure DevOps ${response.method} ${response.path} answered ${response.status} but stage "${environment.name}" of release ${request.releaseId} is ${environment.status}, not queued: no redeployment was started`,
    });
  }
  return environment;
}
