import { createScenario } from './create-scenario';
import { MINUTE_MS } from './minute-sample';
import {
  type BuildCatalog,
  type EntityTag,
  type Scenario,
  type ScenarioEntity,
  type WorkloadPhase,
} from './scenario';

/** The sample app's environments, as named by its deployment groups. */
export type SampleAppEnvironment = 'Staging' | 'Production';

/** Entity ids of seed 002's sample app: one cluster in Staging, two in Production. */
export const SAMPLE_APP_ENTITY_IDS = {
  staging: {
    service: 'SERVICE-8D4E1F2A3B5C6071',
    processGroupInstance: 'PROCESS_GROUP_INSTANCE-1C2D3E4F5A6B7081',
    host: 'HOST-2B3C4D5E6F708192',
  },
  productionEast: {
    service: 'SERVICE-9E5F2A3B4C6D7182',
    processGroupInstance: 'PROCESS_GROUP_INSTANCE-3D4E5F6A7B8C9203',
    host: 'HOST-4C5D6E7F80910A23',
  },
  productionWest: {
    service: 'SERVICE-AF6A3B4C5D7E8293',
    processGroupInstance: 'PROCESS_GROUP_INSTANCE-5E6F7A8B9CAD0B34',
    host: 'HOST-6D7E8F90A1B2C345',
  },
} as const;

/**
 * How each build of the sample app behaves (seed 002, "Deploy a bad version into Staging"), per service
 * entity. Staging runs a load test against known-good endpoints (no failures); Production serves real users
 * on two clusters, with a small baseline of failing requests and four times Staging's traffic in total.
 * Build 2 fails half of all requests; build 4 is fine in Staging but about 3× slower with 10 % failures in
 * Production. Build 3 is "back to normal".
 */
export const SAMPLE_APP_BUILDS: BuildCatalog = {
  Staging: {
    '1': { responseTimeMs: 90, failureRatePercent: 0, requestsPerMinute: 300 },
    '2': { responseTimeMs: 90, failureRatePercent: 50, requestsPerMinute: 300 },
    '3': { responseTimeMs: 90, failureRatePercent: 0, requestsPerMinute: 300 },
    '4': { responseTimeMs: 90, failureRatePercent: 0, requestsPerMinute: 300 },
  },
  Production: {
    '1': { responseTimeMs: 100, failureRatePercent: 1, requestsPerMinute: 600 },
    '2': { responseTimeMs: 100, failureRatePercent: 50, requestsPerMinute: 600 },
    '3': { responseTimeMs: 100, failureRatePercent: 1, requestsPerMinute: 600 },
    '4': { responseTimeMs: 300, failureRatePercent: 10, requestsPerMinute: 600 },
  },
};

/** How long the sample app has been running on build 1 before `now`. */
export const SAMPLE_APP_HISTORY_MS = 3 * 24 * 60 * MINUTE_MS;

/** A build switch of one environment. */
export interface SampleAppDeployment {
  readonly environment: SampleAppEnvironment;
  readonly build: string | number;
  /** Epoch ms from which the build serves traffic. */
  readonly at: number;
}

/**
 * Seed 002's sample app: `SampleNodeJsService` in Staging (one service) and Production (two services, one
 * per cluster, so that queries must merge entities), each with its process group instance and host. Every
 * entity carries both tag styles the monspecs use — `DeploymentGroup:<env>` and
 * `[Environment]DEPLOYMENT_GROUP_NAME:<env>` — plus `app:SampleNodeJsService`. Both environments run build 1
 * from `now − 3 days`; `deployments` switch builds later on.
 */
export function sampleAppScenario(options: {
  now: number;
  deployments?: readonly SampleAppDeployment[];
}): Scenario {
  const historyStart = Math.floor(options.now / MINUTE_MS) * MINUTE_MS - SAMPLE_APP_HISTORY_MS;
  const clusters: readonly Cluster[] = [
    { environment: 'Staging', label: 'staging-1', ids: SAMPLE_APP_ENTITY_IDS.staging },
    { environment: 'Production', label: 'production-east-1', ids: SAMPLE_APP_ENTITY_IDS.productionEast },
    { environment: 'Production', label: 'production-west-1', ids: SAMPLE_APP_ENTITY_IDS.productionWest },
  ];
  const entities = clusters.flatMap((cluster) => clusterEntities(cluster, historyStart));
  const workloads: Record<string, WorkloadPhase[]> = {};
  for (const cluster of clusters) {
    workloads[cluster.ids.service] = [
      { from: historyStart, profile: buildProfile(cluster.environment, '1', 'scenario history') },
    ];
  }
  (options.deployments ?? []).forEach((deployment, index) => {
    const profile = buildProfile(deployment.environment, String(deployment.build), `deployments[${index}]`);
    for (const cluster of clusters.filter((candidate) => candidate.environment === deployment.environment)) {
      workloads[cluster.ids.service]?.push({ from: deployment.at, profile });
    }
  });
  return createScenario({ entities, workloads, builds: SAMPLE_APP_BUILDS });
}

interface Cluster {
  readonly environment: SampleAppEnvironment;
  readonly label: string;
  readonly ids: { readonly service: string; readonly processGroupInstance: string; readonly host: string };
}

function buildProfile(environment: string, build: string, where: string): WorkloadPhase['profile'] {
  const profile = SAMPLE_APP_BUILDS[environment]?.[build];
  if (!profile) {
    const known = Object.keys(SAMPLE_APP_BUILDS[environment] ?? {}).join(', ');
    throw new RangeError(
      `${where}: the sample app has no build ${JSON.stringify(build)} in ${JSON.stringify(environment)} (known builds: ${known || 'none'})`,
    );
  }
  return { ...profile, build };
}

function environmentTags(environment: SampleAppEnvironment): EntityTag[] {
  return [
    { context: 'CONTEXTLESS', key: 'DeploymentGroup', value: environment },
    { context: 'ENVIRONMENT', key: 'DEPLOYMENT_GROUP_NAME', value: environment },
    { context: 'CONTEXTLESS', key: 'app', value: 'SampleNodeJsService' },
  ];
}

function clusterEntities(cluster: Cluster, firstSeenTms: number): ScenarioEntity[] {
  const tags = environmentTags(cluster.environment);
  const suffix =
    cluster.environment === 'Staging' ? '' : ` (${cluster.label.split('-')[1] ?? cluster.label})`;
  return [
    {
      id: cluster.ids.service,
      type: 'SERVICE',
      displayName: `${cluster.environment}/SampleNodeJsService${suffix}`,
      tags,
      environment: cluster.environment,
      firstSeenTms,
      properties: { serviceType: 'WEB_REQUEST', serviceTechnologyTypes: 'Node.js' },
    },
    {
      id: cluster.ids.processGroupInstance,
      type: 'PROCESS_GROUP_INSTANCE',
      displayName: `SampleNodeJsService on ${cluster.label}`,
      tags,
      environment: cluster.environment,
      firstSeenTms,
      properties: { processType: 'NODE_JS' },
    },
    {
      id: cluster.ids.host,
      type: 'HOST',
      displayName: cluster.label,
      tags,
      environment: cluster.environment,
      firstSeenTms,
      properties: { osType: 'LINUX' },
    },
  ];
}
