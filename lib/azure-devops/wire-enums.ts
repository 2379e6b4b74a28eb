/**
 * Azure DevOps enums by camelCase name with their numeric values (azure-devops-node-api 17
 * interfaces; api-facts §B.0). Requests send the numbers, as node-api does; responses are read by name
 * or number and exposed by name.
 */

/** Status of a release stage (`ReleaseEnvironment.status`). A failed deployment leaves it `rejected`. */
export const environmentStatuses = {
  undefined: 0,
  notStarted: 1,
  inProgress: 2,
  succeeded: 4,
  canceled: 8,
  rejected: 16,
  queued: 32,
  scheduled: 64,
  partiallySucceeded: 128,
} as const;
export type EnvironmentStatus = keyof typeof environmentStatuses;

/** Outcome of a deployment attempt (`Deployment.deploymentStatus`, `DeploymentAttempt.status`). */
export const deploymentStatuses = {
  undefined: 0,
  notDeployed: 1,
  inProgress: 2,
  succeeded: 4,
  partiallySucceeded: 8,
  failed: 16,
  all: 31,
} as const;
export type DeploymentStatus = keyof typeof deploymentStatuses;

/** Finer state of a deployment attempt (`operationStatus`, PascalCase on the wire). */
export const deploymentOperationStatuses = {
  undefined: 0,
  queued: 1,
  scheduled: 2,
  pending: 4,
  approved: 8,
  rejected: 16,
  deferred: 32,
  queuedForAgent: 64,
  phaseInProgress: 128,
  phaseSucceeded: 256,
  phasePartiallySucceeded: 512,
  phaseFailed: 1024,
  canceled: 2048,
  phaseCanceled: 4096,
  manualInterventionPending: 8192,
  queuedForPipeline: 16384,
  cancelling: 32768,
  evaluatingGates: 65536,
  gateFailed: 131072,
  all: 258047,
} as const;
export type DeploymentOperationStatus = keyof typeof deploymentOperationStatuses;

/** Why a deployment attempt ran; a redeploy of a stage is `redeployTrigger`. */
export const deploymentReasons = {
  none: 0,
  manual: 1,
  automated: 2,
  scheduled: 4,
  redeployTrigger: 8,
} as const;
export type DeploymentReason = keyof typeof deploymentReasons;

/** Status of a release. */
export const releaseStatuses = { undefined: 0, draft: 1, active: 2, abandoned: 4 } as const;
export type ReleaseStatus = keyof typeof releaseStatuses;

/** Order of the release and deployment lists (by id, i.e. by creation). */
export const releaseQueryOrders = { descending: 0, ascending: 1 } as const;
export type ReleaseQueryOrder = keyof typeof releaseQueryOrders;

/** `$expand` of the release list. */
export const releaseExpands = {
  none: 0,
  environments: 2,
  artifacts: 4,
  approvals: 8,
  manualInterventions: 16,
  variables: 32,
  tags: 64,
} as const;

/** Status of a build (a YAML run). */
export const buildStatuses = {
  none: 0,
  inProgress: 1,
  completed: 2,
  cancelling: 4,
  postponed: 8,
  notStarted: 32,
  all: 47,
} as const;
export type BuildStatus = keyof typeof buildStatuses;

/** Result of a completed build. */
export const buildResults = {
  none: 0,
  succeeded: 2,
  partiallySucceeded: 4,
  failed: 8,
  canceled: 32,
} as const;
export type BuildResult = keyof typeof buildResults;

/** Order of the build list. */
export const buildQueryOrders = {
  finishTimeAscending: 2,
  finishTimeDescending: 3,
  queueTimeDescending: 4,
  queueTimeAscending: 5,
  startTimeDescending: 6,
  startTimeAscending: 7,
} as const;
export type BuildQueryOrder = keyof typeof buildQueryOrders;

/** State of a timeline record (stage, phase, job). */
export const timelineRecordStates = { pending: 0, inProgress: 1, completed: 2 } as const;
export type TimelineRecordState = keyof typeof timelineRecordStates;

/** Result of a timeline record or of an environment deployment. */
export const taskResults = {
  succeeded: 0,
  succeededWithIssues: 1,
  failed: 2,
  canceled: 3,
  skipped: 4,
  abandoned: 5,
} as const;
export type TaskResult = keyof typeof taskResults;

/** What a stage update asks for (`UpdateStageParameters.state`). */
export const stageUpdateTypes = { cancel: 0, retry: 1, run: 2 } as const;

/** State of a Pipelines API run. */
export const runStates = { unknown: 0, inProgress: 1, canceling: 2, completed: 4 } as const;
export type RunState = keyof typeof runStates;

/** Result of a Pipelines API run. */
export const runResults = { unknown: 0, succeeded: 1, failed: 2, canceled: 4 } as const;
export type RunResult = keyof typeof runResults;
