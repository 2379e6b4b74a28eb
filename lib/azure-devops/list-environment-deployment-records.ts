import { nodeApiRoutes } from './node-api-routes';
import { collect, defaultMaxPages, pageThrough } from './page-through';
import {
  parseEnvironmentDeploymentRecord,
  type EnvironmentDeploymentRecord,
} from './parse-environment-deployment-record';
import { type SendRequest } from './send-request';

/** Which deployment records of a pipeline environment to list. */
export interface EnvironmentDeploymentRecordsQuery {
  readonly project: string;
  readonly environmentId: number;
  /** `top` per request. */
  readonly pageSize?: number;
  /** Default 20. */
  readonly maxPages?: number;
}

/**
 * Yields the deployment jobs that ran against a pipeline environment, newest first
 * (`GET …/_apis/distributedtask/environments/{id}/environmentdeploymentrecords`), following the string
 * continuation token across pages as they are consumed.
 */
export function iterateEnvironmentDeploymentRecords(
  send: SendRequest,
  query: EnvironmentDeploymentRecordsQuery,
): AsyncGenerator<EnvironmentDeploymentRecord, void, undefined> {
  return pageThrough({
    send,
    maxPages: query.maxPages ?? defaultMaxPages,
    describe: `deployment records of environment ${query.environmentId}`,
    parseItem: parseEnvironmentDeploymentRecord,
    request: (continuationToken) => ({
      route: nodeApiRoutes.environmentDeploymentRecords,
      method: 'GET',
      expect: 'json',
      routeValues: { project: query.project, environmentId: query.environmentId },
      query: { continuationToken, top: query.pageSize },
    }),
  });
}

/** All deployment records of a pipeline environment across all pages (bounded by `maxPages`). */
export function listEnvironmentDeploymentRecords(
  send: SendRequest,
  query: EnvironmentDeploymentRecordsQuery,
): Promise<EnvironmentDeploymentRecord[]> {
  return collect(iterateEnvironmentDeploymentRecords(send, query));
}
