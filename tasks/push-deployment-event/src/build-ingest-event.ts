import { type DeploymentEventDescription } from '../../../lib/deployment-event/deployment-event-properties';
import { type EventIngest } from '../../../lib/dynatrace';
import { buildEventProperties } from './build-event-properties';
import { entitySelectorOf, type EventTarget } from './event-target';
import { type EventType } from './inputs';

/** The Events API v2 body (`POST /api/v2/events/ingest`) for one deployment and target. */
export function buildIngestEvent(
  eventType: EventType,
  description: DeploymentEventDescription,
  target: EventTarget,
): EventIngest {
  return {
    eventType,
    title: description.name,
    entitySelector: entitySelectorOf(target),
    properties: buildEventProperties(description),
  };
}
