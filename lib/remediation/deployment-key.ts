import { type AzureDevOpsDeployment } from '../deployment-event/deployment-event-properties';
import { collectionKey } from './collection-key';

/**
 * The stable identity of one deployment: a classic release's stage (release + release environment), or a
 * YAML run's stage (run + stage name). Culprits on several entities are grouped by it, and the deployments
 * this function triggers are recorded under it for loop protection.
 */
export function deploymentKey(deployment: AzureDevOpsDeployment): string {
  const scope = `${collectionKey(deployment.collectionUri)}|${deployment.project.toLowerCase()}`;
  return deployment.kind === 'classic-release'
    ? `classic|${scope}|release ${deployment.releaseId}|environment ${deployment.releaseEnvironmentId}`
    : `yaml|${scope}|pipeline ${deployment.pipelineId}|run ${deployment.runId}|stage ${deployment.stageName.toLowerCase()}`;
}

/** A deployment in words, e.g. `Release-5 of SampleNodeJsService-CD, stage Production`. */
export function describeDeployment(deployment: AzureDevOpsDeployment): string {
  if (deployment.kind === 'classic-release') {
    const release = deployment.releaseName ?? `release ${deployment.releaseId}`;
    const definition = deployment.definitionName ?? `release pipeline ${deployment.definitionId}`;
    return `${release} of ${definition}, stage ${deployment.environmentName}`;
  }
  const run =
    deployment.runName === undefined
      ? `run ${deployment.runId}`
      : `run ${deployment.runName} (${deployment.runId})`;
  const pipeline = deployment.pipelineName ?? `pipeline ${deployment.pipelineId}`;
  return `${run} of ${pipeline}, stage ${deployment.stageName}`;
}
