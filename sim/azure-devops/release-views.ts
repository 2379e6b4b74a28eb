import {
  type DeploymentRecord,
  type DeploymentRow,
  type ReleaseDefinitionRecord,
  type ReleaseEnvironmentRecord,
  type ReleaseRecord,
  type ReleaseRevisionRecord,
  type VariableRecord,
} from './release-store';
import { identityView, projectReferenceView, type ViewContext } from './view-context';
import { unsetWireDate, wireDate } from './wire-date';
import { deploymentOperationStatus } from './wire-enum';

/**
 * JSON views of classic-release resources in the shapes of api-facts §B.1 (Release, ReleaseEnvironment,
 * DeploymentAttempt, Deployment, ReleaseRevision): camelCase enum names, PascalCase operationStatus,
 * ISO dates with Z, absolute links to the vsrm and collection hosts.
 */

/** Which optional parts a release view includes. */
export interface ReleaseViewOptions {
  readonly environments: boolean;
  readonly variables: boolean;
}

/** A `Release`. */
export function releaseView(
  release: ReleaseRecord,
  definition: ReleaseDefinitionRecord,
  context: ViewContext,
  options: ReleaseViewOptions,
): Record<string, unknown> {
  const creator = identityView(release.createdBy, context);
  return {
    id: release.id,
    name: release.name,
    status: release.status,
    createdOn: wireDate(release.createdOn),
    modifiedOn: wireDate(release.modifiedOn),
    modifiedBy: creator,
    createdBy: creator,
    createdFor: creator,
    ...(options.environments
      ? {
          environments: release.environments.map((environment) =>
            environmentView(release, definition, environment, context),
          ),
        }
      : {}),
    variables: options.variables ? variablesView(release.variables) : {},
    variableGroups: [],
    artifacts: [],
    releaseDefinition: definitionReferenceView(definition, context),
    releaseDefinitionRevision: 1,
    description: release.description,
    reason: release.reason,
    releaseNameFormat: 'Release-$(rev:r)',
    keepForever: false,
    definitionSnapshotRevision: 1,
    logsContainerUrl: `${releaseUrlOf(release, context)}/logs`,
    url: releaseUrlOf(release, context),
    _links: {
      self: { href: releaseUrlOf(release, context) },
      web: { href: releaseWebUrl(release, context) },
    },
    tags: [],
    triggeringArtifactAlias: null,
    projectReference: projectReferenceView(context),
    properties: {},
  };
}

/** A `ReleaseEnvironment` (one stage of one release) with its deployment attempts. */
export function environmentView(
  release: ReleaseRecord,
  definition: ReleaseDefinitionRecord,
  environment: ReleaseEnvironmentRecord,
  context: ViewContext,
): Record<string, unknown> {
  const creator = identityView(release.createdBy, context);
  return {
    id: environment.id,
    releaseId: release.id,
    name: environment.name,
    status: environment.status,
    variables: variablesView(environment.variables),
    variableGroups: [],
    preDeployApprovals: [],
    postDeployApprovals: [],
    preApprovalsSnapshot: { approvals: [], approvalOptions: null },
    postApprovalsSnapshot: { approvals: [], approvalOptions: null },
    deploySteps: environment.attempts.map((attempt) => deployStepView(attempt, context)),
    rank: environment.rank,
    definitionEnvironmentId: environment.definitionEnvironmentId,
    environmentOptions: {
      emailNotificationType: 'OnlyOnFailure',
      emailRecipients: 'release.environment.owner;release.creator',
      skipArtifactsDownload: false,
      timeoutInMinutes: 0,
      enableAccessToken: false,
      publishDeploymentStatus: true,
      badgeEnabled: false,
      autoLinkWorkItems: false,
      pullRequestDeploymentEnabled: false,
    },
    demands: [],
    conditions: [],
    createdOn: wireDate(environment.createdOn),
    modifiedOn: wireDate(environment.modifiedOn),
    workflowTasks: [],
    deployPhasesSnapshot: [],
    owner: creator,
    schedules: [],
    release: {
      id: release.id,
      name: release.name,
      url: releaseUrlOf(release, context),
      _links: {
        web: { href: releaseWebUrl(release, context) },
        self: { href: releaseUrlOf(release, context) },
      },
    },
    releaseDefinition: definitionReferenceView(definition, context),
    releaseCreatedBy: { id: release.createdBy.id, displayName: release.createdBy.displayName },
    triggerReason: 'After release creation',
    ...(environment.scheduledDeploymentTime === undefined
      ? {}
      : { scheduledDeploymentTime: wireDate(environment.scheduledDeploymentTime) }),
    processParameters: {},
    preDeploymentGatesSnapshot: { id: 0, gatesOptions: null, gates: [] },
    postDeploymentGatesSnapshot: { id: 0, gatesOptions: null, gates: [] },
  };
}

/** A `DeploymentAttempt` as listed in `deploySteps`. */
function deployStepView(attempt: DeploymentRecord, context: ViewContext): Record<string, unknown> {
  const requester = identityView(attempt.requestedBy, context);
  return {
    id: attempt.id,
    deploymentId: attempt.id,
    attempt: attempt.attempt,
    reason: attempt.reason,
    status: attempt.deploymentStatus,
    operationStatus: deploymentOperationStatus.wireName(attempt.operationStatus),
    releaseDeployPhases:
      attempt.startedOn === undefined
        ? []
        : [
            {
              id: attempt.id,
              phaseId: '1',
              name: 'Agent job',
              rank: 1,
              phaseType: 'agentBasedDeployment',
              status: attempt.deploymentStatus,
              runPlanId: attempt.runPlanId,
              deploymentJobs: [],
              manualInterventions: [],
              startedOn: wireDate(attempt.startedOn),
            },
          ],
    requestedBy: requester,
    requestedFor: requester,
    queuedOn: wireDate(attempt.queuedOn),
    lastModifiedBy: requester,
    lastModifiedOn: wireDate(attempt.lastModifiedOn),
    hasStarted: attempt.startedOn !== undefined,
    tasks: [],
    runPlanId: attempt.runPlanId,
    issues: [],
  };
}

/** A `Deployment` as returned by the Deployments API. */
export function deploymentView(
  row: DeploymentRow,
  definition: ReleaseDefinitionRecord,
  context: ViewContext,
): Record<string, unknown> {
  const { release, environment, deployment } = row;
  const requester = identityView(deployment.requestedBy, context);
  return {
    id: deployment.id,
    release: {
      id: release.id,
      name: release.name,
      url: releaseUrlOf(release, context),
      artifacts: [],
      webAccessUri: releaseWebUrl(release, context),
      _links: {
        self: { href: releaseUrlOf(release, context) },
        web: { href: releaseWebUrl(release, context) },
      },
      description: null,
      releaseDefinition: null,
      createdOn: unsetWireDate,
      createdBy: null,
      modifiedBy: null,
      reason: 'none',
    },
    releaseDefinition: definitionReferenceView(definition, context),
    releaseEnvironment: { id: environment.id, name: environment.name, _links: {} },
    projectReference: projectReferenceView(context),
    definitionEnvironmentId: environment.definitionEnvironmentId,
    attempt: deployment.attempt,
    reason: deployment.reason,
    deploymentStatus: deployment.deploymentStatus,
    operationStatus: deploymentOperationStatus.wireName(deployment.operationStatus),
    requestedBy: requester,
    requestedFor: requester,
    queuedOn: wireDate(deployment.queuedOn),
    ...(deployment.startedOn === undefined ? {} : { startedOn: wireDate(deployment.startedOn) }),
    ...(deployment.completedOn === undefined ? {} : { completedOn: wireDate(deployment.completedOn) }),
    lastModifiedOn: wireDate(deployment.lastModifiedOn),
    lastModifiedBy: null,
    conditions: [],
    scheduledDeploymentTime: unsetWireDate,
    preDeployApprovals: [],
    postDeployApprovals: [],
    _links: {},
  };
}

/** A `ReleaseRevision` (one entry of the release history). */
export function revisionView(
  release: ReleaseRecord,
  revision: ReleaseRevisionRecord,
  context: ViewContext,
): Record<string, unknown> {
  return {
    changedBy: identityView(revision.changedBy, context),
    changedDate: wireDate(revision.changedDate),
    changeDetails: revision.changeDetails,
    changeType: revision.changeType,
    comment: revision.comment,
    definitionSnapshotRevision: 1,
    releaseId: release.id,
  };
}

function definitionReferenceView(
  definition: ReleaseDefinitionRecord,
  context: ViewContext,
): Record<string, unknown> {
  const url = `${context.releaseUrl}${context.project.id}/_apis/Release/definitions/${definition.id}`;
  return {
    id: definition.id,
    name: definition.name,
    path: definition.path,
    projectReference: null,
    url,
    _links: {
      self: { href: url },
      web: { href: `${context.collectionUrl}${context.project.id}/_release?definitionId=${definition.id}` },
    },
  };
}

/** Secret values are never returned, as on the service. */
function variablesView(variables: Readonly<Record<string, VariableRecord>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(variables).map(([name, variable]) => [
      name,
      variable.isSecret
        ? { isSecret: true, allowOverride: variable.allowOverride }
        : { value: variable.value, allowOverride: variable.allowOverride },
    ]),
  );
}

function releaseUrlOf(release: ReleaseRecord, context: ViewContext): string {
  return `${context.releaseUrl}${context.project.id}/_apis/Release/releases/${release.id}`;
}

function releaseWebUrl(release: ReleaseRecord, context: ViewContext): string {
  return `${context.collectionUrl}${context.project.id}/_release?releaseId=${release.id}&_a=release-summary`;
}
