import {
  buildDeploymentEventProperties,
  parseDeploymentEventProperties,
  type ClassicReleaseDeployment,
  type DeploymentEventDescription,
  type YamlRunDeployment,
} from '../../../lib/deployment-event/deployment-event-properties';
import { type EntityFinding, type ImpactedEntity, type ObservedEvent } from '../../../lib/remediation';

export const T0 = Date.parse('2026-01-15T12:00:00Z');
export const MINUTE = 60_000;
export const COLLECTION = 'https://dev.azure.com/fabrikam/';

export const east: ImpactedEntity = { id: 'SERVICE-9E5F2A3B4C6D7182', type: 'SERVICE', name: 'east' };
export const west: ImpactedEntity = { id: 'SERVICE-AF6A3B4C5D7E8293', type: 'SERVICE', name: 'west' };

/** Release `releaseId`'s Production stage of definition 1; release environment ids are `releaseId * 10 + 2`. */
export function classic(
  releaseId: number,
  extra: Partial<ClassicReleaseDeployment> = {},
): ClassicReleaseDeployment {
  return {
    kind: 'classic-release',
    collectionUri: COLLECTION,
    project: 'Fabrikam Fiber',
    definitionId: 1,
    definitionName: 'SampleNodeJsService-CD',
    releaseId,
    releaseName: `Release-${releaseId}`,
    releaseEnvironmentId: releaseId * 10 + 2,
    definitionEnvironmentId: 2,
    environmentName: 'Production',
    attempt: 1,
    ...extra,
  };
}

/** Run `runId`'s Production stage of pipeline 7. */
export function yaml(runId: number, extra: Partial<YamlRunDeployment> = {}): YamlRunDeployment {
  return {
    kind: 'yaml',
    collectionUri: COLLECTION,
    project: 'Fabrikam Fiber',
    pipelineId: 7,
    pipelineName: 'SampleNodeJsService-CD',
    runId,
    runName: `20260115.${runId}`,
    stageName: 'Production',
    stageAttempt: 1,
    sourceBranch: 'refs/heads/main',
    ...extra,
  };
}

/** A CUSTOM_DEPLOYMENT event with the properties the push task writes. */
export function ourEvent(
  eventId: string,
  startTime: number,
  description: Partial<DeploymentEventDescription> = {},
): ObservedEvent {
  return {
    eventId,
    eventType: 'CUSTOM_DEPLOYMENT',
    startTime,
    properties: buildDeploymentEventProperties({ name: 'SampleNodeJsService', version: '1', ...description }),
  };
}

/** A CUSTOM_DEPLOYMENT event written by some other tool. */
export function foreignEvent(eventId: string, startTime: number): ObservedEvent {
  return { eventId, eventType: 'CUSTOM_DEPLOYMENT', startTime, properties: { 'dt.event.source': 'Jenkins' } };
}

/** The finding of an entity whose culprit is `event` (which must be ours). */
export function found(entity: ImpactedEntity, event: ObservedEvent): EntityFinding {
  const parsed = parseDeploymentEventProperties(event.properties);
  if (!parsed.ours) throw new Error(`event ${event.eventId} is not ours`);
  return { kind: 'deployment', entity, event, parsed };
}

/** The finding of an entity without a deployment of ours. */
export function none(entity: ImpactedEntity, reason = 'no deployment event'): EntityFinding {
  return { kind: 'none', entity, reason };
}
