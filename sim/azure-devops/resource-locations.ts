/**
 * The resource locations the simulator serves, as azure-devops-node-api discovers them: before its first
 * call to an area it sends `OPTIONS {base}/_apis/{area}` and builds URLs from the returned route
 * templates; `WebApi.get*Api()` first asks `GET {collection}/_apis/ResourceAreas` which host serves an
 * area (api-facts §B.1 "discovery"). Ids, areas, resource names and the preview numbers in
 * `resourceVersion` are the ones node-api 17.0.1 requests (read from ReleaseApi.js, BuildApi.js,
 * PipelinesApi.js, TaskAgentApiBase.js and LocationsApi.js); route templates follow the service's
 * `{project}/_apis/{area}/{resource}/{id}` convention. The simulator routes requests with the same
 * table, so what it advertises is exactly what it answers.
 */

/** Which host a location lives on: the collection (`dev.azure.com/{org}`) or Release Management (`vsrm`). */
export type ServiceHost = 'collection' | 'release';

/** Stable names for the locations, used to attach handlers. */
export type LocationName =
  | 'resourceAreas'
  | 'releases'
  | 'releaseEnvironments'
  | 'releaseHistory'
  | 'deployments'
  | 'builds'
  | 'buildTimeline'
  | 'buildStages'
  | 'pipelineRuns'
  | 'environmentDeploymentRecords';

/** An `ApiResourceLocation` plus the host that serves it. */
export interface ResourceLocation {
  readonly name: LocationName;
  readonly host: ServiceHost;
  readonly id: string;
  readonly area: string;
  readonly resourceName: string;
  readonly routeTemplate: string;
  readonly resourceVersion: number;
  readonly minVersion: string;
  readonly maxVersion: string;
  readonly releasedVersion: string;
}

/** The newest api-version the simulator accepts (what `maxVersion` advertises). */
export const maxApiVersion = '7.2';

function location(
  name: LocationName,
  host: ServiceHost,
  id: string,
  area: string,
  resourceName: string,
  routeTemplate: string,
  resourceVersion: number,
): ResourceLocation {
  return {
    name,
    host,
    id,
    area,
    resourceName,
    routeTemplate,
    resourceVersion,
    minVersion: '3.0',
    maxVersion: maxApiVersion,
    releasedVersion: '7.1',
  };
}

/** Every location served, with node-api's location ids and preview numbers. */
export const resourceLocations: readonly ResourceLocation[] = [
  location(
    'resourceAreas',
    'collection',
    'e81700f7-3be2-46de-8624-2eb35882fcaa',
    'Location',
    'ResourceAreas',
    '_apis/{resource}/{areaId}',
    1,
  ),
  location(
    'releases',
    'release',
    'a166fde7-27ad-408e-ba75-703c2cc9d500',
    'Release',
    'releases',
    '{project}/_apis/{area}/{resource}/{releaseId}',
    9,
  ),
  location(
    'releaseEnvironments',
    'release',
    'a7e426b1-03dc-48af-9dfe-c98bac612dcb',
    'Release',
    'environments',
    '{project}/_apis/{area}/releases/{releaseId}/{resource}/{environmentId}',
    8,
  ),
  location(
    'releaseHistory',
    'release',
    '23f461c8-629a-4144-a076-3054fa5f268a',
    'Release',
    'history',
    '{project}/_apis/{area}/releases/{releaseId}/{resource}',
    1,
  ),
  location(
    'deployments',
    'release',
    'b005ef73-cddc-448e-9ba2-5193bf36b19f',
    'Release',
    'deployments',
    '{project}/_apis/{area}/{resource}',
    2,
  ),
  location(
    'builds',
    'collection',
    '0cd358e1-9217-4d94-8269-1c1ee6f93dcf',
    'build',
    'Builds',
    '{project}/_apis/{area}/{resource}/{buildId}',
    7,
  ),
  location(
    'buildTimeline',
    'collection',
    '8baac422-4c6e-4de5-8532-db96d92acffa',
    'build',
    'Timeline',
    '{project}/_apis/{area}/builds/{buildId}/{resource}/{timelineId}',
    3,
  ),
  location(
    'buildStages',
    'collection',
    'b8aac6c9-744b-46e1-88fc-3550969f9313',
    'build',
    'stages',
    '{project}/_apis/{area}/builds/{buildId}/{resource}/{stageRefName}',
    1,
  ),
  location(
    'pipelineRuns',
    'collection',
    '7859261e-d2e9-4a68-b820-a5d84cc5bb3d',
    'pipelines',
    'runs',
    '{project}/_apis/{area}/{pipelineId}/{resource}/{runId}',
    1,
  ),
  location(
    'environmentDeploymentRecords',
    'collection',
    '51bb5d21-4305-4ea6-9dbb-b7488af73334',
    'distributedtask',
    'environmentdeploymentrecords',
    '{project}/_apis/{area}/environments/{environmentId}/{resource}',
    1,
  ),
];

/** The `OPTIONS {base}/_apis/{area}` answer: the area's locations on that host (an empty list elsewhere). */
export function locationsOfArea(host: ServiceHost, area: string): Record<string, unknown>[] {
  return resourceLocations
    .filter((candidate) => candidate.host === host && candidate.area.toLowerCase() === area.toLowerCase())
    .map((candidate) => ({
      id: candidate.id,
      area: candidate.area,
      resourceName: candidate.resourceName,
      routeTemplate: candidate.routeTemplate,
      resourceVersion: candidate.resourceVersion,
      minVersion: candidate.minVersion,
      maxVersion: candidate.maxVersion,
      releasedVersion: candidate.releasedVersion,
    }));
}

/**
 * The `GET _apis/ResourceAreas` answer: which host serves each area node-api looks up. node-api's
 * `getPipelinesApi()` looks up area id 5264459e… (the work-item "processes" area) rather than a
 * pipelines id, so that id must be listed for the Pipelines API to resolve, as it is on the service.
 */
export function resourceAreas(collectionUrl: string, releaseUrl: string): Record<string, unknown>[] {
  return [
    { id: 'efc2f575-36ef-48e9-b672-0c6fb4a48ac5', name: 'Release', locationUrl: releaseUrl },
    { id: '965220d5-5bb9-42cf-8d67-9b146df2a5a4', name: 'build', locationUrl: collectionUrl },
    { id: 'a85b8835-c1a1-4aac-ae97-1c3d0ba72dbd', name: 'distributedtask', locationUrl: collectionUrl },
    { id: '5264459e-e5e0-4bd8-b118-0985e68a4ec5', name: 'processes', locationUrl: collectionUrl },
    { id: '79134c72-4a58-4b42-976c-04e7115f32bf', name: 'core', locationUrl: collectionUrl },
  ];
}
