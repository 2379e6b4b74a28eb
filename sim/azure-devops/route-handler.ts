import { invalidArgument } from './ado-service-error';
import { type IdentitySeed } from './azure-devops-scenario';
import { type AzureDevOpsState, type ProjectRecord } from './azure-devops-state';
import { type ContinuationPage } from './continuation-page';
import { type QueryReader } from './query-reader';
import { type LocationName } from './resource-locations';
import { type ViewContext } from './view-context';

/** What a route handler gets: the parsed request, the model and the hosts' URLs. */
export interface RouteRequest {
  readonly method: string;
  readonly routeValues: Readonly<Record<string, string>>;
  readonly query: QueryReader;
  /** The parsed JSON body, or undefined when there was none. */
  readonly body: unknown;
  readonly state: AzureDevOpsState;
  readonly collectionUrl: string;
  readonly releaseUrl: string;
  /** The identity the credential belongs to; requests made through the API are attributed to it. */
  readonly requester: IdentitySeed;
}

/** A handler's answer: a JSON body (or none) and extra headers. */
export interface RouteResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Handles one method of one resource location. */
export type RouteHandler = (request: RouteRequest) => RouteResponse;

/** Handlers per location and method. */
export type LocationHandlers = Partial<
  Record<LocationName, Partial<Record<'GET' | 'PATCH' | 'POST', RouteHandler>>>
>;

/** The `{project}` route value resolved (404 TF200016 when unknown) with the view context for it. */
export function projectContext(request: RouteRequest): { project: ProjectRecord; context: ViewContext } {
  const project = request.state.requireProject(request.routeValues['project'] ?? '');
  return {
    project,
    context: { collectionUrl: request.collectionUrl, releaseUrl: request.releaseUrl, project },
  };
}

/** A list answer `{count, value}` with the continuation header when there is a next page. */
export function listResponse(page: ContinuationPage<Record<string, unknown>>): RouteResponse {
  return {
    status: 200,
    body: { count: page.items.length, value: page.items },
    ...(page.continuationToken === undefined
      ? {}
      : { headers: { 'x-ms-continuationtoken': page.continuationToken } }),
  };
}

/** An integer route value, or undefined when the path leaves it out; a non-integer is a 400 naming it. */
export function routeInt(request: RouteRequest, name: string): number | undefined {
  const raw = request.routeValues[name];
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw))
    throw invalidArgument(`The route value '${name}' must be an integer, found '${raw}'.`);
  return Number(raw);
}
