import { parseIdentityRef, type IdentityRef } from './parse-identity-ref';
import {
  deploymentOperationStatuses,
  deploymentReasons,
  deploymentStatuses,
  environmentStatuses,
  releaseStatuses,
  type DeploymentOperationStatus,
  type DeploymentReason,
  type DeploymentStatus,
  type EnvironmentStatus,
  type ReleaseStatus,
} from './wire-enums';
import { type WireReader } from './wire-reader';

/** A release or stage variable (`ConfigurationVariableValue`); secret values are never returned. */
export interface ConfigurationVariable {
  readonly value: string | undefined;
  readonly isSecret: boolean;
  readonly allowOverride: boolean;
}

/** One deployment attempt of a release stage (an entry of `deploySteps`). */
export interface DeploymentAttempt {
  /** The deployment id (the same id the Deployments API lists). */
  readonly deploymentId: number;
  readonly attempt: number;
  readonly reason: DeploymentReason;
  readonly status: DeploymentStatus;
  readonly operationStatus: DeploymentOperationStatus;
  readonly hasStarted: boolean;
  readonly queuedOn: Date | undefined;
  readonly lastModifiedOn: Date | undefined;
  readonly requestedFor: IdentityRef | undefined;
}

/** One stage of one release (`ReleaseEnvironment`). */
export interface ReleaseEnvironment {
  /** The release-environment id: what `PATCH …/environments/{id}` takes. Unique per release. */
  readonly id: number;
  readonly releaseId: number;
  readonly name: string;
  /** The stable id of the stage in the release definition: the same for every release. */
  readonly definitionEnvironmentId: number;
  readonly rank: number;
  readonly status: EnvironmentStatus;
  readonly variables: Readonly<Record<string, ConfigurationVariable>>;
  /** Attempts, oldest first. */
  readonly deploySteps: readonly DeploymentAttempt[];
  readonly scheduledDeploymentTime: Date | undefined;
  readonly modifiedOn: Date | undefined;
}

/** A classic release (`Release`). */
export interface Release {
  readonly id: number;
  readonly name: string;
  readonly status: ReleaseStatus;
  readonly definitionId: number;
  readonly definitionName: string;
  readonly createdOn: Date | undefined;
  readonly modifiedOn: Date | undefined;
  readonly description: string | undefined;
  readonly variables: Readonly<Record<string, ConfigurationVariable>>;
  /** Present on a single release and on list items fetched with environments expanded, else empty. */
  readonly environments: readonly ReleaseEnvironment[];
  /** The release summary page, for links in comments. */
  readonly webUrl: string | undefined;
}

/** Reads a `Release` body. */
export function parseRelease(reader: WireReader): Release {
  const definition = reader.field('releaseDefinition');
  return {
    id: reader.field('id').integer(),
    name: reader.field('name').string(),
    status: reader.field('status').enumName(releaseStatuses, 'ReleaseStatus'),
    definitionId: definition.field('id').integer(),
    definitionName: definition.field('name').string(),
    createdOn: reader.field('createdOn').date(),
    modifiedOn: reader.field('modifiedOn').date(),
    description: reader.field('description').optionalString(),
    variables: parseVariables(reader.field('variables')),
    environments: reader.field('environments').optionalItems().map(parseReleaseEnvironment),
    webUrl: reader.field('_links').present
      ? reader.field('_links').field('web').field('href').optionalString()
      : undefined,
  };
}

/** Reads a `ReleaseEnvironment` body. */
export function parseReleaseEnvironment(reader: WireReader): ReleaseEnvironment {
  return {
    id: reader.field('id').integer(),
    releaseId: reader.field('releaseId').integer(),
    name: reader.field('name').string(),
    definitionEnvironmentId: reader.field('definitionEnvironmentId').integer(),
    rank: reader.field('rank').integer(),
    status: reader.field('status').enumName(environmentStatuses, 'EnvironmentStatus'),
    variables: parseVariables(reader.field('variables')),
    deploySteps: reader.field('deploySteps').optionalItems().map(parseDeploymentAttempt),
    scheduledDeploymentTime: reader.field('scheduledDeploymentTime').date(),
    modifiedOn: reader.field('modifiedOn').date(),
  };
}

function parseDeploymentAttempt(reader: WireReader): DeploymentAttempt {
  return {
    deploymentId: reader.field('deploymentId').integer(),
    attempt: reader.field('attempt').integer(),
    reason: reader.field('reason').enumName(deploymentReasons, 'DeploymentReason'),
    status: reader.field('status').enumName(deploymentStatuses, 'DeploymentStatus'),
    operationStatus: reader
      .field('operationStatus')
      .enumName(deploymentOperationStatuses, 'DeploymentOperationStatus'),
    hasStarted: reader.field('hasStarted').boolean(false),
    queuedOn: reader.field('queuedOn').date(),
    lastModifiedOn: reader.field('lastModifiedOn').date(),
    requestedFor: parseIdentityRef(reader.field('requestedFor')),
  };
}

function parseVariables(reader: WireReader): Record<string, ConfigurationVariable> {
  return Object.fromEntries(
    reader.entries().map(([name, variable]) => [
      name,
      {
        value: variable.field('value').optionalString(),
        isSecret: variable.field('isSecret').boolean(false),
        allowOverride: variable.field('allowOverride').boolean(false),
      },
    ]),
  );
}
