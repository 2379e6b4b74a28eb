import { nodeApiRoutes } from './node-api-routes';
import { collect, defaultMaxPages, pageThrough } from './page-through';
import { parseDeployment, type Deployment } from './parse-deployment';
import { type SendRequest } from './send-request';
import {
  deploymentOperationStatuses,
  deploymentStatuses,
  releaseQueryOrders,
  type DeploymentOperationStatus,
  type DeploymentStatus,
  type ReleaseQueryOrder,
} from './wire-enums';

/** Which deployments of one release stage to list (`GET …/_apis/release/deployments`). */
export interface DeploymentsOfStageQuery {
  readonly project: string;
  readonly definitionId: number;
  /** The stage's id in the definition (the same for every release), not a release-environment id. */
  readonly definitionEnvironmentId: number;
  readonly deploymentStatus?: DeploymentStatus;
  readonly operationStatus?: DeploymentOperationStatus;
  /** Only the latest attempt of each release's stage. */
  readonly latestAttemptsOnly?: boolean;
  /** By deployment id; default `descending` (newest first). */
  readonly queryOrder?: ReleaseQueryOrder;
  readonly minStartedTime?: Date;
  readonly maxStartedTime?: Date;
  /** `$top` per request; default the service's 50. */
  readonly pageSize?: number;
  /** Default 20. */
  readonly maxPages?: number;
}

/**
 * Yields the deployments of one stage of one release definition across all pages, fetching the next
 * page only when the previous one has been consumed (so "the newest earlier successful deployment" costs
 * one request in the usual case). node-api's `getDeployments` cannot do this: it drops the
 * `x-ms-continuationtoken` header and so only ever sees the first page.
 */
export function iterateDeploymentsOfStage(
  send: SendRequest,
  query: DeploymentsOfStageQuery,
): AsyncGenerator<Deployment, void, undefined> {
  return pageThrough({
    send,
    maxPages: query.maxPages ?? defaultMaxPages,
    describe: `deployments of stage ${query.definitionEnvironmentId} of release definition ${query.definitionId}`,
    parseItem: parseDeployment,
    request: (continuationToken) => ({
      route: nodeApiRoutes.deployments,
      method: 'GET',
      expect: 'json',
      routeValues: { project: query.project },
      query: {
        definitionId: query.definitionId,
        definitionEnvironmentId: query.definitionEnvironmentId,
        deploymentStatus:
          query.deploymentStatus === undefined ? undefined : deploymentStatuses[query.deploymentStatus],
        operationStatus:
          query.operationStatus === undefined
            ? undefined
            : deploymentOperationStatuses[query.operationStatus],
        latestAttemptsOnly: query.latestAttemptsOnly,
        queryOrder: releaseQueryOrders[query.queryOrder ?? 'descending'],
        $top: query.pageSize,
        continuationToken,
        minStartedTime: query.minStartedTime,
        maxStartedTime: query.maxStartedTime,
      },
    }),
  });
}

/** All deployments of one stage across all pages (bounded by `maxPages`). */
export function listDeploymentsOfStage(
  send: SendRequest,
  query: DeploymentsOfStageQuery,
): Promise<Deployment[]> {
  return collect(iterateDeploymentsOfStage(send, query));
}
