import {
  EVENT_SOURCE,
  parseDeploymentEventProperties,
  type ParsedDeploymentEvent,
} from '../deployment-event/deployment-event-properties';
import { type EventWindow } from './event-window';
import { type ImpactedEntity } from './problem-notification';

/** An event as the Events API returned it, reduced to what the decision needs. */
export interface ObservedEvent {
  readonly eventId: string;
  readonly eventType: string;
  /** Epoch ms. */
  readonly startTime: number;
  readonly properties: Readonly<Record<string, string>>;
}

/** A deployment event this product wrote, as `parseDeploymentEventProperties` reads it. */
export type OurDeploymentEvent = Extract<ParsedDeploymentEvent, { readonly ours: true }>;

/** What was found on one impacted entity. */
export type EntityFinding =
  | {
      readonly kind: 'deployment';
      readonly entity: ImpactedEntity;
      /** The most recent deployment event of ours in the window. */
      readonly event: ObservedEvent;
      readonly parsed: OurDeploymentEvent;
    }
  | { readonly kind: 'none'; readonly entity: ImpactedEntity; readonly reason: string };

const DEPLOYMENT_EVENT_TYPE = 'CUSTOM_DEPLOYMENT';

/**
 * Picks the deployment that may have caused a problem on one entity: the most recent `CUSTOM_DEPLOYMENT`
 * event inside the window that this product wrote. The API's order and time filter are not trusted: events
 * are filtered and sorted here (newest first, ties by event id so the choice is stable). Events written by
 * other tools are passed over, so a later foreign deployment does not hide ours.
 */
export function findEntityCulprit(
  entity: ImpactedEntity,
  events: readonly ObservedEvent[],
  window: EventWindow,
): EntityFinding {
  const candidates = events
    .filter(
      (event) =>
        event.eventType === DEPLOYMENT_EVENT_TYPE &&
        event.startTime >= window.from &&
        event.startTime <= window.to,
    )
    .sort(
      (a, b) => b.startTime - a.startTime || (a.eventId < b.eventId ? 1 : a.eventId > b.eventId ? -1 : 0),
    );
  for (const event of candidates) {
    const parsed = parseDeploymentEventProperties(event.properties);
    if (parsed.ours) return { kind: 'deployment', entity, event, parsed };
  }
  const range = `between ${new Date(window.from).toISOString()} and ${new Date(window.to).toISOString()}`;
  return {
    kind: 'none',
    entity,
    reason:
      candidates.length === 0
        ? `no deployment event ${range}`
        : `${candidates.length} deployment event${candidates.length === 1 ? '' : 's'} ${range}, ` +
          `none written by ${EVENT_SOURCE}`,
  };
}
