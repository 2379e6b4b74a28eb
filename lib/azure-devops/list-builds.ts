import { nodeApiRoutes } from './node-api-routes';
import { collect, defaultMaxPages, pageThrough } from './page-through';
import { parseBuild, type Build } from './parse-build';
import { type SendRequest } from './send-request';
import {
  buildQueryOrders,
  buildResults,
  buildStatuses,
  type BuildQueryOrder,
  type BuildResult,
  type BuildStatus,
} from './wire-enums';

/** Which runs of a YAML pipeline to list through the Build API (`GET …/_apis/build/builds`). */
export interface BuildsQuery {
  readonly project: string;
  /** The pipeline (build definition) id. */
  readonly definitionId: number;
  readonly statusFilter?: BuildStatus;
  readonly resultFilter?: BuildResult;
  /** e.g. `refs/heads/main`. */
  readonly branchName?: string;
  /** Default `queueTimeDescending` (newest first). Finish/start-time orders list only builds that have that time. */
  readonly queryOrder?: BuildQueryOrder;
  /** Bounds on the time the order is by. */
  readonly minTime?: Date;
  readonly maxTime?: Date;
  /** `$top` per request. */
  readonly pageSize?: number;
  /** Default 20. */
  readonly maxPages?: number;
}

/** Yields the matching builds across all pages, fetching pages as they are consumed. */
export function iterateBuilds(send: SendRequest, query: BuildsQuery): AsyncGenerator<Build, void, undefined> {
  return pageThrough({
    send,
    maxPages: query.maxPages ?? defaultMaxPages,
    describe: `builds of pipeline ${query.definitionId}`,
    parseItem: parseBuild,
    request: (continuationToken) => ({
      route: nodeApiRoutes.builds,
      method: 'GET',
      expect: 'json',
      routeValues: { project: query.project },
      query: {
        definitions: String(query.definitionId),
        minTime: query.minTime,
        maxTime: query.maxTime,
        statusFilter: query.statusFilter === undefined ? undefined : buildStatuses[query.statusFilter],
        resultFilter: query.resultFilter === undefined ? undefined : buildResults[query.resultFilter],
        $top: query.pageSize,
        continuationToken,
        queryOrder: buildQueryOrders[query.queryOrder ?? 'queueTimeDescending'],
        branchName: query.branchName,
      },
    }),
  });
}

/** All matching builds across all pages (bounded by `maxPages`). */
export function listBuilds(send: SendRequest, query: BuildsQuery): Promise<Build[]> {
  return collect(iterateBuilds(send, query));
}
