/**
 * Seed data for the Azure DevOps simulator: projects with classic release definitions (and the release
 * history of each stage) and YAML pipelines (and their runs). Times are epoch milliseconds. The builders
 * `classicReleaseScenario` and `yamlPipelineScenario` produce this shape with sensible defaults.
 */
export interface AzureDevOpsScenario {
  readonly projects: readonly ProjectSeed[];
}

/** A project; `id` defaults to a stable GUID derived from the name. */
export interface ProjectSeed {
  readonly name: string;
  readonly id?: string;
  readonly releaseDefinitions?: readonly ReleaseDefinitionSeed[];
  readonly pipelines?: readonly PipelineSeed[];
  /** Pipeline environments (`distributedtask/environments`) that YAML deployment stages target. */
  readonly environments?: readonly PipelineEnvironmentSeed[];
}

/** An identity as Azure DevOps shows it (IdentityRef). */
export interface IdentitySeed {
  readonly id: string;
  readonly displayName: string;
  readonly uniqueName: string;
}

/** A classic release definition with its stages (definition environments) in rank order. */
export interface ReleaseDefinitionSeed {
  readonly id: number;
  readonly name: string;
  readonly path?: string;
  readonly stages: readonly { readonly id: number; readonly name: string }[];
  readonly releases: readonly ReleaseSeed[];
}

/** A release variable (`ConfigurationVariableValue`). */
export interface VariableSeed {
  readonly value: string;
  readonly isSecret?: boolean;
  readonly allowOverride?: boolean;
}

/** One release of a definition and the deployment attempts of each of its stages. */
export interface ReleaseSeed {
  readonly id: number;
  /** Defaults to `Release-<id>`. */
  readonly name?: string;
  readonly createdOn: number;
  readonly status?: 'draft' | 'active' | 'abandoned';
  readonly reason?: 'manual' | 'continuousIntegration' | 'schedule';
  readonly description?: string;
  readonly sourceBranch?: string;
  readonly variables?: Readonly<Record<string, VariableSeed>>;
  readonly createdBy?: IdentitySeed;
  /** Deployment attempts per stage name, oldest first; a stage without attempts is `notStarted`. */
  readonly deployments?: Readonly<Record<string, readonly DeploymentAttemptSeed[]>>;
}

/** The outcome of one seeded deployment attempt. */
export type DeploymentAttemptOutcome =
  'succeeded' | 'failed' | 'partiallySucceeded' | 'canceled' | 'inProgress' | 'queued';

/** One deployment attempt of a release stage. */
export interface DeploymentAttemptSeed {
  readonly outcome: DeploymentAttemptOutcome;
  readonly queuedOn: number;
  /** Defaults to `queuedOn` for started attempts. */
  readonly startedOn?: number;
  /** Defaults to 5 minutes after `startedOn` for finished attempts. */
  readonly completedOn?: number;
  readonly reason?: 'manual' | 'automated' | 'scheduled' | 'redeployTrigger';
  readonly comment?: string;
  readonly requestedBy?: IdentitySeed;
}

/** A YAML pipeline (a build definition) with its stages in order. */
export interface PipelineSeed {
  readonly id: number;
  readonly name: string;
  readonly folder?: string;
  readonly revision?: number;
  readonly repositoryName?: string;
  readonly stages: readonly PipelineStageSeed[];
  readonly runs: readonly PipelineRunSeed[];
}

/** A stage of a YAML pipeline; `environment` names the pipeline environment its deployment job targets. */
export interface PipelineStageSeed {
  readonly name: string;
  readonly displayName?: string;
  readonly environment?: string;
}

/** The outcome of a seeded stage: a task result, or still running. */
export type StageOutcome =
  'succeeded' | 'succeededWithIssues' | 'failed' | 'canceled' | 'skipped' | 'inProgress';

/** One run of a YAML pipeline. */
export interface PipelineRunSeed {
  readonly id: number;
  /** Defaults to `yyyyMMdd.N` like the default run-number format. */
  readonly buildNumber?: string;
  readonly queuedOn: number;
  readonly sourceBranch?: string;
  readonly sourceVersion?: string;
  readonly reason?: 'manual' | 'individualCI' | 'schedule';
  readonly templateParameters?: Readonly<Record<string, string>>;
  /**
   * Outcome per stage name. Stages left out are `pending` while an earlier stage is in progress and
   * `skipped` once the run is over.
   */
  readonly stages: Readonly<Record<string, StageOutcome>>;
  /** Minutes each stage takes; default 5. */
  readonly stageMinutes?: number;
}

/** A pipeline environment. */
export interface PipelineEnvironmentSeed {
  readonly id: number;
  readonly name: string;
}
