import { type AzureDevOpsDeployment } from '../../../lib/deployment-event/deployment-event-properties';
import { type PipelineContext } from './pipeline-context';

/** What an empty deployment input stands for in the current release or run. */
export interface DeploymentDefaults {
  /** `<definition> <release or run name>`. */
  readonly name?: string;
  /** The primary artifact's (classic) or the run's build number, else the release name. */
  readonly version?: string;
  readonly project?: string;
  readonly releaseStage?: string;
  /** The logs of the release stage, or the run's results page. */
  readonly ciBackLink?: string;
}

/**
 * Derives the defaults of the deployment inputs from the pipeline context. They are computed here rather
 * than written as `$(Release.…)` defaults in task.json, because a YAML run has no `Release.*` variables and
 * would send the macro text itself.
 */
export function deploymentDefaults(context: PipelineContext): DeploymentDefaults {
  const name = [context.definitionName, context.runName].filter((part) => part !== undefined).join(' ');
  return {
    name: name === '' ? undefined : name,
    version: context.buildNumber ?? context.runName,
    project: context.teamProject,
    releaseStage: context.stageName,
    ciBackLink: context.deployment === undefined ? undefined : ciBackLinkOf(context.deployment),
  };
}

function ciBackLinkOf(deployment: AzureDevOpsDeployment): string {
  const project = `${deployment.collectionUri}${encodeURIComponent(deployment.project)}`;
  if (deployment.kind === 'classic-release') {
    const query = new URLSearchParams({
      releaseId: String(deployment.releaseId),
      environmentId: String(deployment.releaseEnvironmentId),
      _a: 'release-environment-logs',
    });
    return `${project}/_releaseProgress?${query.toString()}`;
  }
  return `${project}/_build/results?${new URLSearchParams({ buildId: String(deployment.runId) }).toString()}`;
}
