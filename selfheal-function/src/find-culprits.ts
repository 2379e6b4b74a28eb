import { type DynatraceClient, type DynatraceEvent } from '../../lib/dynatrace';
import {
  findEntityCulprit,
  type EntityFinding,
  type EventWindow,
  type ImpactedEntity,
  type ObservedEvent,
} from '../../lib/remediation';

/** Entities queried at the same time; enough to be quick, few enough not to trip rate limits. */
const CONCURRENCY = 4;
const EVENT_PAGE_SIZE = 500;
const MAX_EVENT_PAGES = 10;

/**
 * Asks the Events API for each entity's deployment events in the window and picks each entity's culprit
 * (see `findEntityCulprit`). An entity without a deployment of ours is a finding like any other, not a
 * failure; a failing query fails the search, because a missing entity could hide a conflicting culprit.
 */
export async function findCulprits(
  entities: readonly ImpactedEntity[],
  window: EventWindow,
  dynatrace: DynatraceClient,
): Promise<EntityFinding[]> {
  const findings: EntityFinding[] = new Array<EntityFinding>(entities.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < entities.length) {
      const index = next;
      next += 1;
      const entity = entities[index];
      if (entity === undefined) continue;
      const events = await dynatrace.listEvents(
        {
          from: window.from,
          to: window.to,
          eventSelector: `eventType("CUSTOM_DEPLOYMENT"),entityId("${entity.id}")`,
          pageSize: EVENT_PAGE_SIZE,
        },
        { maxPages: MAX_EVENT_PAGES },
      );
      findings[index] = findEntityCulprit(entity, events.map(toObservedEvent), window);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, entities.length) }, worker));
  return findings;
}

function toObservedEvent(event: DynatraceEvent): ObservedEvent {
  return {
    eventId: event.eventId,
    eventType: event.eventType,
    startTime: event.startTime,
    properties: Object.fromEntries(event.properties.map((property) => [property.key, property.value])),
  };
}
