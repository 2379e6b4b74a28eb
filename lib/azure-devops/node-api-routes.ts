/** The node-api client a route is served through, which also decides the host (collection or vsrm). */
export type ApiArea = 'release' | 'build' | 'pipelines' | 'distributedtask';

/**
 * One REST resource as azure-devops-node-api 17 addresses it: the area name and location id its
 * generated method passes to `vsoClient.getVersioningData`, and the api-version it requests. The
 * connection issues exactly the request that method would (same discovery, URL, Accept header and
 * body), through node-api's own `vsoClient` and `rest` client, but keeps the status code and the
 * `x-ms-continuationtoken` header that the generated methods discard.
 */
export interface NodeApiRoute {
  readonly area: ApiArea;
  /** The area name node-api uses for the OPTIONS discovery call (`_apis/{areaName}`). */
  readonly areaName: string;
  readonly locationId: string;
  readonly apiVersion: string;
  /** The generated method this route mirrors, for readers and error messages. */
  readonly mirrors: string;
}

/** The routes the product uses, keyed by what they address. */
export const nodeApiRoutes = {
  releases: {
    area: 'release',
    areaName: 'Release',
    locationId: 'a166fde7-27ad-408e-ba75-703c2cc9d500',
    apiVersion: '7.2-preview.9',
    mirrors: 'ReleaseApi.getReleases / getRelease',
  },
  releaseEnvironments: {
    area: 'release',
    areaName: 'Release',
    locationId: 'a7e426b1-03dc-48af-9dfe-c98bac612dcb',
    apiVersion: '7.2-preview.8',
    mirrors: 'ReleaseApi.getReleaseEnvironment / updateReleaseEnvironment',
  },
  deployments: {
    area: 'release',
    areaName: 'Release',
    locationId: 'b005ef73-cddc-448e-9ba2-5193bf36b19f',
    apiVersion: '7.2-preview.2',
    mirrors: 'ReleaseApi.getDeployments',
  },
  builds: {
    area: 'build',
    areaName: 'build',
    locationId: '0cd358e1-9217-4d94-8269-1c1ee6f93dcf',
    apiVersion: '7.2-preview.7',
    mirrors: 'BuildApi.getBuilds / getBuild',
  },
  buildTimeline: {
    area: 'build',
    areaName: 'build',
    locationId: '8baac422-4c6e-4de5-8532-db96d92acffa',
    apiVersion: '7.2-preview.3',
    mirrors: 'BuildApi.getBuildTimeline',
  },
  buildStages: {
    area: 'build',
    areaName: 'build',
    locationId: 'b8aac6c9-744b-46e1-88fc-3550969f9313',
    apiVersion: '7.2-preview.1',
    mirrors: 'BuildApi.updateStage',
  },
  pipelineRuns: {
    area: 'pipelines',
    areaName: 'pipelines',
    locationId: '7859261e-d2e9-4a68-b820-a5d84cc5bb3d',
    apiVersion: '7.2-preview.1',
    mirrors: 'PipelinesApi.listRuns / getRun / runPipeline',
  },
  environmentDeploymentRecords: {
    area: 'distributedtask',
    areaName: 'distributedtask',
    locationId: '51bb5d21-4305-4ea6-9dbb-b7488af73334',
    apiVersion: '7.2-preview.1',
    mirrors: 'TaskAgentApiBase.getEnvironmentDeploymentExecutionRecords',
  },
} as const satisfies Record<string, NodeApiRoute>;
