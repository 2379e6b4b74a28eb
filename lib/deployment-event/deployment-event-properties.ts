/**
 * The public contract of the deployment events this product writes to Dynatrace (DESIGN §5).
 *
 * The push task builds these properties; the self-healing function reads them back from the most recent
 * deployment event on a problem's entities to decide what to roll back. Every property name here is
 * documented in the README and must stay stable: events written by older versions of the task are
 * read by newer versions of the function.
 */

/** `dt.event.source` of every event this product writes; self-healing only acts on events carrying it. */
export const EVENT_SOURCE = 'Unbreakable Pipeline for Azure DevOps';

/**
 * The release variable the self-healing function sets on every redeployment it starts (value: the problem's
 * display id). The push task turns it into the `unbreakable.rollback` / `unbreakable.rollback.problem_id`
 * properties, so a problem on a rollback is recognised and escalated instead of rolled back again.
 */
export const ROLLBACK_MARKER_VARIABLE = 'UnbreakablePipeline.RollbackOfProblem';

/** Version of the property contract. Bumped only for incompatible changes. */
export const CONTRACT_VERSION = '1';

/** Property keys: Dynatrace's standard deployment properties plus our machine-readable Azure DevOps identity. */
export const DeploymentEventProperty = {
  name: 'dt.event.deployment.name',
  version: 'dt.event.deployment.version',
  project: 'dt.event.deployment.project',
  releaseStage: 'dt.event.deployment.release_stage',
  releaseProduct: 'dt.event.deployment.release_product',
  releaseBuildVersion: 'dt.event.deployment.release_build_version',
  ciBackLink: 'dt.event.deployment.ci_back_link',
  remediationActionLink: 'dt.event.deployment.remediation_action_link',
  rootCauseRelevant: 'dt.event.is_rootcause_relevant',
  source: 'dt.event.source',

  contractVersion: 'unbreakable.contract_version',
  rollback: 'unbreakable.rollback',
  rollbackOfProblem: 'unbreakable.rollback.problem_id',

  collectionUri: 'azuredevops.collection_uri',
  teamProject: 'azuredevops.project',
  teamProjectId: 'azuredevops.project_id',
  pipelineKind: 'azuredevops.pipeline_kind',

  releaseDefinitionId: 'azuredevops.release.definition_id',
  releaseDefinitionName: 'azuredevops.release.definition_name',
  releaseId: 'azuredevops.release.id',
  releaseName: 'azuredevops.release.name',
  releaseEnvironmentId: 'azuredevops.release.environment_id',
  releaseDefinitionEnvironmentId: 'azuredevops.release.definition_environment_id',
  releaseEnvironmentName: 'azuredevops.release.environment_name',
  releaseAttempt: 'azuredevops.release.attempt',

  pipelineId: 'azuredevops.pipeline.id',
  pipelineName: 'azuredevops.pipeline.name',
  runId: 'azuredevops.run.id',
  runName: 'azuredevops.run.name',
  stageName: 'azuredevops.stage.name',
  stageAttempt: 'azuredevops.stage.attempt',
  environmentName: 'azuredevops.environment.name',
  environmentId: 'azuredevops.environment.id',
  sourceVersion: 'azuredevops.source_version',
  sourceBranch: 'azuredevops.source_branch',
} as const;

const reservedKeys: ReadonlySet<string> = new Set(Object.values(DeploymentEventProperty));

/** A classic release deployment: a release environment (stage) of a release. */
export interface ClassicReleaseDeployment {
  readonly kind: 'classic-release';
  readonly collectionUri: string;
  readonly project: string;
  readonly projectId?: string;
  readonly definitionId: number;
  readonly definitionName?: string;
  readonly releaseId: number;
  readonly releaseName?: string;
  /** The release environment id (unique per release), the id `updateReleaseEnvironment` takes. */
  readonly releaseEnvironmentId: number;
  /** The stage's id in the release definition, stable across releases. */
  readonly definitionEnvironmentId: number;
  readonly environmentName: string;
  readonly attempt?: number;
}

/** A stage of a YAML pipeline run. */
export interface YamlRunDeployment {
  readonly kind: 'yaml';
  readonly collectionUri: string;
  readonly project: string;
  readonly projectId?: string;
  readonly pipelineId: number;
  readonly pipelineName?: string;
  readonly runId: number;
  readonly runName?: string;
  /** The stage's name (its `stage:` identifier, which the stages API calls stageRefName). */
  readonly stageName: string;
  readonly stageAttempt: number;
  readonly environmentName?: string;
  readonly environmentId?: number;
  readonly sourceVersion?: string;
  readonly sourceBranch?: string;
}

export type AzureDevOpsDeployment = ClassicReleaseDeployment | YamlRunDeployment;

/** What the push task knows about one deployment. */
export interface DeploymentEventDescription {
  readonly name: string;
  readonly version: string;
  readonly project?: string;
  readonly releaseStage?: string;
  readonly releaseProduct?: string;
  readonly releaseBuildVersion?: string;
  readonly ciBackLink?: string;
  readonly remediationActionLink?: string;
  /** Set when this deployment is itself a rollback made by self-healing; loop protection reads it. */
  readonly rollbackOfProblem?: string;
  /** The Azure DevOps run or release this deployment belongs to; absent outside a pipeline. */
  readonly deployment?: AzureDevOpsDeployment;
  /** Free-form properties from the task's "custom properties" input. */
  readonly customProperties?: Readonly<Record<string, string>>;
}

/** Thrown when custom properties try to overwrite a contract property. */
export class ReservedPropertyError extends Error {
  constructor(readonly key: string) {
    super(
      `custom property "${key}" is reserved: it belongs to the deployment event contract and is set by the task itself`,
    );
    this.name = 'ReservedPropertyError';
  }
}

/** Builds the event properties (all values are strings, as Dynatrace stores them). */
export function buildDeploymentEventProperties(
  description: DeploymentEventDescription,
): Record<string, string> {
  const p = DeploymentEventProperty;
  const properties: Record<string, string> = {};
  const put = (key: string, value: string | number | undefined): void => {
    if (value !== undefined && value !== '') properties[key] = String(value);
  };

  for (const [key, value] of Object.entries(description.customProperties ?? {})) {
    if (reservedKeys.has(key)) throw new ReservedPropertyError(key);
    put(key, value);
  }

  put(p.name, description.name);
  put(p.version, description.version);
  put(p.project, description.project);
  put(p.releaseStage, description.releaseStage);
  put(p.releaseProduct, description.releaseProduct);
  put(p.releaseBuildVersion, description.releaseBuildVersion);
  put(p.ciBackLink, description.ciBackLink);
  put(p.remediationActionLink, description.remediationActionLink);
  put(p.rootCauseRelevant, 'true');
  put(p.source, EVENT_SOURCE);
  put(p.contractVersion, CONTRACT_VERSION);
  if (description.rollbackOfProblem !== undefined) {
    put(p.rollback, 'true');
    put(p.rollbackOfProblem, description.rollbackOfProblem);
  }

  const deployment = description.deployment;
  if (deployment !== undefined) {
    put(p.collectionUri, deployment.collectionUri);
    put(p.teamProject, deployment.project);
    put(p.teamProjectId, deployment.projectId);
    put(p.pipelineKind, deployment.kind);
    if (deployment.kind === 'classic-release') {
      put(p.releaseDefinitionId, deployment.definitionId);
      put(p.releaseDefinitionName, deployment.definitionName);
      put(p.releaseId, deployment.releaseId);
      put(p.releaseName, deployment.releaseName);
      put(p.releaseEnvironmentId, deployment.releaseEnvironmentId);
      put(p.releaseDefinitionEnvironmentId, deployment.definitionEnvironmentId);
      put(p.releaseEnvironmentName, deployment.environmentName);
      put(p.releaseAttempt, deployment.attempt);
    } else {
      put(p.pipelineId, deployment.pipelineId);
      put(p.pipelineName, deployment.pipelineName);
      put(p.runId, deployment.runId);
      put(p.runName, deployment.runName);
      put(p.stageName, deployment.stageName);
      put(p.stageAttempt, deployment.stageAttempt);
      put(p.environmentName, deployment.environmentName);
      put(p.environmentId, deployment.environmentId);
      put(p.sourceVersion, deployment.sourceVersion);
      put(p.sourceBranch, deployment.sourceBranch);
    }
  }
  return properties;
}

/** What the self-healing function learns from one deployment event's properties. */
export type ParsedDeploymentEvent =
  | { readonly ours: false; readonly reason: string }
  | {
      readonly ours: true;
      readonly name?: string;
      readonly version?: string;
      readonly remediationActionLink?: string;
      readonly isRollback: boolean;
      readonly rollbackOfProblem?: string;
      /** Absent when the event was written outside a pipeline or the identity is incomplete. */
      readonly deployment?: AzureDevOpsDeployment;
      /** Why `deployment` is absent or incomplete, for the explanation in the problem comment. */
      readonly problems: readonly string[];
    };

/**
 * Reads a deployment event's properties back. Tolerant: Dynatrace returns every value as a string, and
 * events written by hand or by other tools simply come back as `ours: false`.
 */
export function parseDeploymentEventProperties(
  properties: Readonly<Record<string, string | undefined>>,
): ParsedDeploymentEvent {
  const p = DeploymentEventProperty;
  if (properties[p.source] !== EVENT_SOURCE) {
    return { ours: false, reason: `${p.source} is not "${EVENT_SOURCE}"` };
  }
  const problems: string[] = [];
  const text = (key: string): string | undefined => {
    const value = properties[key]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const integer = (key: string, required: boolean): number | undefined => {
    const value = text(key);
    if (value === undefined) {
      if (required) problems.push(`${key} is missing`);
      return undefined;
    }
    if (!/^\d+$/.test(value)) {
      problems.push(`${key} is "${value}", expected a whole number`);
      return undefined;
    }
    return Number(value);
  };
  const requiredText = (key: string): string | undefined => {
    const value = text(key);
    if (value === undefined) problems.push(`${key} is missing`);
    return value;
  };

  const base = {
    ours: true as const,
    name: text(p.name),
    version: text(p.version),
    remediationActionLink: text(p.remediationActionLink),
    isRollback: text(p.rollback) === 'true',
    rollbackOfProblem: text(p.rollbackOfProblem),
  };
  const kind = text(p.pipelineKind);
  if (kind === undefined) {
    return { ...base, problems: [`${p.pipelineKind} is missing: the event was not written from a pipeline`] };
  }
  const collectionUri = requiredText(p.collectionUri);
  const project = requiredText(p.teamProject);
  const projectId = text(p.teamProjectId);

  let deployment: AzureDevOpsDeployment | undefined;
  if (kind === 'classic-release') {
    const definitionId = integer(p.releaseDefinitionId, true);
    const releaseId = integer(p.releaseId, true);
    const releaseEnvironmentId = integer(p.releaseEnvironmentId, true);
    const definitionEnvironmentId = integer(p.releaseDefinitionEnvironmentId, true);
    const environmentName = requiredText(p.releaseEnvironmentName);
    const attempt = integer(p.releaseAttempt, false);
    if (
      collectionUri !== undefined &&
      project !== undefined &&
      definitionId !== undefined &&
      releaseId !== undefined &&
      releaseEnvironmentId !== undefined &&
      definitionEnvironmentId !== undefined &&
      environmentName !== undefined
    ) {
      deployment = {
        kind,
        collectionUri,
        project,
        projectId,
        definitionId,
        definitionName: text(p.releaseDefinitionName),
        releaseId,
        releaseName: text(p.releaseName),
        releaseEnvironmentId,
        definitionEnvironmentId,
        environmentName,
        attempt,
      };
    }
  } else if (kind === 'yaml') {
    const pipelineId = integer(p.pipelineId, true);
    const runId = integer(p.runId, true);
    const stageName = requiredText(p.stageName);
    const stageAttempt = integer(p.stageAttempt, false) ?? 1;
    const environmentId = integer(p.environmentId, false);
    if (
      collectionUri !== undefined &&
      project !== undefined &&
      pipelineId !== undefined &&
      runId !== undefined &&
      stageName !== undefined
    ) {
      deployment = {
        kind,
        collectionUri,
        project,
        projectId,
        pipelineId,
        pipelineName: text(p.pipelineName),
        runId,
        runName: text(p.runName),
        stageName,
        stageAttempt,
        environmentName: text(p.environmentName),
        environmentId,
        sourceVersion: text(p.sourceVersion),
        sourceBranch: text(p.sourceBranch),
      };
    }
  } else {
    problems.push(`${p.pipelineKind} is "${kind}", expected "classic-release" or "yaml"`);
  }
  return deployment === undefined ? { ...base, problems } : { ...base, deployment, problems };
}
