import { type NotificationValues, type PlaceholderValue } from './notification-payload';
import { type Problem } from './problem-store';
import { problemViewV1, problemViewV2 } from './problem-views';
import { type EntityTag } from './scenario';
import { type SimulatorState } from './simulator-state';
import { formatTag } from './tag-filter';

/** What `{State}` says: Dynatrace notifies when a problem opens and when it is resolved. */
export type NotificationState = 'OPEN' | 'RESOLVED';

/** An impacted entity as `{ImpactedEntities}` lists it. */
interface ImpactedEntityItem {
  readonly type: string;
  readonly name: string;
  readonly entity: string;
}

/** The title of the payload the "Send test notification" button posts (api-facts §A.8). */
export const TEST_NOTIFICATION_TITLE = 'Dynatrace problem notification test run';

/** The placeholder values of a notification about a stored problem. */
export function problemNotificationValues(
  problem: Problem,
  state: SimulatorState,
  notificationState: NotificationState,
  environmentUrl: string,
  now: number,
): NotificationValues {
  const entities: ImpactedEntityItem[] = problem.impactedEntityIds.map((entityId) => {
    const entity = state.entities.get(entityId);
    return { type: entity?.type ?? 'UNKNOWN', name: entity?.displayName ?? entityId, entity: entityId };
  });
  const tags = problem.impactedEntityIds.flatMap((entityId) => state.entities.get(entityId)?.tags ?? []);
  const v1 = problemViewV1(problem, state).result as Record<string, unknown>;
  // The webhook carries the v2 problem with evidence and impact analysis, never the comments.
  const v2 = problemViewV2(problem, state, new Set(['evidenceDetails', 'impactAnalysis']), now);
  return buildValues({
    state: notificationState,
    pid: problem.problemId,
    displayId: problem.displayId,
    title: problem.title,
    url: problemUrl(environmentUrl, problem.problemId),
    impact: problem.impactLevel === 'SERVICES' ? 'SERVICE' : problem.impactLevel,
    severity: problem.severityLevel,
    entities,
    tags,
    detailsV1: v1,
    detailsV2: v2,
  });
}

/**
 * The synthetic values of Dynatrace's "Send test notification": PID `99999`, ProblemID `999`, state OPEN,
 * two made-up impacted entities (a host and a service) and two tags.
 */
export function testNotificationValues(environmentUrl: string, now: number): NotificationValues {
  const entities: ImpactedEntityItem[] = [
    { type: 'HOST', name: 'MyHost1', entity: 'HOST-XXXXXXXXXXXXX' },
    { type: 'SERVICE', name: 'MyService1', entity: 'SERVICE-XXXXXXXXXXXXX' },
  ];
  const tags: EntityTag[] = [
    { context: 'CONTEXTLESS', key: 'testtag1' },
    { context: 'CONTEXTLESS', key: 'testtag2' },
  ];
  return buildValues({
    state: 'OPEN',
    pid: '99999',
    displayId: '999',
    title: TEST_NOTIFICATION_TITLE,
    url: problemUrl(environmentUrl, '99999'),
    impact: 'INFRASTRUCTURE',
    severity: 'AVAILABILITY',
    entities,
    tags,
    detailsV1: {
      id: '99999',
      displayName: '999',
      startTime: now,
      endTime: -1,
      impactLevel: 'INFRASTRUCTURE',
      severityLevel: 'AVAILABILITY',
      status: 'OPEN',
      hasRootCause: false,
      commentCount: 0,
      rankedEvents: [],
      rankedImpacts: entities.map((entity) => ({
        entityId: entity.entity,
        entityName: entity.name,
        severityLevel: 'AVAILABILITY',
        impactLevel: entity.type === 'SERVICE' ? 'SERVICE' : 'INFRASTRUCTURE',
        eventType: 'HOST_CONNECTION_LOST',
      })),
      affectedCounts: { INFRASTRUCTURE: 1, SERVICE: 1, APPLICATION: 0, ENVIRONMENT: 0 },
      recoveredCounts: { INFRASTRUCTURE: 0, SERVICE: 0, APPLICATION: 0, ENVIRONMENT: 0 },
      tagsOfAffectedEntities: tags.map((tag) => ({ context: tag.context, key: tag.key })),
    },
    detailsV2: {
      problemId: '99999',
      displayId: '999',
      title: TEST_NOTIFICATION_TITLE,
      impactLevel: 'INFRASTRUCTURE',
      severityLevel: 'AVAILABILITY',
      status: 'OPEN',
      startTime: now,
      endTime: -1,
      affectedEntities: entities.map(v2Stub),
      impactedEntities: entities.map(v2Stub),
      rootCauseEntity: null,
      managementZones: [],
      entityTags: tags.map((tag) => ({ context: tag.context, key: tag.key, stringRepresentation: tag.key })),
      problemFilters: [],
      linkedProblemInfo: null,
      evidenceDetails: { totalCount: 0, details: [] },
      impactAnalysis: { impacts: [] },
    },
  });
}

/** The problem's page in the Dynatrace UI, as `{ProblemURL}` gives it. */
export function problemUrl(environmentUrl: string, problemId: string): string {
  return `${environmentUrl}/#problems/problemdetails;pid=${problemId}`;
}

function buildValues(facts: {
  state: NotificationState;
  pid: string;
  displayId: string;
  title: string;
  url: string;
  impact: string;
  severity: string;
  entities: readonly ImpactedEntityItem[];
  tags: readonly EntityTag[];
  detailsV1: Record<string, unknown>;
  detailsV2: Record<string, unknown>;
}): NotificationValues {
  const text = (value: string): PlaceholderValue => ({ kind: 'text', text: value });
  const json = (value: unknown): PlaceholderValue => ({ kind: 'json', json: JSON.stringify(value) });
  const names = facts.entities.map((entity) => entity.name).join(', ');
  const tagTexts = [...new Set(facts.tags.map(formatTag))];
  const tagValues = new Map<string, string>();
  for (const tag of facts.tags) if (!tagValues.has(tag.key)) tagValues.set(tag.key, tag.value ?? '');
  const heading = `${facts.state === 'OPEN' ? 'Problem' : 'Resolved problem'} ${facts.displayId}: ${facts.title}`;
  const lines = [
    `Severity: ${facts.severity}, impact: ${facts.impact}`,
    `Impacted entities: ${names}`,
    `Details: ${facts.url}`,
  ];
  return {
    placeholders: {
      State: text(facts.state),
      PID: text(facts.pid),
      ProblemID: text(facts.displayId),
      ProblemTitle: text(facts.title),
      ProblemURL: text(facts.url),
      ProblemImpact: text(facts.impact),
      ProblemSeverity: text(facts.severity),
      ImpactedEntities: json(facts.entities),
      ImpactedEntity: text(`${facts.title} for ${names}`),
      ImpactedEntityNames: text(names),
      NamesOfImpactedEntities: text(names),
      Tags: text(tagTexts.join(', ')),
      ProblemDetailsJSON: json(facts.detailsV1),
      ProblemDetailsJSONv2: json(facts.detailsV2),
      ProblemDetailsText: text([heading, ...lines].join('\n')),
      ProblemDetailsMarkdown: text([`**${heading}**`, '', ...lines.map((line) => `- ${line}`)].join('\n')),
      ProblemDetailsHTML: text(
        `<h3>${escapeHtml(heading)}</h3><ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`,
      ),
    },
    tagValues,
  };
}

function v2Stub(entity: ImpactedEntityItem): Record<string, unknown> {
  return { entityId: { id: entity.entity, type: entity.type }, name: entity.name };
}

function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}
