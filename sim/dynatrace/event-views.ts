import { entityStub, tagView } from './entity-views';
import { type StoredEvent, eventProperty, eventStatus } from './event-store';
import { eventTypeToV1, severityOfEventType } from './event-types';

/** v1 top-level fields and the v2 properties they are stored as (api-facts A.4, v1 → v2 mapping). */
export const V1_FIELD_PROPERTIES = {
  deploymentName: 'dt.event.deployment.name',
  deploymentVersion: 'dt.event.deployment.version',
  deploymentProject: 'dt.event.deployment.project',
  ciBackLink: 'dt.event.deployment.ci_back_link',
  remediationAction: 'dt.event.deployment.remediation_action_link',
  source: 'dt.event.source',
  description: 'dt.event.description',
} as const;

/**
 * v1-only fields of annotation and configuration events. v2 has no dedicated property for them, so they
 * are stored as plain properties under their v1 names and shown top-level again by the v1 view.
 */
export const V1_TYPE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  CUSTOM_ANNOTATION: ['annotationType', 'annotationDescription'],
  CUSTOM_CONFIGURATION: ['configuration', 'original', 'changed'],
};

/** The Events API v2 representation (api-facts A.3). */
export function eventViewV2(event: StoredEvent, now: number): Record<string, unknown> {
  return {
    eventId: event.eventId,
    startTime: event.startTime,
    endTime: event.endTime,
    eventType: event.eventType,
    title: event.title,
    entityId: entityStub(event.entity),
    properties: event.properties.map(([key, value]) => ({ key, value })),
    status: eventStatus(event, now),
    correlationId: event.correlationId,
    entityTags: event.entity.tags.map((tag) => tagView(tag)),
    managementZones: [],
    underMaintenance: false,
    suppressAlert: false,
    suppressProblem: false,
    frequentEvent: false,
  };
}

/** The Events API v1 representation (api-facts A.4), derived from the same stored event. */
export function eventViewV1(event: StoredEvent, now: number): Record<string, unknown> {
  const view: Record<string, unknown> = {
    eventId: event.numericId,
    id: event.eventId,
    startTime: event.startTime,
    endTime: event.endTime,
    entityId: event.entity.id,
    entityName: event.entity.name,
    severityLevel: severityOfEventType(event.eventType),
    impactLevel: impactLevelV1(event.entity.type),
    eventType: eventTypeToV1(event.eventType),
    eventStatus: eventStatus(event, now),
    tags: event.entity.tags.map((tag) => ({
      context: tag.context,
      key: tag.key,
      ...(tag.value === undefined ? {} : { value: tag.value }),
    })),
    title: event.title,
  };
  const mapped = new Set<string>();
  for (const [field, key] of Object.entries(V1_FIELD_PROPERTIES)) {
    const value = eventProperty(event, key);
    if (value !== undefined) view[field] = value;
    mapped.add(key);
  }
  for (const field of V1_TYPE_FIELDS[event.eventType] ?? []) {
    const value = eventProperty(event, field);
    if (value !== undefined) view[field] = value;
    mapped.add(field);
  }
  const custom = event.properties.filter(([key]) => !key.startsWith('dt.') && !mapped.has(key));
  if (custom.length > 0) view.customProperties = Object.fromEntries(custom);
  return view;
}

/** v1's singular impact level for an entity type. */
export function impactLevelV1(entityType: string): string {
  switch (entityType) {
    case 'SERVICE':
      return 'SERVICE';
    case 'APPLICATION':
      return 'APPLICATION';
    case 'ENVIRONMENT':
      return 'ENVIRONMENT';
    default:
      return 'INFRASTRUCTURE';
  }
}
