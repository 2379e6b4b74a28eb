import { nodeApiRoutes } from './node-api-routes';
import { collect, defaultMaxPages, pageThrough } from './page-through';
import { parseRelease, type Release } from './parse-release';
import { type SendRequest } from './send-request';
import {
  releaseExpands,
  releaseQueryOrders,
  releaseStatuses,
  type ReleaseQueryOrder,
  type ReleaseStatus,
} from './wire-enums';

/** Which releases to list (`GET …/_apis/release/releases`). */
export interface ReleasesQuery {
  readonly project: string;
  readonly definitionId?: number;
  /** Only releases of definitions that have this stage. */
  readonly definitionEnvironmentId?: number;
  readonly statusFilter?: ReleaseStatus;
  readonly releaseIds?: readonly number[];
  readonly minCreatedTime?: Date;
  readonly maxCreatedTime?: Date;
  /** By creation; default `descending` (newest first). */
  readonly queryOrder?: ReleaseQueryOrder;
  /** Include each release's stages; default false (list items then have no environments). */
  readonly expandEnvironments?: boolean;
  /** `$top` per request; default the service's 50. */
  readonly pageSize?: number;
  /** Default 20. */
  readonly maxPages?: number;
}

/** Yields the matching releases across all pages, fetching pages as they are consumed. */
export function iterateReleases(
  send: SendRequest,
  query: ReleasesQuery,
): AsyncGenerator<Release, void, undefined> {
  return pageThrough({
    send,
    maxPages: query.maxPages ?? defaultMaxPages,
    describe: `releases of project "${query.project}"${query.definitionId === undefined ? '' : ` and definition ${query.definitionId}`}`,
    parseItem: parseRelease,
    request: (continuationToken) => ({
      route: nodeApiRoutes.releases,
      method: 'GET',
      expect: 'json',
      routeValues: { project: query.project },
      query: {
        definitionId: query.definitionId,
        definitionEnvironmentId: query.definitionEnvironmentId,
        statusFilter: query.statusFilter === undefined ? undefined : releaseStatuses[query.statusFilter],
        minCreatedTime: query.minCreatedTime,
        maxCreatedTime: query.maxCreatedTime,
        queryOrder: releaseQueryOrders[query.queryOrder ?? 'descending'],
        $top: query.pageSize,
        continuationToken,
        $expand: query.expandEnvironments === true ? releaseExpands.environments : undefined,
        releaseIdFilter: query.releaseIds?.join(','),
      },
    }),
  });
}

/** All matching releases across all pages (bounded by `maxPages`). */
export function listReleases(send: SendRequest, query: ReleasesQuery): Promise<Release[]> {
  return collect(iterateReleases(send, query));
}
