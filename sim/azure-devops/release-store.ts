import { AdoServiceError, entityNotFound, invalidArgument } from './ado-service-error';
import {
  type DeploymentAttemptOutcome,
  type DeploymentAttemptSeed,
  type IdentitySeed,
  type ReleaseDefinitionSeed,
  type ReleaseSeed,
  type VariableSeed,
} from './azure-devops-scenario';
import { stableGuid } from './stable-guid';
import {
  type DeploymentOperationStatusName,
  type DeploymentReasonName,
  type DeploymentStatusName,
  type EnvironmentStatusName,
  type ReleaseStatusName,
} from './wire-enum';

/** A release variable as stored. */
export interface VariableRecord {
  value: string;
  isSecret: boolean;
  allowOverride: boolean;
}

/** A classic release definition. */
export interface ReleaseDefinitionRecord {
  readonly id: number;
  readonly projectId: string;
  readonly name: string;
  readonly path: string;
  readonly stages: readonly { readonly id: number; readonly name: string; readonly rank: number }[];
}

/** One deployment attempt of a release environment (the service's Deployment and DeploymentAttempt). */
export interface DeploymentRecord {
  readonly id: number;
  readonly attempt: number;
  readonly reason: DeploymentReasonName;
  deploymentStatus: DeploymentStatusName;
  operationStatus: DeploymentOperationStatusName;
  readonly queuedOn: number;
  startedOn: number | undefined;
  completedOn: number | undefined;
  lastModifiedOn: number;
  readonly requestedBy: IdentitySeed;
  readonly runPlanId: string;
  /** The comment given when the attempt was requested (shown in the release history). */
  readonly comment: string | undefined;
}

/** A stage of one release. */
export interface ReleaseEnvironmentRecord {
  readonly id: number;
  readonly releaseId: number;
  readonly definitionEnvironmentId: number;
  readonly name: string;
  readonly rank: number;
  status: EnvironmentStatusName;
  readonly variables: Record<string, VariableRecord>;
  scheduledDeploymentTime: number | undefined;
  readonly createdOn: number;
  modifiedOn: number;
  readonly attempts: DeploymentRecord[];
}

/** An entry of a release's history (`ReleaseRevision`). */
export interface ReleaseRevisionRecord {
  readonly changedBy: IdentitySeed;
  readonly changedDate: number;
  readonly changeType: string;
  readonly changeDetails: string;
  readonly comment: string;
}

/** A release of a classic definition. */
export interface ReleaseRecord {
  readonly id: number;
  readonly projectId: string;
  readonly definitionId: number;
  readonly name: string;
  status: ReleaseStatusName;
  readonly reason: string;
  readonly description: string;
  readonly sourceBranch: string;
  readonly createdOn: number;
  modifiedOn: number;
  readonly createdBy: IdentitySeed;
  readonly variables: Record<string, VariableRecord>;
  readonly environments: ReleaseEnvironmentRecord[];
  readonly revisions: ReleaseRevisionRecord[];
}

/** A deployment attempt together with the release and stage it belongs to (one row of the Deployments API). */
export interface DeploymentRow {
  readonly release: ReleaseRecord;
  readonly environment: ReleaseEnvironmentRecord;
  readonly deployment: DeploymentRecord;
}

/** The validated body of `PATCH …/releases/{id}/environments/{id}` (`ReleaseEnvironmentUpdateMetadata`). */
export interface EnvironmentUpdate {
  readonly status: EnvironmentStatusName;
  readonly comment: string | undefined;
  readonly scheduledDeploymentTime: number | undefined;
  readonly variables: Readonly<Record<string, VariableRecord>>;
}

/** What a completed deployment attempt ended as. */
export type DeploymentCompletion = 'succeeded' | 'failed' | 'partiallySucceeded' | 'canceled';

/** The person seeded releases are attributed to when a seed names nobody. */
export const defaultReleaseManager: IdentitySeed = {
  id: stableGuid('identity', 'release-manager'),
  displayName: 'Fabrikam Release Manager',
  uniqueName: 'release-manager@fabrikam.example',
};

const minutes = 60_000;

/**
 * Classic releases of all projects: definitions, releases, their stages and every deployment attempt,
 * plus the transitions the Release API and a simulated agent perform on them.
 */
export class ReleaseStore {
  private readonly definitions = new Map<number, ReleaseDefinitionRecord>();
  private readonly releasesById = new Map<number, ReleaseRecord>();
  private nextEnvironmentId = 1;
  private nextDeploymentId = 1;

  constructor(private readonly now: () => number) {}

  /** Every definition, in insertion order. */
  get releaseDefinitions(): readonly ReleaseDefinitionRecord[] {
    return [...this.definitions.values()];
  }

  /** Every release, in insertion order. */
  get releases(): readonly ReleaseRecord[] {
    return [...this.releasesById.values()];
  }

  /** Every deployment attempt with its release and stage. */
  get deployments(): readonly DeploymentRow[] {
    return this.releases.flatMap((release) =>
      release.environments.flatMap((environment) =>
        environment.attempts.map((deployment) => ({ release, environment, deployment })),
      ),
    );
  }

  /** Adds a definition and its releases. */
  addDefinition(projectId: string, seed: ReleaseDefinitionSeed): ReleaseDefinitionRecord {
    if (this.definitions.has(seed.id)) throw new Error(`release definition ${seed.id} is seeded twice`);
    const definition: ReleaseDefinitionRecord = {
      id: seed.id,
      projectId,
      name: seed.name,
      path: seed.path ?? '\\',
      stages: seed.stages.map((stage, index) => ({ id: stage.id, name: stage.name, rank: index + 1 })),
    };
    this.definitions.set(definition.id, definition);
    for (const release of [...seed.releases].sort((a, b) => a.id - b.id))
      this.addRelease(definition.id, release);
    return definition;
  }

  /** Adds one release to a seeded definition. */
  addRelease(definitionId: number, seed: ReleaseSeed): ReleaseRecord {
    const definition = this.definitions.get(definitionId);
    if (definition === undefined) throw new Error(`release definition ${definitionId} is not seeded`);
    if (this.releasesById.has(seed.id)) throw new Error(`release ${seed.id} is seeded twice`);
    for (const stageName of Object.keys(seed.deployments ?? {})) {
      if (!definition.stages.some((stage) => stage.name === stageName)) {
        throw new Error(
          `release ${seed.id}: stage "${stageName}" is not a stage of definition "${definition.name}" (${definition.stages.map((s) => s.name).join(', ')})`,
        );
      }
    }
    const createdBy = seed.createdBy ?? defaultReleaseManager;
    const release: ReleaseRecord = {
      id: seed.id,
      projectId: definition.projectId,
      definitionId,
      name: seed.name ?? `Release-${seed.id}`,
      status: seed.status ?? 'active',
      reason: seed.reason ?? 'continuousIntegration',
      description: seed.description ?? '',
      sourceBranch: seed.sourceBranch ?? 'refs/heads/main',
      createdOn: seed.createdOn,
      modifiedOn: seed.createdOn,
      createdBy,
      variables: toVariableRecords(seed.variables ?? {}),
      environments: [],
      revisions: [
        {
          changedBy: createdBy,
          changedDate: seed.createdOn,
          changeType: 'Create',
          changeDetails: 'Release created',
          comment: '',
        },
      ],
    };
    for (const stage of definition.stages) {
      const environment: ReleaseEnvironmentRecord = {
        id: this.nextEnvironmentId++,
        releaseId: release.id,
        definitionEnvironmentId: stage.id,
        name: stage.name,
        rank: stage.rank,
        status: 'notStarted',
        variables: {},
        scheduledDeploymentTime: undefined,
        createdOn: seed.createdOn,
        modifiedOn: seed.createdOn,
        attempts: [],
      };
      for (const attemptSeed of seed.deployments?.[stage.name] ?? [])
        this.seedAttempt(release, environment, attemptSeed);
      release.environments.push(environment);
    }
    this.releasesById.set(release.id, release);
    return release;
  }

  /** A release by id, optionally only within one project. */
  release(releaseId: number, projectId?: string): ReleaseRecord | undefined {
    const release = this.releasesById.get(releaseId);
    return release !== undefined && (projectId === undefined || release.projectId === projectId)
      ? release
      : undefined;
  }

  /** A definition by id, optionally only within one project. */
  definition(definitionId: number, projectId?: string): ReleaseDefinitionRecord | undefined {
    const definition = this.definitions.get(definitionId);
    return definition !== undefined && (projectId === undefined || definition.projectId === projectId)
      ? definition
      : undefined;
  }

  /** A stage of a release by its release-environment id or its name (case-insensitive). */
  environment(releaseId: number, stage: number | string): ReleaseEnvironmentRecord | undefined {
    return this.releasesById
      .get(releaseId)
      ?.environments.find((environment) =>
        typeof stage === 'number'
          ? environment.id === stage
          : environment.name.toLowerCase() === stage.toLowerCase(),
      );
  }

  /**
   * Applies `PATCH …/environments/{id}`: `inProgress` queues a (re)deployment (or schedules it when a
   * future `scheduledDeploymentTime` is given), `canceled` cancels a pending or running one; anything
   * else, or a transition the stage's state does not allow, is a 400.
   */
  updateEnvironment(
    release: ReleaseRecord,
    environment: ReleaseEnvironmentRecord,
    update: EnvironmentUpdate,
    requestedBy: IdentitySeed,
  ): ReleaseEnvironmentRecord {
    const now = this.now();
    if (update.status === 'inProgress') {
      if (release.status !== 'active') {
        throw invalidArgument(
          `Release '${release.name}' is ${release.status}; only an active release can be deployed to stage '${environment.name}'.`,
        );
      }
      if (isPending(environment.status)) {
        throw new AdoServiceError(
          400,
          'InvalidRequestException',
          `Stage '${environment.name}' of release '${release.name}' is already ${environment.status}. Wait for the deployment to finish or cancel it before deploying again.`,
        );
      }
      const scheduled = update.scheduledDeploymentTime !== undefined && update.scheduledDeploymentTime > now;
      Object.assign(environment.variables, update.variables);
      environment.attempts.push({
        id: this.nextDeploymentId++,
        attempt: environment.attempts.length + 1,
        reason: environment.attempts.length > 0 ? 'redeployTrigger' : 'manual',
        deploymentStatus: 'notDeployed',
        operationStatus: scheduled ? 'scheduled' : 'queued',
        queuedOn: now,
        startedOn: undefined,
        completedOn: undefined,
        lastModifiedOn: now,
        requestedBy,
        runPlanId: stableGuid('plan', release.id, environment.id, environment.attempts.length + 1),
        comment: update.comment,
      });
      environment.status = scheduled ? 'scheduled' : 'queued';
      environment.scheduledDeploymentTime = scheduled ? update.scheduledDeploymentTime : undefined;
      this.touch(
        release,
        environment,
        now,
        requestedBy,
        'Deploy',
        `Deployment of stage '${environment.name}' requested`,
        update.comment,
      );
      return environment;
    }
    if (update.status === 'canceled') {
      const attempt = environment.attempts.at(-1);
      if (!isPending(environment.status) || attempt === undefined) {
        throw invalidArgument(
          `Stage '${environment.name}' of release '${release.name}' is ${environment.status}; only a queued, scheduled or running deployment can be canceled.`,
        );
      }
      attempt.operationStatus = 'canceled';
      attempt.deploymentStatus = attempt.startedOn === undefined ? 'notDeployed' : 'failed';
      attempt.completedOn = now;
      attempt.lastModifiedOn = now;
      environment.status = 'canceled';
      environment.scheduledDeploymentTime = undefined;
      this.touch(
        release,
        environment,
        now,
        requestedBy,
        'Cancel',
        `Deployment of stage '${environment.name}' canceled`,
        update.comment,
      );
      return environment;
    }
    throw invalidArgument(
      `Setting the status of stage '${environment.name}' to '${update.status}' is not supported. Use 'inProgress' to deploy or 'canceled' to cancel.`,
    );
  }

  /** Plays the agent picking up a queued (or due scheduled) deployment of a release stage. */
  startDeployment(releaseId: number, stage: number | string): DeploymentRecord {
    const { environment, attempt } = this.pendingAttempt(releaseId, stage);
    if (attempt.startedOn !== undefined) {
      throw new Error(
        `the deployment of release ${releaseId} stage "${environment.name}" has already started`,
      );
    }
    const now = this.now();
    attempt.startedOn = now;
    attempt.deploymentStatus = 'inProgress';
    attempt.operationStatus = 'phaseInProgress';
    attempt.lastModifiedOn = now;
    environment.status = 'inProgress';
    environment.modifiedOn = now;
    return attempt;
  }

  /** Plays the agent finishing the latest deployment attempt of a release stage (starting it first if needed). */
  completeDeployment(
    releaseId: number,
    stage: number | string,
    outcome: DeploymentCompletion,
  ): DeploymentRecord {
    const { environment } = this.pendingAttempt(releaseId, stage);
    const attempt = environment.attempts.at(-1);
    if (attempt === undefined)
      throw new Error(`release ${releaseId} stage "${environment.name}" has no attempt`);
    if (attempt.startedOn === undefined) this.startDeployment(releaseId, stage);
    const now = this.now();
    finishAttempt(environment, attempt, outcome, now);
    environment.scheduledDeploymentTime = undefined;
    return attempt;
  }

  private pendingAttempt(
    releaseId: number,
    stage: number | string,
  ): { environment: ReleaseEnvironmentRecord; attempt: DeploymentRecord } {
    const environment = this.environment(releaseId, stage);
    if (environment === undefined) throw new Error(`release ${releaseId} has no stage ${String(stage)}`);
    const attempt = environment.attempts.at(-1);
    if (attempt === undefined || !isPending(environment.status)) {
      throw new Error(
        `release ${releaseId} stage "${environment.name}" has no queued or running deployment (status ${environment.status})`,
      );
    }
    return { environment, attempt };
  }

  private touch(
    release: ReleaseRecord,
    environment: ReleaseEnvironmentRecord,
    now: number,
    by: IdentitySeed,
    changeType: string,
    changeDetails: string,
    comment: string | undefined,
  ): void {
    environment.modifiedOn = now;
    release.modifiedOn = now;
    release.revisions.push({
      changedBy: by,
      changedDate: now,
      changeType,
      changeDetails,
      comment: comment ?? '',
    });
  }

  private seedAttempt(
    release: ReleaseRecord,
    environment: ReleaseEnvironmentRecord,
    seed: DeploymentAttemptSeed,
  ): void {
    const started = seed.outcome !== 'queued';
    const startedOn = started ? (seed.startedOn ?? seed.queuedOn) : undefined;
    const attempt: DeploymentRecord = {
      id: this.nextDeploymentId++,
      attempt: environment.attempts.length + 1,
      reason: seed.reason ?? (environment.attempts.length > 0 ? 'redeployTrigger' : 'automated'),
      deploymentStatus: started ? 'inProgress' : 'notDeployed',
      operationStatus: started ? 'phaseInProgress' : 'queued',
      queuedOn: seed.queuedOn,
      startedOn,
      completedOn: undefined,
      lastModifiedOn: startedOn ?? seed.queuedOn,
      requestedBy: seed.requestedBy ?? release.createdBy,
      runPlanId: stableGuid('plan', release.id, environment.id, environment.attempts.length + 1),
      comment: seed.comment,
    };
    environment.attempts.push(attempt);
    environment.status = started ? 'inProgress' : 'queued';
    environment.modifiedOn = attempt.lastModifiedOn;
    if (isFinished(seed.outcome)) {
      finishAttempt(
        environment,
        attempt,
        seed.outcome,
        seed.completedOn ?? (startedOn ?? seed.queuedOn) + 5 * minutes,
      );
    }
    if (seed.comment !== undefined) {
      release.revisions.push({
        changedBy: attempt.requestedBy,
        changedDate: seed.queuedOn,
        changeType: 'Deploy',
        changeDetails: `Deployment of stage '${environment.name}' requested`,
        comment: seed.comment,
      });
    }
  }
}

/** Throws a 404 envelope naming the release when it is not in the project. */
export function requireRelease(store: ReleaseStore, projectId: string, releaseId: number): ReleaseRecord {
  const release = store.release(releaseId, projectId);
  if (release === undefined) {
    throw entityNotFound('ReleaseNotFoundException', `Release with id ${releaseId} does not exist.`);
  }
  return release;
}

/** Throws a 404 envelope naming the stage when the release has no environment with that id. */
export function requireEnvironment(release: ReleaseRecord, environmentId: number): ReleaseEnvironmentRecord {
  const environment = release.environments.find((candidate) => candidate.id === environmentId);
  if (environment === undefined) {
    throw entityNotFound(
      'ReleaseEnvironmentNotFoundException',
      `Environment with id ${environmentId} does not exist in release '${release.name}' (id ${release.id}); its environments are ${release.environments.map((e) => `${e.id} (${e.name})`).join(', ')}.`,
    );
  }
  return environment;
}

function isPending(status: EnvironmentStatusName): boolean {
  return status === 'queued' || status === 'scheduled' || status === 'inProgress';
}

function isFinished(outcome: DeploymentAttemptOutcome): outcome is DeploymentCompletion {
  return outcome !== 'inProgress' && outcome !== 'queued';
}

function finishAttempt(
  environment: ReleaseEnvironmentRecord,
  attempt: DeploymentRecord,
  outcome: DeploymentCompletion,
  at: number,
): void {
  attempt.completedOn = at;
  attempt.lastModifiedOn = at;
  environment.modifiedOn = at;
  switch (outcome) {
    case 'succeeded':
      attempt.deploymentStatus = 'succeeded';
      attempt.operationStatus = 'phaseSucceeded';
      environment.status = 'succeeded';
      return;
    case 'partiallySucceeded':
      attempt.deploymentStatus = 'partiallySucceeded';
      attempt.operationStatus = 'phasePartiallySucceeded';
      environment.status = 'partiallySucceeded';
      return;
    case 'failed':
      // A failed deployment leaves the stage "rejected": EnvironmentStatus has no "failed" member.
      attempt.deploymentStatus = 'failed';
      attempt.operationStatus = 'phaseFailed';
      environment.status = 'rejected';
      return;
    case 'canceled':
      attempt.deploymentStatus = 'failed';
      attempt.operationStatus = 'phaseCanceled';
      environment.status = 'canceled';
      return;
  }
}

function toVariableRecords(seeds: Readonly<Record<string, VariableSeed>>): Record<string, VariableRecord> {
  return Object.fromEntries(
    Object.entries(seeds).map(([name, seed]) => [
      name,
      { value: seed.value, isSecret: seed.isSecret ?? false, allowOverride: seed.allowOverride ?? false },
    ]),
  );
}
