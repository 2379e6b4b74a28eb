import { AdoServiceError, entityNotFound, invalidArgument } from './ado-service-error';
import {
  type IdentitySeed,
  type PipelineEnvironmentSeed,
  type PipelineRunSeed,
  type PipelineSeed,
  type StageOutcome,
} from './azure-devops-scenario';
import { stableGuid } from './stable-guid';
import {
  type BuildResultName,
  type BuildStatusName,
  type TaskResultName,
  type TimelineRecordStateName,
} from './wire-enum';

/** A YAML pipeline (build definition). */
export interface PipelineRecord {
  readonly id: number;
  readonly projectId: string;
  readonly name: string;
  readonly folder: string;
  readonly revision: number;
  readonly repositoryName: string;
  readonly stages: readonly {
    readonly name: string;
    readonly displayName: string;
    readonly environmentId?: number;
  }[];
}

/** An earlier attempt of a timeline record (`TimelineAttempt`). */
export interface PreviousAttempt {
  readonly attempt: number;
  readonly recordId: string;
}

/** The deployment job of a stage (one per stage in the simulator). */
export interface JobRecord {
  recordId: string;
  readonly phaseRecordId: string;
  readonly name: string;
  state: TimelineRecordStateName;
  result: TaskResultName | undefined;
  attempt: number;
  startTime: number | undefined;
  finishTime: number | undefined;
  readonly previousAttempts: PreviousAttempt[];
}

/** One stage of one run, with its current attempt. */
export interface StageRecord {
  recordId: string;
  readonly name: string;
  readonly displayName: string;
  readonly order: number;
  readonly environmentId: number | undefined;
  state: TimelineRecordStateName;
  result: TaskResultName | undefined;
  attempt: number;
  startTime: number | undefined;
  finishTime: number | undefined;
  readonly previousAttempts: PreviousAttempt[];
  readonly job: JobRecord;
}

/** A run of a YAML pipeline: the Build API's build and the Pipelines API's run are the same object. */
export interface BuildRecord {
  readonly id: number;
  readonly projectId: string;
  readonly pipelineId: number;
  readonly buildNumber: string;
  status: BuildStatusName;
  result: BuildResultName | undefined;
  readonly queueTime: number;
  startTime: number | undefined;
  finishTime: number | undefined;
  readonly sourceBranch: string;
  readonly sourceVersion: string;
  readonly reason: string;
  readonly templateParameters: Readonly<Record<string, string>>;
  readonly variables: Readonly<Record<string, { readonly value: string; readonly isSecret: boolean }>>;
  readonly requestedBy: IdentitySeed;
  readonly planId: string;
  changeId: number;
  lastChangedDate: number;
  readonly stages: StageRecord[];
}

/** A pipeline environment. */
export interface PipelineEnvironmentRecord {
  readonly id: number;
  readonly projectId: string;
  readonly name: string;
}

/** One deployment job's execution against an environment (`EnvironmentDeploymentExecutionRecord`). */
export interface EnvironmentDeploymentRecord {
  readonly id: number;
  readonly environmentId: number;
  readonly build: BuildRecord;
  readonly stageName: string;
  readonly stageAttempt: number;
  readonly jobName: string;
  readonly jobAttempt: number;
  readonly queueTime: number;
  readonly startTime: number;
  readonly finishTime: number;
  readonly result: TaskResultName;
}

/** What `POST …/pipelines/{id}/runs` asks for, validated. */
export interface RunRequest {
  readonly refName: string | undefined;
  readonly version: string | undefined;
  readonly templateParameters: Readonly<Record<string, string>>;
  readonly variables: Readonly<Record<string, { readonly value: string; readonly isSecret: boolean }>>;
  readonly stagesToSkip: readonly string[];
}

/** What a simulated agent can finish a stage with. */
export type StageCompletion = 'succeeded' | 'succeededWithIssues' | 'failed' | 'canceled';

/** Who seeded runs are attributed to. */
export const defaultPipelineRequester: IdentitySeed = {
  id: stableGuid('identity', 'pipeline-requester'),
  displayName: 'Fabrikam Developer',
  uniqueName: 'developer@fabrikam.example',
};

const minutes = 60_000;

/**
 * YAML pipelines of all projects: runs (builds) with their stage timelines, pipeline environments and
 * the deployment records their deployment jobs leave, plus the transitions the Build and Pipelines
 * APIs and a simulated agent perform on them.
 */
export class PipelineStore {
  private readonly pipelinesById = new Map<number, PipelineRecord>();
  private readonly buildsById = new Map<number, BuildRecord>();
  private readonly environmentsById = new Map<number, PipelineEnvironmentRecord>();
  private readonly records: EnvironmentDeploymentRecord[] = [];

  constructor(private readonly now: () => number) {}

  /** Every pipeline, in insertion order. */
  get pipelines(): readonly PipelineRecord[] {
    return [...this.pipelinesById.values()];
  }

  /** Every run, in insertion order. */
  get builds(): readonly BuildRecord[] {
    return [...this.buildsById.values()];
  }

  /** Every environment deployment record, oldest first. */
  get environmentDeploymentRecords(): readonly EnvironmentDeploymentRecord[] {
    return this.records;
  }

  /** Adds a pipeline environment. */
  addEnvironment(projectId: string, seed: PipelineEnvironmentSeed): PipelineEnvironmentRecord {
    if (this.environmentsById.has(seed.id))
      throw new Error(`pipeline environment ${seed.id} is seeded twice`);
    const environment = { id: seed.id, projectId, name: seed.name };
    this.environmentsById.set(seed.id, environment);
    return environment;
  }

  /** A pipeline environment by id, optionally only within one project. */
  environment(environmentId: number, projectId?: string): PipelineEnvironmentRecord | undefined {
    const environment = this.environmentsById.get(environmentId);
    return environment !== undefined && (projectId === undefined || environment.projectId === projectId)
      ? environment
      : undefined;
  }

  /** Adds a pipeline and its runs; stage environments must already exist in the project. */
  addPipeline(projectId: string, seed: PipelineSeed): PipelineRecord {
    if (this.pipelinesById.has(seed.id)) throw new Error(`pipeline ${seed.id} is seeded twice`);
    const pipeline: PipelineRecord = {
      id: seed.id,
      projectId,
      name: seed.name,
      folder: seed.folder ?? '\\',
      revision: seed.revision ?? 1,
      repositoryName: seed.repositoryName ?? seed.name.replace(/-CD$/, ''),
      stages: seed.stages.map((stage) => {
        const environmentId =
          stage.environment === undefined
            ? undefined
            : this.environmentNamed(projectId, stage.environment).id;
        return { name: stage.name, displayName: stage.displayName ?? stage.name, environmentId };
      }),
    };
    this.pipelinesById.set(pipeline.id, pipeline);
    for (const run of [...seed.runs].sort((a, b) => a.id - b.id)) this.seedRun(pipeline, run);
    return pipeline;
  }

  /** A pipeline by id, optionally only within one project. */
  pipeline(pipelineId: number, projectId?: string): PipelineRecord | undefined {
    const pipeline = this.pipelinesById.get(pipelineId);
    return pipeline !== undefined && (projectId === undefined || pipeline.projectId === projectId)
      ? pipeline
      : undefined;
  }

  /** A run by id, optionally only within one project. */
  build(buildId: number, projectId?: string): BuildRecord | undefined {
    const build = this.buildsById.get(buildId);
    return build !== undefined && (projectId === undefined || build.projectId === projectId)
      ? build
      : undefined;
  }

  /** Queues a new run of a pipeline (`POST …/runs`); its first stage starts at once. */
  runPipeline(pipeline: PipelineRecord, request: RunRequest, requestedBy: IdentitySeed): BuildRecord {
    for (const name of request.stagesToSkip) {
      if (!pipeline.stages.some((stage) => stage.name.toLowerCase() === name.toLowerCase())) {
        throw invalidArgument(
          `stagesToSkip: '${name}' is not a stage of pipeline '${pipeline.name}' (stages: ${pipeline.stages.map((s) => s.name).join(', ')}).`,
        );
      }
    }
    const now = this.now();
    const id = Math.max(0, ...this.buildsById.keys()) + 1;
    const skip = new Set(request.stagesToSkip.map((name) => name.toLowerCase()));
    const build = this.createBuild(pipeline, {
      id,
      queuedOn: now,
      buildNumber: undefined,
      sourceBranch: request.refName ?? 'refs/heads/main',
      sourceVersion: request.version ?? stableGuid('commit', pipeline.id, id).replace(/-/g, '').slice(0, 40),
      reason: 'manual',
      templateParameters: request.templateParameters,
      variables: request.variables,
      requestedBy,
    });
    build.startTime = now;
    for (const stage of build.stages) {
      if (skip.has(stage.name.toLowerCase())) completeRecord(stage, 'skipped', now);
    }
    this.advance(build, now);
    return build;
  }

  /**
   * Applies `PATCH …/builds/{id}/stages/{stageRefName}`. Retrying needs a completed stage in a run that is
   * no longer in progress; it starts a new attempt of the stage and of its failed jobs (all jobs with
   * `forceRetryAllJobs`). Canceling needs a running stage. Later stages are left as they are.
   */
  updateStage(
    build: BuildRecord,
    stageRefName: string,
    type: 'retry' | 'cancel',
    forceRetryAllJobs: boolean,
  ): void {
    const stage = build.stages.find(
      (candidate) => candidate.name.toLowerCase() === stageRefName.toLowerCase(),
    );
    if (stage === undefined) {
      throw entityNotFound(
        'StageNotFoundException',
        `Stage '${stageRefName}' was not found in build ${build.id}; its stages are ${build.stages.map((s) => s.name).join(', ')}.`,
      );
    }
    const now = this.now();
    if (type === 'cancel') {
      if (stage.state !== 'inProgress') {
        throw invalidArgument(
          `Stage '${stage.name}' of build ${build.id} is ${stage.state}; only a running stage can be canceled.`,
        );
      }
      this.finishStage(build, stage, 'canceled', now);
      return;
    }
    if (stage.state !== 'completed') {
      throw new AdoServiceError(
        400,
        'InvalidRequestException',
        `Stage '${stage.name}' of build ${build.id} is ${stage.state}; only a completed stage can be retried.`,
      );
    }
    if (build.status !== 'completed') {
      throw invalidArgument(
        `Build ${build.id} is still ${build.status}; a stage can be retried once the run has completed.`,
      );
    }
    const rerunJob = forceRetryAllJobs || !isSuccess(stage.job.result);
    if (!rerunJob) {
      throw invalidArgument(
        `Stage '${stage.name}' of build ${build.id} has no failed jobs to retry; set forceRetryAllJobs to run its jobs again.`,
      );
    }
    restartRecord(stage, build, now);
    restartRecord(stage.job, build, now);
    build.status = 'inProgress';
    build.result = undefined;
    build.finishTime = undefined;
    this.changed(build, now);
  }

  /** Plays the agent finishing the running stage of a run; the next stage starts or the run completes. */
  completeStage(buildId: number, stageName: string, outcome: StageCompletion): StageRecord {
    const build = this.buildsById.get(buildId);
    if (build === undefined) throw new Error(`run ${buildId} is not in the simulator`);
    const stage = build.stages.find((candidate) => candidate.name.toLowerCase() === stageName.toLowerCase());
    if (stage === undefined) throw new Error(`run ${buildId} has no stage "${stageName}"`);
    if (stage.state !== 'inProgress')
      throw new Error(`stage "${stage.name}" of run ${buildId} is ${stage.state}, not inProgress`);
    this.finishStage(build, stage, outcome, this.now());
    return stage;
  }

  /** Throws a 404 envelope when the run is not in the project. */
  requireBuild(projectId: string, buildId: number): BuildRecord {
    const build = this.build(buildId, projectId);
    if (build === undefined) {
      throw entityNotFound(
        'BuildNotFoundException',
        `Build with id ${buildId} does not exist in this project.`,
      );
    }
    return build;
  }

  /** Throws a 404 envelope when the pipeline is not in the project. */
  requirePipeline(projectId: string, pipelineId: number): PipelineRecord {
    const pipeline = this.pipeline(pipelineId, projectId);
    if (pipeline === undefined) {
      throw entityNotFound(
        'PipelineNotFoundException',
        `Pipeline with id ${pipelineId} does not exist in this project.`,
      );
    }
    return pipeline;
  }

  private finishStage(build: BuildRecord, stage: StageRecord, outcome: TaskResultName, now: number): void {
    completeRecord(stage.job, outcome, now);
    completeRecord(stage, outcome, now);
    if (stage.environmentId !== undefined) this.recordDeployment(build, stage);
    if (!isSuccess(outcome)) {
      for (const later of build.stages) {
        if (later.state === 'pending') completeRecord(later, 'skipped', now);
      }
    }
    this.advance(build, now);
  }

  /** Starts the next pending stage, or completes the run when nothing is left to run. */
  private advance(build: BuildRecord, now: number): void {
    if (!build.stages.some((stage) => stage.state === 'inProgress')) {
      const next = build.stages.find((stage) => stage.state === 'pending');
      if (next !== undefined) {
        next.state = 'inProgress';
        next.startTime = now;
        next.job.state = 'inProgress';
        next.job.startTime = now;
      }
    }
    if (build.stages.every((stage) => stage.state === 'completed')) {
      build.status = 'completed';
      build.result = overallResult(build.stages);
      build.finishTime = now;
    } else {
      build.status = 'inProgress';
    }
    this.changed(build, now);
  }

  private changed(build: BuildRecord, now: number): void {
    build.changeId += 1;
    build.lastChangedDate = now;
  }

  private recordDeployment(build: BuildRecord, stage: StageRecord): void {
    if (stage.environmentId === undefined || stage.result === undefined || stage.result === 'skipped') return;
    this.records.push({
      id: this.records.length + 1,
      environmentId: stage.environmentId,
      build,
      stageName: stage.name,
      stageAttempt: stage.attempt,
      jobName: stage.job.name,
      jobAttempt: stage.job.attempt,
      queueTime: stage.startTime ?? build.queueTime,
      startTime: stage.job.startTime ?? stage.startTime ?? build.queueTime,
      finishTime: stage.finishTime ?? build.queueTime,
      result: stage.result,
    });
  }

  private environmentNamed(projectId: string, name: string): PipelineEnvironmentRecord {
    const environment = [...this.environmentsById.values()].find(
      (candidate) => candidate.projectId === projectId && candidate.name.toLowerCase() === name.toLowerCase(),
    );
    if (environment === undefined)
      throw new Error(`pipeline environment "${name}" is not seeded in the project`);
    return environment;
  }

  private seedRun(pipeline: PipelineRecord, seed: PipelineRunSeed): void {
    for (const name of Object.keys(seed.stages)) {
      if (!pipeline.stages.some((stage) => stage.name === name)) {
        throw new Error(`run ${seed.id}: "${name}" is not a stage of pipeline "${pipeline.name}"`);
      }
    }
    const build = this.createBuild(pipeline, {
      id: seed.id,
      queuedOn: seed.queuedOn,
      buildNumber: seed.buildNumber,
      sourceBranch: seed.sourceBranch ?? 'refs/heads/main',
      sourceVersion:
        seed.sourceVersion ?? stableGuid('commit', pipeline.id, seed.id).replace(/-/g, '').slice(0, 40),
      reason: seed.reason ?? 'individualCI',
      templateParameters: seed.templateParameters ?? {},
      variables: {},
      requestedBy: defaultPipelineRequester,
    });
    const stageMs = (seed.stageMinutes ?? 5) * minutes;
    let clock = seed.queuedOn;
    build.startTime = clock;
    const running = Object.values(seed.stages).includes('inProgress');
    let stopped = false;
    for (const stage of build.stages) {
      const outcome: StageOutcome | undefined = seed.stages[stage.name];
      if (outcome === undefined || stopped) {
        if (!running) completeRecord(stage, 'skipped', clock);
        continue;
      }
      stage.state = 'inProgress';
      stage.startTime = clock;
      stage.job.state = 'inProgress';
      stage.job.startTime = clock;
      if (outcome === 'inProgress') {
        stopped = true;
        continue;
      }
      clock += outcome === 'skipped' ? 0 : stageMs;
      completeRecord(stage.job, outcome, clock);
      completeRecord(stage, outcome, clock);
      this.recordDeployment(build, stage);
    }
    if (!running) {
      build.status = 'completed';
      build.result = overallResult(build.stages);
      build.finishTime = clock;
    }
    build.lastChangedDate = clock;
  }

  private createBuild(
    pipeline: PipelineRecord,
    seed: {
      id: number;
      queuedOn: number;
      buildNumber: string | undefined;
      sourceBranch: string;
      sourceVersion: string;
      reason: string;
      templateParameters: Readonly<Record<string, string>>;
      variables: BuildRecord['variables'];
      requestedBy: IdentitySeed;
    },
  ): BuildRecord {
    if (this.buildsById.has(seed.id)) throw new Error(`run ${seed.id} is seeded twice`);
    const build: BuildRecord = {
      id: seed.id,
      projectId: pipeline.projectId,
      pipelineId: pipeline.id,
      buildNumber: seed.buildNumber ?? this.nextBuildNumber(pipeline, seed.queuedOn),
      status: 'inProgress',
      result: undefined,
      queueTime: seed.queuedOn,
      startTime: undefined,
      finishTime: undefined,
      sourceBranch: seed.sourceBranch,
      sourceVersion: seed.sourceVersion,
      reason: seed.reason,
      templateParameters: seed.templateParameters,
      variables: seed.variables,
      requestedBy: seed.requestedBy,
      planId: stableGuid('build-plan', seed.id),
      changeId: 1,
      lastChangedDate: seed.queuedOn,
      stages: pipeline.stages.map((stage, index) => {
        const phaseRecordId = stableGuid('phase', seed.id, stage.name);
        return {
          recordId: stableGuid('stage', seed.id, stage.name, 1),
          name: stage.name,
          displayName: stage.displayName,
          order: index + 1,
          environmentId: stage.environmentId,
          state: 'pending',
          result: undefined,
          attempt: 1,
          startTime: undefined,
          finishTime: undefined,
          previousAttempts: [],
          job: {
            recordId: stableGuid('job', seed.id, stage.name, 1),
            phaseRecordId,
            name: stage.environmentId === undefined ? 'Run' : 'Deploy',
            state: 'pending',
            result: undefined,
            attempt: 1,
            startTime: undefined,
            finishTime: undefined,
            previousAttempts: [],
          },
        } satisfies StageRecord;
      }),
    };
    this.buildsById.set(build.id, build);
    return build;
  }

  /** The default `$(Date:yyyyMMdd)$(Rev:.r)` run number. */
  private nextBuildNumber(pipeline: PipelineRecord, queuedOn: number): string {
    const day = new Date(queuedOn).toISOString().slice(0, 10).replace(/-/g, '');
    const sameDay = this.builds.filter(
      (build) => build.pipelineId === pipeline.id && build.buildNumber.startsWith(`${day}.`),
    );
    return `${day}.${sameDay.length + 1}`;
  }
}

function isSuccess(result: TaskResultName | undefined): boolean {
  return result === 'succeeded' || result === 'succeededWithIssues';
}

function completeRecord(
  record: {
    state: TimelineRecordStateName;
    result: TaskResultName | undefined;
    finishTime: number | undefined;
    startTime: number | undefined;
  },
  result: TaskResultName,
  at: number,
): void {
  record.state = 'completed';
  record.result = result;
  record.finishTime = at;
  if (result === 'skipped') record.startTime = undefined;
}

function restartRecord(
  record: {
    recordId: string;
    attempt: number;
    state: TimelineRecordStateName;
    result: TaskResultName | undefined;
    startTime: number | undefined;
    finishTime: number | undefined;
    previousAttempts: PreviousAttempt[];
  },
  build: BuildRecord,
  now: number,
): void {
  record.previousAttempts.push({ attempt: record.attempt, recordId: record.recordId });
  record.attempt += 1;
  record.recordId = stableGuid('record', build.id, record.recordId, record.attempt);
  record.state = 'inProgress';
  record.result = undefined;
  record.startTime = now;
  record.finishTime = undefined;
}

function overallResult(stages: readonly StageRecord[]): BuildResultName {
  const results = stages.map((stage) => stage.result);
  if (results.includes('failed')) return 'failed';
  if (results.includes('canceled')) return 'canceled';
  if (results.includes('succeededWithIssues')) return 'partiallySucceeded';
  return 'succeeded';
}
