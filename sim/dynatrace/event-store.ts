import { IdGenerator } from './id-generator';
import { type EntityTag } from './scenario';

/** The entity an event is attached to, as it was when the event was stored. */
export interface EventEntity {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly tags: readonly EntityTag[];
}

/**
 * Events without an entity selector attach to the environment itself (`dt.entity.environment`), as the
 * Events API v2 does.
 */
export const ENVIRONMENT_ENTITY: EventEntity = {
  id: 'environment',
  type: 'ENVIRONMENT',
  name: 'Environment',
  tags: [],
};

/** One stored event. Both API versions read the same record; v1-only fields live in `properties`. */
export interface StoredEvent {
  /** Insertion order, the final tie-breaker when sorting. */
  readonly sequence: number;
  /** v2 id `<long>_<startTime>`; the v1 `id` field has the same form. */
  readonly eventId: string;
  /** The `<long>` part, which v1 reports as the numeric `eventId`. */
  readonly numericId: number;
  readonly correlationId: string;
  /** Events API v2 event type (v1's `RESOURCE_CONTENTION` is stored as `RESOURCE_CONTENTION_EVENT`). */
  readonly eventType: string;
  readonly title: string;
  readonly startTime: number;
  readonly endTime: number;
  readonly entity: EventEntity;
  /** Property key/value pairs in the order they were sent; values are always strings. */
  readonly properties: readonly (readonly [string, string])[];
}

/** What it takes to store an event. */
export type NewEvent = Omit<StoredEvent, 'sequence' | 'eventId' | 'numericId' | 'correlationId'> & {
  readonly correlationId?: string;
};

/** All events of the simulated environment. */
export class EventStore {
  private readonly events: StoredEvent[] = [];
  private readonly ids = new IdGenerator('events');
  private readonly correlationIds = new IdGenerator('correlation');

  /** A fresh 16-hex-digit correlation id (one per ingest report, even for reports not stored). */
  nextCorrelationId(): string {
    return this.correlationIds.nextHex(16);
  }

  add(event: NewEvent): StoredEvent {
    const numericId = this.ids.nextSafeLong();
    const stored: StoredEvent = {
      ...event,
      sequence: this.events.length + 1,
      eventId: `${numericId}_${event.startTime}`,
      numericId,
      correlationId: event.correlationId ?? this.nextCorrelationId(),
      properties: event.properties.map(([key, value]) => [key, value] as const),
    };
    this.events.push(stored);
    return stored;
  }

  /** All events in insertion order. */
  list(): readonly StoredEvent[] {
    return [...this.events];
  }

  get(eventId: string): StoredEvent | undefined {
    return this.events.find((event) => event.eventId === eventId);
  }

  getByNumericId(numericId: number): StoredEvent | undefined {
    return this.events.find((event) => event.numericId === numericId);
  }
}

/** `OPEN` until the event's end time has passed. */
export function eventStatus(event: StoredEvent, now: number): 'OPEN' | 'CLOSED' {
  return now < event.endTime ? 'OPEN' : 'CLOSED';
}

/** The value of a property, if the event has it. */
export function eventProperty(event: StoredEvent, key: string): string | undefined {
  return event.properties.find(([candidate]) => candidate === key)?.[1];
}
