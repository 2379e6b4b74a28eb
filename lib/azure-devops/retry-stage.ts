import { nodeApiRoutes } from './node-api-routes';
import { type SendRequest } from './send-request';
import { stageUpdateTypes } from './wire-enums';

/** Which stage of which run to run again. */
export interface RetryStageRequest {
  readonly project: string;
  readonly buildId: number;
  /** The stage's YAML name (its timeline `identifier`), not its display name. */
  readonly stageRefName: string;
  /** Run every job again, not only failed ones; default true, because a rollback re-runs a stage that succeeded. */
  readonly forceRetryAllJobs?: boolean;
}

/**
 * Starts a new attempt of a completed stage of a run: `PATCH …/builds/{id}/stages/{stageRefName}` with
 * `{state: retry, forceRetryAllJobs}` (node-api's `BuildApi.updateStage` with `StageUpdateType.Retry`).
 * The service answers 200 without a body. Unlike node-api's method, an unknown stage (404) is an error
 * here rather than a silent `null`. The PATCH is never retried after a 5xx or a timeout.
 */
export async function retryStage(send: SendRequest, request: RetryStageRequest): Promise<void> {
  await send({
    route: nodeApiRoutes.buildStages,
    method: 'PATCH',
    expect: 'empty',
    routeValues: { project: request.project, buildId: request.buildId, stageRefName: request.stageRefName },
    body: { state: stageUpdateTypes.retry, forceRetryAllJobs: request.forceRetryAllJobs ?? true },
  });
}
