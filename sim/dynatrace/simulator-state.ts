import { ENVIRONMENT_ENTITY, type EventEntity, EventStore } from './event-store';
import { EntityRegistry } from './entity-registry';
import { INGEST_LIMITS } from './event-types';
import { MINUTE_MS } from './minute-sample';
import {
  IMPACT_LEVELS,
  type ImpactLevel,
  type Problem,
  type ProblemComment,
  ProblemStore,
  SEVERITY_LEVELS,
} from './problem-store';
import { type DetectionResult, ProblemDetector } from './problem-detector';
import { type BuildCatalog, type MinuteSample, type Scenario, type WorkloadPhase } from './scenario';
import { type ProblemDetectionSettings } from './service-health';
import { WorkloadModel } from './workload-model';

/** What `openProblem` needs; everything but the title and the entities has a sensible default. */
export interface OpenProblemInput {
  readonly title: string;
  /** The affected (and impacted) entities. */
  readonly entityIds: readonly string[];
  /** Default `PERFORMANCE`. */
  readonly severityLevel?: string;
  /** Default: `SERVICES` when a service is affected, `APPLICATION` for applications, else `INFRASTRUCTURE`. */
  readonly impactLevel?: string;
  readonly rootCauseEntityId?: string;
  /** Default: now. */
  readonly startTime?: number;
}

/** A problem that opened or closed; what problem notifications are sent for. */
export interface ProblemChange {
  readonly kind: 'opened' | 'closed';
  readonly problem: Problem;
}

/** Options of the model beyond its scenario. */
export interface SimulatorStateOptions {
  /** Thresholds of `detectProblems`; defaults in `DEFAULT_PROBLEM_DETECTION`. */
  readonly problemDetection?: Partial<ProblemDetectionSettings>;
}

/**
 * The mutable model behind the simulated API: entities, workload timelines, events, problems and comments.
 * Tests and the control API change it directly; the HTTP routes read and write the same objects.
 */
export class SimulatorState {
  readonly entities: EntityRegistry;
  readonly events = new EventStore();
  readonly problems = new ProblemStore();
  readonly problemDetector: ProblemDetector;
  private readonly workload: WorkloadModel;
  private readonly builds: BuildCatalog;
  private readonly problemListeners = new Set<(change: ProblemChange) => void>();

  constructor(
    scenario: Scenario,
    private readonly now: () => number,
    options: SimulatorStateOptions = {},
  ) {
    this.problemDetector = new ProblemDetector(options.problemDetection);
    this.entities = new EntityRegistry(scenario.entities);
    this.workload = new WorkloadModel(scenario.workloads);
    this.builds = scenario.builds ?? {};
    for (const event of scenario.events ?? []) {
      this.events.add({
        eventType: event.eventType,
        title: event.title,
        startTime: event.startTime,
        endTime: event.endTime ?? event.startTime + INGEST_LIMITS.defaultTimeoutMinutes * MINUTE_MS,
        entity: this.eventEntity(event.entityId),
        properties: Object.entries(event.properties ?? {}),
      });
    }
    for (const seeded of scenario.problems ?? []) {
      const problem = this.openProblem(seeded);
      for (const comment of seeded.comments ?? []) {
        this.problems.addComment(problem.problemId, {
          content: comment.content,
          authorName: comment.authorName ?? 'Dynatrace user',
          context: comment.context ?? null,
          createdAtTimestamp: comment.createdAtTimestamp ?? seeded.startTime,
        });
      }
      if (seeded.endTime !== undefined) this.problems.close(problem.problemId, seeded.endTime);
    }
  }

  /** The sample of an entity for one minute, including builds deployed at runtime (see `Scenario.sampleAt`). */
  sampleAt(entityId: string, minuteStartMs: number): MinuteSample | undefined {
    return this.workload.sampleAt(entityId, minuteStartMs);
  }

  /** The workload phases of an entity, oldest first. */
  workloadOf(entityId: string): readonly WorkloadPhase[] {
    return this.workload.phasesOf(entityId);
  }

  /** The first minute with a sample for `entityId`, if it has any workload. */
  firstSampleMinute(entityId: string): number | undefined {
    return this.workload.firstSampleMinute(entityId);
  }

  /**
   * Switches every entity of `environment` that has a workload to `build` from `atMs` (default now), using
   * the scenario's build catalogue. Returns the ids of the switched entities.
   */
  deploy(environment: string, build: string | number, atMs: number = this.now()): string[] {
    const buildName = String(build);
    const profile = this.builds[environment]?.[buildName];
    if (!profile) {
      const environments = Object.keys(this.builds);
      const known = this.builds[environment]
        ? `known builds in ${environment}: ${Object.keys(this.builds[environment]).join(', ')}`
        : `known environments: ${environments.length > 0 ? environments.join(', ') : 'none (the scenario has no build catalogue)'}`;
      throw new RangeError(
        `cannot deploy build ${JSON.stringify(buildName)} to ${JSON.stringify(environment)}: ${known}`,
      );
    }
    if (!Number.isFinite(atMs))
      throw new RangeError(`deploy: expected the deployment time in epoch ms, found ${atMs}`);
    const targets = this.entities
      .list()
      .filter((entity) => entity.environment === environment && this.workload.phasesOf(entity.id).length > 0);
    if (targets.length === 0) {
      throw new RangeError(
        `cannot deploy to ${JSON.stringify(environment)}: no entity with a workload belongs to it`,
      );
    }
    for (const entity of targets) {
      this.workload.addPhase(entity.id, { from: atMs, profile: { ...profile, build: buildName } });
    }
    return targets.map((entity) => entity.id);
  }

  /** Opens a problem on existing entities; throws a `RangeError` naming the invalid field. */
  openProblem(input: OpenProblemInput): Problem {
    if (typeof input.title !== 'string' || input.title.trim() === '') {
      throw new RangeError(
        `openProblem: title must be a non-empty string, found ${JSON.stringify(input.title)}`,
      );
    }
    if (input.entityIds.length === 0) {
      throw new RangeError('openProblem: entityIds must list at least one entity id');
    }
    const entities = input.entityIds.map((entityId, index) => {
      const entity = this.entities.get(entityId);
      if (!entity)
        throw new RangeError(`openProblem: entityIds[${index}] ${JSON.stringify(entityId)} does not exist`);
      return entity;
    });
    if (input.rootCauseEntityId !== undefined && !input.entityIds.includes(input.rootCauseEntityId)) {
      throw new RangeError(
        `openProblem: rootCauseEntityId ${JSON.stringify(input.rootCauseEntityId)} must be one of entityIds`,
      );
    }
    const types = new Set(entities.map((entity) => entity.type));
    const defaultImpact: ImpactLevel = types.has('SERVICE')
      ? 'SERVICES'
      : types.has('APPLICATION')
        ? 'APPLICATION'
        : 'INFRASTRUCTURE';
    const problem = this.problems.open({
      title: input.title,
      entityIds: input.entityIds,
      severityLevel: oneOf('severityLevel', input.severityLevel ?? 'PERFORMANCE', SEVERITY_LEVELS),
      impactLevel: oneOf(
        'impactLevel',
        input.impactLevel === 'SERVICE' ? 'SERVICES' : (input.impactLevel ?? defaultImpact),
        IMPACT_LEVELS,
      ),
      rootCauseEntityId: input.rootCauseEntityId ?? null,
      startTime: input.startTime ?? this.now(),
    });
    this.emitProblemChange({ kind: 'opened', problem });
    return problem;
  }

  /** Closes a problem at `atMs` (default now); closing a closed problem changes nothing and tells nobody. */
  closeProblem(problemId: string, atMs: number = this.now()): Problem {
    const before = this.problems.get(problemId);
    const problem = this.problems.close(problemId, atMs);
    if (before?.status === 'OPEN') this.emitProblemChange({ kind: 'closed', problem });
    return problem;
  }

  /** Merges entities into an open problem (see `ProblemStore.addEntities`). */
  mergeIntoProblem(problemId: string, entityIds: readonly string[]): Problem {
    entityIds.forEach((entityId, index) => {
      if (!this.entities.get(entityId)) {
        throw new RangeError(
          `mergeIntoProblem: entityIds[${index}] ${JSON.stringify(entityId)} does not exist`,
        );
      }
    });
    return this.problems.addEntities(problemId, entityIds);
  }

  /**
   * Runs the simulator's problem detection once at `nowMs` (default now): opens, merges and closes problems
   * from the services' recent metrics (see `ProblemDetector`).
   */
  detectProblems(nowMs: number = this.now()): DetectionResult {
    return this.problemDetector.detect(this, nowMs);
  }

  /**
   * Calls `listener` whenever a problem opens or closes (problem notifications build on it). Returns a
   * function that removes the listener. A throwing listener does not stop the others or the change.
   */
  onProblemChange(listener: (change: ProblemChange) => void): () => void {
    this.problemListeners.add(listener);
    return () => this.problemListeners.delete(listener);
  }

  private emitProblemChange(change: ProblemChange): void {
    for (const listener of this.problemListeners) {
      try {
        listener(change);
      } catch {
        // A listener's failure is its own (a notifier records failed deliveries itself).
      }
    }
  }

  /** Adds a comment now (what both comment APIs do). */
  addProblemComment(
    problemId: string,
    comment: { content: string; authorName: string; context?: string | null },
  ): ProblemComment {
    return this.problems.addComment(problemId, {
      content: comment.content,
      authorName: comment.authorName,
      context: comment.context ?? null,
      createdAtTimestamp: this.now(),
    });
  }

  /** Comments of a problem, newest first. */
  commentsOf(problemId: string): readonly ProblemComment[] {
    return this.problems.commentsOf(problemId);
  }

  /** A snapshot of an entity for attaching an event to it. */
  eventEntity(entityId: string): EventEntity {
    if (entityId === ENVIRONMENT_ENTITY.id) return ENVIRONMENT_ENTITY;
    const entity = this.entities.get(entityId);
    if (!entity) throw new RangeError(`entity ${JSON.stringify(entityId)} does not exist`);
    return { id: entity.id, type: entity.type, name: entity.displayName, tags: entity.tags };
  }
}

function oneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  const match = allowed.find((candidate) => candidate === value);
  if (!match) {
    throw new RangeError(
      `openProblem: ${field} must be one of ${allowed.join(', ')}, found ${JSON.stringify(value)}`,
    );
  }
  return match;
}
