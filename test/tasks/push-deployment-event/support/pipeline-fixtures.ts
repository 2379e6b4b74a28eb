import { type AzureDevOpsDeployment } from '../../../../lib/deployment-event/deployment-event-properties';

/**
 * Pipeline contexts as the agent presents them (predefined variables) and the deployment event
 * properties each must produce, written out literally: the property names are a public contract.
 */

export const COLLECTION_URI = 'https://dev.azure.com/fabrikam/';
export const PROJECT_ID = '0f2a8a9e-0000-4000-8000-000000000001';

/** A classic release: release 42 of definition 7, deploying to its Production stage (second attempt). */
export const CLASSIC_RELEASE_VARIABLES: Readonly<Record<string, string>> = {
  'System.CollectionUri': COLLECTION_URI,
  'System.TeamFoundationCollectionUri': COLLECTION_URI,
  'System.TeamProject': 'Shop',
  'System.TeamProjectId': PROJECT_ID,
  'Release.ReleaseId': '42',
  'Release.ReleaseName': 'Release-42',
  'Release.DefinitionId': '7',
  'Release.DefinitionName': 'sample-app-CD',
  'Release.EnvironmentId': '118',
  'Release.DefinitionEnvironmentId': '43',
  'Release.EnvironmentName': 'Production',
  'Release.AttemptNumber': '2',
  'Release.PrimaryArtifactSourceAlias': '_sample-app',
  'Release.Artifacts._sample-app.BuildNumber': '20261122.4',
  // A release also exposes its primary artifact's build as Build.*; the release must still win.
  'Build.BuildId': '3051',
  'Build.BuildNumber': '20261122.4',
  'Build.DefinitionName': 'sample-app-CI',
};

export const CLASSIC_RELEASE_PROPERTIES: Readonly<Record<string, string>> = {
  'dt.event.deployment.name': 'sample-app-CD Release-42',
  'dt.event.deployment.version': '20261122.4',
  'dt.event.deployment.project': 'Shop',
  'dt.event.deployment.release_stage': 'Production',
  'dt.event.deployment.release_build_version': '20261122.4',
  'dt.event.deployment.ci_back_link':
    'https://dev.azure.com/fabrikam/Shop/_releaseProgress?releaseId=42&environmentId=118&_a=release-environment-logs',
  'dt.event.is_rootcause_relevant': 'true',
  'dt.event.source': 'Unbreakable Pipeline for Azure DevOps',
  'unbreakable.contract_version': '1',
  'azuredevops.collection_uri': COLLECTION_URI,
  'azuredevops.project': 'Shop',
  'azuredevops.project_id': PROJECT_ID,
  'azuredevops.pipeline_kind': 'classic-release',
  'azuredevops.release.definition_id': '7',
  'azuredevops.release.definition_name': 'sample-app-CD',
  'azuredevops.release.id': '42',
  'azuredevops.release.name': 'Release-42',
  'azuredevops.release.environment_id': '118',
  'azuredevops.release.definition_environment_id': '43',
  'azuredevops.release.environment_name': 'Production',
  'azuredevops.release.attempt': '2',
};

/** A YAML run: run 3051 of pipeline 12, deployment job of stage Production into environment "production". */
export const YAML_RUN_VARIABLES: Readonly<Record<string, string>> = {
  'System.CollectionUri': COLLECTION_URI,
  'System.TeamProject': 'Shop',
  'System.TeamProjectId': PROJECT_ID,
  'System.DefinitionId': '12',
  'Build.DefinitionName': 'sample-app',
  'Build.BuildId': '3051',
  'Build.BuildNumber': '20261122.4',
  'System.StageName': 'Production',
  'System.StageAttempt': '2',
  'Environment.Name': 'production',
  'Environment.Id': '5',
  'Build.SourceVersion': '1c0ffee5ca1ab1e0000000000000000000000000',
  'Build.SourceBranch': 'refs/heads/main',
};

export const YAML_RUN_PROPERTIES: Readonly<Record<string, string>> = {
  'dt.event.deployment.name': 'sample-app 20261122.4',
  'dt.event.deployment.version': '20261122.4',
  'dt.event.deployment.project': 'Shop',
  'dt.event.deployment.release_stage': 'production',
  'dt.event.deployment.release_build_version': '20261122.4',
  'dt.event.deployment.ci_back_link': 'https://dev.azure.com/fabrikam/Shop/_build/results?buildId=3051',
  'dt.event.is_rootcause_relevant': 'true',
  'dt.event.source': 'Unbreakable Pipeline for Azure DevOps',
  'unbreakable.contract_version': '1',
  'azuredevops.collection_uri': COLLECTION_URI,
  'azuredevops.project': 'Shop',
  'azuredevops.project_id': PROJECT_ID,
  'azuredevops.pipeline_kind': 'yaml',
  'azuredevops.pipeline.id': '12',
  'azuredevops.pipeline.name': 'sample-app',
  'azuredevops.run.id': '3051',
  'azuredevops.run.name': '20261122.4',
  'azuredevops.stage.name': 'Production',
  'azuredevops.stage.attempt': '2',
  'azuredevops.environment.name': 'production',
  'azuredevops.environment.id': '5',
  'azuredevops.source_version': '1c0ffee5ca1ab1e0000000000000000000000000',
  'azuredevops.source_branch': 'refs/heads/main',
};

/** The identity the self-healing function must read back from an event of the classic release. */
export const CLASSIC_RELEASE_DEPLOYMENT: AzureDevOpsDeployment = {
  kind: 'classic-release',
  collectionUri: COLLECTION_URI,
  project: 'Shop',
  projectId: PROJECT_ID,
  definitionId: 7,
  definitionName: 'sample-app-CD',
  releaseId: 42,
  releaseName: 'Release-42',
  releaseEnvironmentId: 118,
  definitionEnvironmentId: 43,
  environmentName: 'Production',
  attempt: 2,
};

/** The identity the self-healing function must read back from an event of the YAML run. */
export const YAML_RUN_DEPLOYMENT: AzureDevOpsDeployment = {
  kind: 'yaml',
  collectionUri: COLLECTION_URI,
  project: 'Shop',
  projectId: PROJECT_ID,
  pipelineId: 12,
  pipelineName: 'sample-app',
  runId: 3051,
  runName: '20261122.4',
  stageName: 'Production',
  stageAttempt: 2,
  environmentName: 'production',
  environmentId: 5,
  sourceVersion: '1c0ffee5ca1ab1e0000000000000000000000000',
  sourceBranch: 'refs/heads/main',
};
