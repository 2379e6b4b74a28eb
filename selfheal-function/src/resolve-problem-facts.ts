import { DynatraceApiError, type DynatraceClient } from '../../lib/dynatrace';
import {
  isEntityId,
  MAX_ENTITIES,
  type ImpactedEntity,
  type ProblemNotification,
} from '../../lib/remediation';

/** What the culprit search needs to know about the problem. */
export interface ProblemFacts {
  /** Epoch ms. */
  readonly startTime: number;
  readonly entities: readonly ImpactedEntity[];
  readonly displayId?: string;
  readonly title?: string;
  /** Which API had to be asked, if any. */
  readonly askedApi?: 'v2' | 'v1';
}

/**
 * The problem's start and entities: from the payload when it carried both (templates with
 * `{ProblemDetailsJSONv2}`), else from `GET /api/v2/problems/{PID}` — the original template carries no
 * start time, and some templates no entities — with the v1 problem details as the fallback for tenants
 * or tokens without Problems API v2. Entities from the payload take precedence; otherwise the API's root
 * cause, impacted and affected entities (v1: ranked impacts) are used.
 */
export async function resolveProblemFacts(
  notification: ProblemNotification,
  dynatrace: DynatraceClient,
): Promise<ProblemFacts> {
  const fromPayload = {
    ...(notification.displayId === undefined ? {} : { displayId: notification.displayId }),
    ...(notification.title === undefined ? {} : { title: notification.title }),
  };
  if (notification.startTime !== undefined && notification.entities.length > 0) {
    return { startTime: notification.startTime, entities: notification.entities, ...fromPayload };
  }
  const pick = (fromApi: readonly ImpactedEntity[]): readonly ImpactedEntity[] =>
    notification.entities.length > 0 ? notification.entities : uniqueEntities(fromApi);

  let v2Error: unknown;
  try {
    const problem = await dynatrace.getProblem(notification.problemId);
    return {
      startTime: notification.startTime ?? problem.startTime,
      entities: pick(
        [
          ...(problem.rootCauseEntity === undefined ? [] : [problem.rootCauseEntity]),
          ...problem.impactedEntities,
          ...problem.affectedEntities,
        ].map((stub) => ({
          id: stub.entityId.id,
          type: stub.entityId.type,
          ...(stub.name === undefined ? {} : { name: stub.name }),
        })),
      ),
      displayId: notification.displayId ?? problem.displayId,
      title: notification.title ?? problem.title,
      askedApi: 'v2',
    };
  } catch (error) {
    if (!v2Unavailable(error)) throw error;
    v2Error = error;
  }
  try {
    const details = await dynatrace.v1.getProblemDetails(notification.problemId);
    return {
      startTime: notification.startTime ?? details.startTime,
      entities: pick(
        (details.rankedImpacts ?? []).map((impact) => ({
          id: impact.entityId,
          ...(impact.entityName === undefined ? {} : { name: impact.entityName }),
        })),
      ),
      displayId: notification.displayId ?? details.displayName,
      ...(notification.title === undefined ? {} : { title: notification.title }),
      askedApi: 'v1',
    };
  } catch (error) {
    const v2Message = v2Error instanceof Error ? v2Error.message : String(v2Error);
    throw new Error(
      `${v2Message}; the v1 fallback failed too: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

/** Problems v2 is missing on the cluster (404/405) or the token lacks `problems.read` (403). */
function v2Unavailable(error: unknown): boolean {
  if (!(error instanceof DynatraceApiError)) return false;
  if (error.status === 404 || error.status === 405) return true;
  return error.status === 403 && /problems\.read|scope/i.test(error.errorMessage ?? error.message);
}

function uniqueEntities(candidates: readonly ImpactedEntity[]): ImpactedEntity[] {
  const seen = new Set<string>();
  const entities: ImpactedEntity[] = [];
  for (const entity of candidates) {
    if (!isEntityId(entity.id) || seen.has(entity.id) || entities.length >= MAX_ENTITIES) continue;
    seen.add(entity.id);
    entities.push(entity);
  }
  return entities;
}
