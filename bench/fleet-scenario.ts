import {
  buildDeploymentEventProperties,
  type ClassicReleaseDeployment,
} from '../lib/deployment-event/deployment-event-properties';
import {
  type AzureDevOpsScenario,
  type AzureDevOpsSimulator,
  classicReleaseScenario,
  mergeScenarios,
} from '../sim/azure-devops';
import { createScenario, type Scenario, type SeededEvent } from '../sim/dynatrace';

/** One service of the fleet: its Dynatrace entity and its classic release definition. */
export interface FleetService {
  readonly name: string;
  /** `SERVICE-F1EE70000000000A` and so on. */
  readonly entityId: string;
  readonly definitionId: number;
  readonly definitionName: string;
  readonly productionStageId: number;
  /** The release whose Production deployment succeeded before the bad one: the rollback target. */
  readonly goodReleaseId: number;
  /** The release deployed 30 minutes before its problem started. */
  readonly badReleaseId: number;
}

export const FLEET_PROJECT = 'Fabrikam Fiber';

/** `count` services, each with its own release definition and two releases (good, then bad). */
export function fleetServices(count: number): FleetService[] {
  return Array.from({ length: count }, (_, index) => {
    const name = `fleet-service-${String(index + 1).padStart(2, '0')}`;
    return {
      name,
      entityId: `SERVICE-F1EE7000000000${(index + 1).toString(16).toUpperCase().padStart(2, '0')}`,
      definitionId: index + 1,
      definitionName: `${name}-CD`,
      productionStageId: 1001 + 2 * index,
      goodReleaseId: 2 * index + 1,
      badReleaseId: 2 * index + 2,
    };
  });
}

/** The fleet's release history in Azure DevOps: for every service, both releases succeeded in Production. */
export function fleetAzureDevOpsScenario(
  services: readonly FleetService[],
  now: number,
): AzureDevOpsScenario {
  return mergeScenarios(
    ...services.map((service) =>
      classicReleaseScenario({
        now,
        project: FLEET_PROJECT,
        definitionId: service.definitionId,
        definitionName: service.definitionName,
        stagingStageId: service.productionStageId - 1,
        productionStageId: service.productionStageId,
        releases: [
          { id: service.goodReleaseId, productionStatus: 'succeeded' },
          { id: service.badReleaseId, productionStatus: 'succeeded' },
        ],
      }),
    ),
  );
}

/**
 * The fleet in Dynatrace: one service entity per service, each carrying the CUSTOM_DEPLOYMENT event the push
 * task wrote when its bad release reached Production (`deployedAt`), with the release identity read from the
 * running Azure DevOps simulator.
 */
export function fleetDynatraceScenario(
  services: readonly FleetService[],
  ado: AzureDevOpsSimulator,
  deployedAt: number,
): Scenario {
  const events: SeededEvent[] = services.map((service) => {
    const environment = ado.state.releases.environment(service.badReleaseId, 'Production');
    if (environment === undefined) {
      throw new Error(
        `release ${service.badReleaseId} has no Production stage in the Azure DevOps simulator`,
      );
    }
    const deployment: ClassicReleaseDeployment = {
      kind: 'classic-release',
      collectionUri: ado.collectionUrl,
      project: FLEET_PROJECT,
      definitionId: service.definitionId,
      definitionName: service.definitionName,
      releaseId: service.badReleaseId,
      releaseName: `Release-${service.badReleaseId}`,
      releaseEnvironmentId: environment.id,
      definitionEnvironmentId: service.productionStageId,
      environmentName: 'Production',
      attempt: environment.attempts.length,
    };
    return {
      eventType: 'CUSTOM_DEPLOYMENT',
      title: `${service.definitionName} Release-${service.badReleaseId}`,
      entityId: service.entityId,
      startTime: deployedAt,
      endTime: deployedAt + 60_000,
      properties: buildDeploymentEventProperties({
        name: service.name,
        version: String(service.badReleaseId),
        deployment,
      }),
    };
  });
  return createScenario({
    entities: services.map((service) => ({
      id: service.entityId,
      type: 'SERVICE',
      displayName: service.name,
      tags: [{ context: 'CONTEXTLESS', key: 'app', value: service.name }],
      environment: 'Production',
    })),
    events,
  });
}
