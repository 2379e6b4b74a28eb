/**
 * Azure DevOps client of the Unbreakable Pipeline: releases, deployments and redeploys of classic
 * release stages; builds, timelines, stage retries and runs of YAML pipelines — typed, paged, bounded
 * and secret-safe, over azure-devops-node-api.
 */
export {
  createAzureDevOpsConnection,
  type AzureDevOpsConnection,
  type AzureDevOpsConnectionOptions,
} from './create-azure-devops-connection';
export { AzureDevOpsError, type AzureDevOpsErrorKind } from './azure-devops-error';
export { type AzureDevOpsLogger } from './azure-devops-logger';
export { defaultRetryPolicy, type RetryPolicy } from './retry-policy';
export { normalizeCollectionUrl } from './normalize-collection-url';
export { type ReleasesQuery } from './list-releases';
export { type DeploymentsOfStageQuery } from './list-deployments-of-stage';
export { type RedeployRequest, type StageVariable } from './redeploy-release-environment';
export { type BuildsQuery } from './list-builds';
export { type RetryStageRequest } from './retry-stage';
export { type RunPipelineRequest, type RunResourceVersion, type RunVariable } from './run-pipeline';
export { type EnvironmentDeploymentRecordsQuery } from './list-environment-deployment-records';
export { type IdentityRef } from './parse-identity-ref';
export {
  type ConfigurationVariable,
  type DeploymentAttempt,
  type Release,
  type ReleaseEnvironment,
} from './parse-release';
export { type Deployment } from './parse-deployment';
export { type Build } from './parse-build';
export { type Timeline, type TimelineAttempt, type TimelineRecord } from './parse-timeline';
export { type PipelineRun } from './parse-pipeline-run';
export { type EnvironmentDeploymentRecord } from './parse-environment-deployment-record';
export type {
  BuildQueryOrder,
  BuildResult,
  BuildStatus,
  DeploymentOperationStatus,
  DeploymentReason,
  DeploymentStatus,
  EnvironmentStatus,
  ReleaseQueryOrder,
  ReleaseStatus,
  RunResult,
  RunState,
  TaskResult,
  TimelineRecordState,
} from './wire-enums';
