/**
 * HTTP simulator of the Azure DevOps APIs the Unbreakable Pipeline uses (Release, Build, Pipelines,
 * environment deployment records, node-api discovery), for tests, the demo and benchmarks.
 */
export {
  startAzureDevOpsSimulator,
  simulatedTokenOwner,
  type AzureDevOpsSimulator,
  type AzureDevOpsSimulatorOptions,
  type RecordedRequest,
} from './start-azure-devops-simulator';
export { AzureDevOpsState, type ProjectRecord } from './azure-devops-state';
export type * from './azure-devops-scenario';
export {
  type DeploymentCompletion,
  type DeploymentRecord,
  type ReleaseEnvironmentRecord,
  type ReleaseRecord,
} from './release-store';
export { type BuildRecord, type StageCompletion, type StageRecord } from './pipeline-store';
export { type FaultRule } from './fault-registry';
export {
  classicReleaseScenario,
  classicReleaseDefaults,
  type ClassicReleaseSpec,
  type ClassicStageStatus,
} from './classic-release-scenario';
export { yamlPipelineScenario, yamlPipelineDefaults, type YamlRunSpec } from './yaml-pipeline-scenario';
export { mergeScenarios } from './merge-scenarios';
export { sampleAzureDevOpsScenario } from './sample-azure-devops-scenario';
