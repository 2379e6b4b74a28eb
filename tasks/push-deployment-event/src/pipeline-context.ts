import {
  type AzureDevOpsDeployment,
  ROLLBACK_MARKER_VARIABLE,
} from '../../../lib/deployment-event/deployment-event-properties';

/** The predefined variables the task reads; the docs' property table lists where each one ends up. */
export const PipelineVariable = {
  collectionUri: 'System.CollectionUri',
  teamFoundationCollectionUri: 'System.TeamFoundationCollectionUri',
  teamProject: 'System.TeamProject',
  teamProjectId: 'System.TeamProjectId',
  defaultWorkingDirectory: 'System.DefaultWorkingDirectory',

  releaseId: 'Release.ReleaseId',
  releaseName: 'Release.ReleaseName',
  releaseDefinitionId: 'Release.DefinitionId',
  releaseDefinitionName: 'Release.DefinitionName',
  releaseEnvironmentId: 'Release.EnvironmentId',
  releaseDefinitionEnvironmentId: 'Release.DefinitionEnvironmentId',
  releaseEnvironmentName: 'Release.EnvironmentName',
  releaseAttempt: 'Release.AttemptNumber',
  primaryArtifactAlias: 'Release.PrimaryArtifactSourceAlias',

  pipelineId: 'System.DefinitionId',
  pipelineName: 'Build.DefinitionName',
  buildId: 'Build.BuildId',
  buildNumber: 'Build.BuildNumber',
  stageName: 'System.StageName',
  stageAttempt: 'System.StageAttempt',
  environmentName: 'Environment.Name',
  environmentId: 'Environment.Id',
  sourceVersion: 'Build.SourceVersion',
  sourceBranch: 'Build.SourceBranch',

  /** Set by the self-healing function on the stage it redeploys, so the next event is marked a rollback. */
  rollbackOfProblem: ROLLBACK_MARKER_VARIABLE,
} as const;

/** What the predefined variables say about the run the task is part of. */
export interface PipelineContext {
  /** The release or run identity; absent outside a release and outside a staged run. */
  readonly deployment?: AzureDevOpsDeployment;
  readonly teamProject?: string;
  /** The release definition's or pipeline's name. */
  readonly definitionName?: string;
  /** The release's or run's name, e.g. `Release-42` or `20261122.4`. */
  readonly runName?: string;
  /** The build number of the classic release's primary artifact, or the run's own. */
  readonly buildNumber?: string;
  /** `Release.EnvironmentName`, else `Environment.Name`, else `System.StageName`. */
  readonly stageName?: string;
  readonly rollbackOfProblem?: string;
}

/** A predefined variable has a value the task cannot use. */
export class PipelineVariableError extends Error {
  override readonly name = 'PipelineVariableError';

  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Pipeline variable ${variable}: ${detail}`);
  }
}

/**
 * Reads the predefined variables. `Release.ReleaseId` marks a classic release; otherwise `Build.BuildId`
 * with `System.StageName` marks a (YAML) pipeline run; otherwise the task runs outside both and the event
 * carries no Azure DevOps identity.
 *
 * @throws PipelineVariableError when a release or run lacks an identity variable or has a malformed one:
 *   an event without a complete identity could not be rolled back, and that must not go unnoticed.
 */
export function readPipelineContext(read: (name: string) => string | undefined): PipelineContext {
  const V = PipelineVariable;
  const text = (name: string): string | undefined => {
    const value = read(name)?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const requiredText = (name: string, kind: string): string => {
    const value = text(name);
    if (value === undefined) throw new PipelineVariableError(name, `is not set, yet a ${kind} sets it`);
    return value;
  };
  const id = (name: string): number | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value)) throw new PipelineVariableError(name, `is "${value}"; expected a whole number`);
    return Number(value);
  };
  const requiredId = (name: string, kind: string): number => {
    const value = id(name);
    if (value === undefined) throw new PipelineVariableError(name, `is not set, yet a ${kind} sets it`);
    return value;
  };
  const collectionUri = (kind: string): string => {
    const value = text(V.collectionUri) ?? text(V.teamFoundationCollectionUri);
    if (value === undefined) {
      throw new PipelineVariableError(V.collectionUri, `is not set, yet a ${kind} sets it`);
    }
    return value.endsWith('/') ? value : `${value}/`;
  };

  const teamProject = text(V.teamProject);
  const common = {
    teamProject,
    stageName: text(V.releaseEnvironmentName) ?? text(V.environmentName) ?? text(V.stageName),
    rollbackOfProblem: text(V.rollbackOfProblem),
  };

  if (text(V.releaseId) !== undefined) {
    const kind = 'classic release';
    const primaryAlias = text(V.primaryArtifactAlias);
    const artifactBuildNumber =
      primaryAlias === undefined ? undefined : text(`Release.Artifacts.${primaryAlias}.BuildNumber`);
    const definitionName = text(V.releaseDefinitionName);
    const releaseName = text(V.releaseName);
    const deployment: AzureDevOpsDeployment = {
      kind: 'classic-release',
      collectionUri: collectionUri(kind),
      project: requiredText(V.teamProject, kind),
      projectId: text(V.teamProjectId),
      definitionId: requiredId(V.releaseDefinitionId, kind),
      definitionName,
      releaseId: requiredId(V.releaseId, kind),
      releaseName,
      releaseEnvironmentId: requiredId(V.releaseEnvironmentId, kind),
      definitionEnvironmentId: requiredId(V.releaseDefinitionEnvironmentId, kind),
      environmentName: requiredText(V.releaseEnvironmentName, kind),
      attempt: id(V.releaseAttempt),
    };
    return {
      ...common,
      deployment,
      definitionName,
      runName: releaseName,
      // In a release, Build.BuildNumber is the primary artifact's build number too; the alias-specific
      // variable is preferred because it exists even when the primary artifact is not a build.
      buildNumber: artifactBuildNumber ?? text(V.buildNumber),
    };
  }

  const pipelineName = text(V.pipelineName);
  const buildNumber = text(V.buildNumber);
  if (text(V.buildId) !== undefined && text(V.stageName) !== undefined) {
    const kind = 'pipeline run';
    const deployment: AzureDevOpsDeployment = {
      kind: 'yaml',
      collectionUri: collectionUri(kind),
      project: requiredText(V.teamProject, kind),
      projectId: text(V.teamProjectId),
      pipelineId: requiredId(V.pipelineId, kind),
      pipelineName,
      runId: requiredId(V.buildId, kind),
      runName: buildNumber,
      stageName: requiredText(V.stageName, kind),
      // Absent only on agents older than stage retries; the first attempt is then the only one.
      stageAttempt: id(V.stageAttempt) ?? 1,
      environmentName: text(V.environmentName),
      environmentId: id(V.environmentId),
      sourceVersion: text(V.sourceVersion),
      sourceBranch: text(V.sourceBranch),
    };
    return { ...common, deployment, definitionName: pipelineName, runName: buildNumber, buildNumber };
  }

  return { ...common, definitionName: pipelineName, runName: buildNumber, buildNumber };
}
