import { entityStub, tagView } from './entity-views';
import { impactLevelV1 } from './event-views';
import { type Problem, type ProblemComment } from './problem-store';
import { type EntityTag } from './scenario';
import { type SimulatorState } from './simulator-state';
import { formatTag } from './tag-filter';

/** Optional Problem fields, returned only when requested with `fields=`. */
export const PROBLEM_FIELDS = ['evidenceDetails', 'impactAnalysis', 'recentComments'] as const;
export type ProblemField = (typeof PROBLEM_FIELDS)[number];

/** How many comments `recentComments` shows. */
const RECENT_COMMENTS = 5;
/** Events on affected entities this long before a problem count as evidence (e.g. the deployment that caused it). */
const EVIDENCE_LOOKBACK_MS = 2 * 3_600_000;

/** The Problems API v2 representation (api-facts A.7). */
export function problemViewV2(
  problem: Problem,
  state: SimulatorState,
  fields: ReadonlySet<ProblemField>,
  now: number,
): Record<string, unknown> {
  const stub = (entityId: string): ReturnType<typeof entityStub> => {
    const entity = state.entities.get(entityId);
    return entityStub({
      id: entityId,
      type: entity?.type ?? 'UNKNOWN',
      name: entity?.displayName ?? entityId,
    });
  };
  const view: Record<string, unknown> = {
    problemId: problem.problemId,
    displayId: problem.displayId,
    title: problem.title,
    impactLevel: problem.impactLevel,
    severityLevel: problem.severityLevel,
    status: problem.status,
    startTime: problem.startTime,
    endTime: problem.endTime,
    affectedEntities: problem.affectedEntityIds.map(stub),
    impactedEntities: problem.impactedEntityIds.map(stub),
    rootCauseEntity: problem.rootCauseEntityId === null ? null : stub(problem.rootCauseEntityId),
    managementZones: [],
    entityTags: affectedTags(problem, state).map((tag) => tagView(tag)),
    problemFilters: [],
    linkedProblemInfo: null,
  };
  if (fields.has('evidenceDetails')) {
    const details = evidence(problem, state, now, stub);
    view.evidenceDetails = { totalCount: details.length, details };
  }
  if (fields.has('impactAnalysis')) {
    view.impactAnalysis = {
      impacts: problem.impactedEntityIds.map((entityId) => ({
        impactType: impactLevelV1(state.entities.get(entityId)?.type ?? ''),
        impactedEntity: stub(entityId),
        estimatedAffectedUsers: 0,
      })),
    };
  }
  if (fields.has('recentComments')) {
    const comments = state.commentsOf(problem.problemId);
    const recent = comments.slice(0, RECENT_COMMENTS);
    view.recentComments = {
      totalCount: comments.length,
      pageSize: recent.length,
      nextPageKey: null,
      comments: recent.map(commentViewV2),
    };
  }
  return view;
}

/** A comment as Problems API v2 lists it. */
export function commentViewV2(comment: ProblemComment): Record<string, unknown> {
  return {
    id: comment.id,
    createdAtTimestamp: comment.createdAtTimestamp,
    content: comment.content,
    authorName: comment.authorName,
    context: comment.context,
  };
}

/** A comment as Problems API v1 answers a new comment. */
export function commentViewV1(comment: ProblemComment): Record<string, unknown> {
  return {
    id: comment.id,
    content: comment.content,
    createdAtTimestamp: comment.createdAtTimestamp,
    userName: comment.authorName,
    context: comment.context,
  };
}

/** The v1 `GET /api/v1/problem/details/{id}` body, derived from the same stored problem. */
export function problemViewV1(problem: Problem, state: SimulatorState): Record<string, unknown> {
  const severityEventType = eventTypeOfSeverity(problem.severityLevel);
  const impactLevel = problem.impactLevel === 'SERVICES' ? 'SERVICE' : problem.impactLevel;
  const counts = { INFRASTRUCTURE: 0, SERVICE: 0, APPLICATION: 0, ENVIRONMENT: 0 };
  const entities = problem.affectedEntityIds.map((entityId) => {
    const entity = state.entities.get(entityId);
    const level = impactLevelV1(entity?.type ?? '') as keyof typeof counts;
    counts[level] += 1;
    return { entityId, entityName: entity?.displayName ?? entityId, impactLevel: level };
  });
  const zero = { INFRASTRUCTURE: 0, SERVICE: 0, APPLICATION: 0, ENVIRONMENT: 0 };
  return {
    result: {
      id: problem.problemId,
      displayName: problem.displayId,
      startTime: problem.startTime,
      endTime: problem.endTime,
      impactLevel,
      severityLevel: problem.severityLevel,
      status: problem.status,
      hasRootCause: problem.rootCauseEntityId !== null,
      commentCount: state.commentsOf(problem.problemId).length,
      tagsOfAffectedEntities: affectedTags(problem, state).map((tag) => ({
        context: tag.context,
        key: tag.key,
        ...(tag.value === undefined ? {} : { value: tag.value }),
      })),
      rankedEvents: entities.map((entity) => ({
        startTime: problem.startTime,
        endTime: problem.endTime,
        entityId: entity.entityId,
        entityName: entity.entityName,
        severityLevel: problem.severityLevel,
        impactLevel: entity.impactLevel,
        eventType: severityEventType,
        status: problem.status,
        severities: [],
        isRootCause: entity.entityId === problem.rootCauseEntityId,
      })),
      rankedImpacts: entities.map((entity) => ({
        entityId: entity.entityId,
        entityName: entity.entityName,
        severityLevel: problem.severityLevel,
        impactLevel: entity.impactLevel,
        eventType: severityEventType,
      })),
      affectedCounts: problem.status === 'OPEN' ? counts : zero,
      recoveredCounts: problem.status === 'OPEN' ? zero : counts,
    },
  };
}

function affectedTags(problem: Problem, state: SimulatorState): EntityTag[] {
  const seen = new Map<string, EntityTag>();
  for (const entityId of problem.affectedEntityIds) {
    for (const tag of state.entities.get(entityId)?.tags ?? []) seen.set(formatTag(tag).toUpperCase(), tag);
  }
  return [...seen.values()];
}

/**
 * The problem's own detection event on each affected entity, plus the events on those entities from up to
 * two hours before the problem (a deployment event there is what self-healing looks for).
 */
function evidence(
  problem: Problem,
  state: SimulatorState,
  now: number,
  stub: (entityId: string) => ReturnType<typeof entityStub>,
): Record<string, unknown>[] {
  const detection = problem.affectedEntityIds.map((entityId) => ({
    evidenceType: 'EVENT',
    displayName: problem.title,
    entity: stub(entityId),
    groupingEntity: stub(entityId),
    rootCauseRelevant: entityId === problem.rootCauseEntityId,
    startTime: problem.startTime,
    endTime: problem.endTime,
    eventType: eventTypeOfSeverity(problem.severityLevel),
  }));
  const until = problem.endTime === -1 ? now : problem.endTime;
  const related = state.events
    .list()
    .filter(
      (event) =>
        problem.affectedEntityIds.includes(event.entity.id) &&
        event.startTime >= problem.startTime - EVIDENCE_LOOKBACK_MS &&
        event.startTime <= until,
    )
    .map((event) => ({
      evidenceType: 'EVENT',
      displayName: event.title,
      entity: stub(event.entity.id),
      groupingEntity: stub(event.entity.id),
      rootCauseRelevant:
        event.eventType === 'CUSTOM_DEPLOYMENT' || event.eventType === 'CUSTOM_CONFIGURATION',
      startTime: event.startTime,
      endTime: event.endTime,
      eventId: event.eventId,
      eventType: event.eventType,
    }));
  return [...detection, ...related];
}

function eventTypeOfSeverity(severity: string): string {
  switch (severity) {
    case 'AVAILABILITY':
      return 'AVAILABILITY_EVENT';
    case 'ERROR':
      return 'ERROR_EVENT';
    case 'PERFORMANCE':
      return 'PERFORMANCE_EVENT';
    case 'RESOURCE_CONTENTION':
      return 'RESOURCE_CONTENTION_EVENT';
    case 'CUSTOM_ALERT':
      return 'CUSTOM_ALERT';
    default:
      return 'CUSTOM_INFO';
  }
}
