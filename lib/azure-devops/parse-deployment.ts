import { parseIdentityRef, type IdentityRef } from './parse-identity-ref';
import {
  deploymentOperationStatuses,
  deploymentReasons,
  deploymentStatuses,
  type DeploymentOperationStatus,
  type DeploymentReason,
  type DeploymentStatus,
} from './wire-enums';
import { type WireReader } from './wire-reader';

/** One deployment attempt of a release stage as the Deployments API lists it. */
export interface Deployment {
  readonly id: number;
  readonly attempt: number;
  readonly reason: DeploymentReason;
  readonly deploymentStatus: DeploymentStatus;
  readonly operationStatus: DeploymentOperationStatus;
  readonly releaseId: number;
  readonly releaseName: string;
  readonly definitionId: number;
  readonly definitionName: string;
  /** The release-environment id (what a redeploy PATCHes). */
  readonly releaseEnvironmentId: number;
  readonly releaseEnvironmentName: string;
  /** The stage's id in the definition (the same for every release). */
  readonly definitionEnvironmentId: number;
  readonly queuedOn: Date | undefined;
  readonly startedOn: Date | undefined;
  readonly completedOn: Date | undefined;
  readonly lastModifiedOn: Date | undefined;
  readonly requestedFor: IdentityRef | undefined;
}

/** Reads a `Deployment` list item. */
export function parseDeployment(reader: WireReader): Deployment {
  const release = reader.field('release');
  const definition = reader.field('releaseDefinition');
  const environment = reader.field('releaseEnvironment');
  return {
    id: reader.field('id').integer(),
    attempt: reader.field('attempt').integer(),
    reason: reader.field('reason').enumName(deploymentReasons, 'DeploymentReason'),
    deploymentStatus: reader.field('deploymentStatus').enumName(deploymentStatuses, 'DeploymentStatus'),
    operationStatus: reader
      .field('operationStatus')
      .enumName(deploymentOperationStatuses, 'DeploymentOperationStatus'),
    releaseId: release.field('id').integer(),
    releaseName: release.field('name').string(),
    definitionId: definition.field('id').integer(),
    definitionName: definition.field('name').string(),
    releaseEnvironmentId: environment.field('id').integer(),
    releaseEnvironmentName: environment.field('name').string(),
    definitionEnvironmentId: reader.field('definitionEnvironmentId').integer(),
    queuedOn: reader.field('queuedOn').date(),
    startedOn: reader.field('startedOn').date(),
    completedOn: reader.field('completedOn').date(),
    lastModifiedOn: reader.field('lastModifiedOn').date(),
    requestedFor: parseIdentityRef(reader.field('requestedFor')),
  };
}
