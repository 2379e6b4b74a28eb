import { IdGenerator } from './id-generator';

/** Problems API v2 impact levels (note the plural `SERVICES`; v1 says `SERVICE`). */
export const IMPACT_LEVELS = ['APPLICATION', 'ENVIRONMENT', 'INFRASTRUCTURE', 'SERVICES'] as const;
export type ImpactLevel = (typeof IMPACT_LEVELS)[number];

/** Problems API severity levels. */
export const SEVERITY_LEVELS = [
  'AVAILABILITY',
  'CUSTOM_ALERT',
  'ERROR',
  'INFO',
  'MONITORING_UNAVAILABLE',
  'PERFORMANCE',
  'RESOURCE_CONTENTION',
] as const;
export type SeverityLevel = (typeof SEVERITY_LEVELS)[number];

/** A comment on a problem; the v2 and v1 comment APIs read and write the same records. */
export interface ProblemComment {
  readonly id: string;
  readonly sequence: number;
  readonly createdAtTimestamp: number;
  readonly content: string;
  readonly authorName: string;
  readonly context: string | null;
}

/** A problem as the simulator stores it. */
export interface Problem {
  readonly sequence: number;
  /** Internal id, e.g. `-6478017825120311599_1641223491837V2` (what a webhook's `{PID}` carries). */
  readonly problemId: string;
  /** e.g. `P-240012`. */
  readonly displayId: string;
  readonly title: string;
  readonly severityLevel: SeverityLevel;
  readonly impactLevel: ImpactLevel;
  readonly status: 'OPEN' | 'CLOSED';
  readonly startTime: number;
  /** -1 while open. */
  readonly endTime: number;
  readonly affectedEntityIds: readonly string[];
  readonly impactedEntityIds: readonly string[];
  readonly rootCauseEntityId: string | null;
}

/** A validated problem to store. */
export interface NewProblem {
  readonly title: string;
  readonly severityLevel: SeverityLevel;
  readonly impactLevel: ImpactLevel;
  readonly startTime: number;
  readonly entityIds: readonly string[];
  readonly rootCauseEntityId: string | null;
}

/** The problems of the simulated environment and their comments. */
export class ProblemStore {
  private readonly problems = new Map<string, Problem>();
  private readonly comments = new Map<string, ProblemComment[]>();
  private readonly ids = new IdGenerator('problems');
  private readonly commentIds = new IdGenerator('comments');
  private commentSequence = 0;

  open(problem: NewProblem): Problem {
    const sequence = this.problems.size + 1;
    const stored: Problem = {
      sequence,
      problemId: `${this.ids.nextLong()}_${problem.startTime}V2`,
      displayId: `P-${240_000 + sequence}`,
      title: problem.title,
      severityLevel: problem.severityLevel,
      impactLevel: problem.impactLevel,
      status: 'OPEN',
      startTime: problem.startTime,
      endTime: -1,
      affectedEntityIds: [...problem.entityIds],
      impactedEntityIds: [...problem.entityIds],
      rootCauseEntityId: problem.rootCauseEntityId,
    };
    this.problems.set(stored.problemId, stored);
    this.comments.set(stored.problemId, []);
    return stored;
  }

  /** Closes an open problem at `endTime`; closing a closed problem changes nothing. */
  close(problemId: string, endTime: number): Problem {
    const problem = this.require(problemId);
    if (problem.status === 'CLOSED') return problem;
    const closed: Problem = { ...problem, status: 'CLOSED', endTime };
    this.problems.set(problemId, closed);
    return closed;
  }

  /**
   * Merges entities into an open problem (as Davis merges new events into a running problem): they become
   * affected and impacted entities too. Entities it already has are not repeated.
   */
  addEntities(problemId: string, entityIds: readonly string[]): Problem {
    const problem = this.require(problemId);
    if (problem.status === 'CLOSED') {
      throw new RangeError(
        `problem ${JSON.stringify(problemId)} is closed; entities merge only into open problems`,
      );
    }
    const union = (known: readonly string[]): string[] => [
      ...known,
      ...entityIds.filter(
        (entityId, index) => !known.includes(entityId) && entityIds.indexOf(entityId) === index,
      ),
    ];
    const affectedEntityIds = union(problem.affectedEntityIds);
    const impactedEntityIds = union(problem.impactedEntityIds);
    if (
      affectedEntityIds.length === problem.affectedEntityIds.length &&
      impactedEntityIds.length === problem.impactedEntityIds.length
    ) {
      return problem;
    }
    const merged: Problem = { ...problem, affectedEntityIds, impactedEntityIds };
    this.problems.set(problemId, merged);
    return merged;
  }

  get(problemId: string): Problem | undefined {
    return this.problems.get(problemId);
  }

  /** All problems in the order they were opened. */
  list(): readonly Problem[] {
    return [...this.problems.values()];
  }

  addComment(
    problemId: string,
    comment: { content: string; authorName: string; context: string | null; createdAtTimestamp: number },
  ): ProblemComment {
    this.require(problemId);
    this.commentSequence += 1;
    const stored: ProblemComment = {
      ...comment,
      id: this.commentIds.nextLong(),
      sequence: this.commentSequence,
    };
    this.comments.get(problemId)?.push(stored);
    return stored;
  }

  /** Comments of a problem, newest first (as the Problems API lists them). */
  commentsOf(problemId: string): readonly ProblemComment[] {
    this.require(problemId);
    return [...(this.comments.get(problemId) ?? [])].sort(
      (left, right) => right.createdAtTimestamp - left.createdAtTimestamp || right.sequence - left.sequence,
    );
  }

  private require(problemId: string): Problem {
    const problem = this.problems.get(problemId);
    if (!problem) throw new RangeError(`problem ${JSON.stringify(problemId)} does not exist`);
    return problem;
  }
}
