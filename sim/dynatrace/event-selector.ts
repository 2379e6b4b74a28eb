import { type StoredEvent, eventProperty, eventStatus } from './event-store';
import {
  type Criterion,
  SelectorSyntaxError,
  parseCriteria,
  singleValue,
  someValues,
} from './selector-criteria';

/** A parsed `eventSelector`: all predicates must hold. */
export type EventMatcher = (event: StoredEvent, now: number) => boolean;

const ALWAYS_FALSE_FLAGS = new Set(['underMaintenance', 'suppressAlert', 'suppressProblem', 'frequentEvent']);

/**
 * Parses an Events API v2 `eventSelector` (api-facts A.3): `eventType("X")` (one type), `entityId(..)`,
 * `status("OPEN"|"CLOSED")`, `correlationId(..)`, `eventId(..)`, `property.<key>(..)` and the flags
 * `underMaintenance`, `suppressAlert`, `suppressProblem`, `frequentEvent` (always false here). Several
 * values in one criterion mean OR; criteria combine with AND. Throws {@link SelectorSyntaxError}.
 */
export function parseEventSelector(text: string): EventMatcher {
  const matchers = parseCriteria(text).map((criterion) => toMatcher(criterion));
  return (event, now) => matchers.every((matches) => matches(event, now));
}

function toMatcher(criterion: Criterion): EventMatcher {
  const name = criterion.name;
  if (name.startsWith('property.') && name.length > 'property.'.length) {
    const key = name.slice('property.'.length);
    const values = someValues(criterion);
    return (event) => {
      const value = eventProperty(event, key);
      return value !== undefined && values.includes(value);
    };
  }
  if (ALWAYS_FALSE_FLAGS.has(name)) {
    const value = singleValue(criterion);
    if (value !== 'true' && value !== 'false') {
      throw new SelectorSyntaxError(`${name}(…) takes true or false, found ${JSON.stringify(value)}`);
    }
    return () => value === 'false';
  }
  switch (name) {
    case 'eventType': {
      const eventType = singleValue(criterion);
      return (event) => event.eventType === eventType;
    }
    case 'status': {
      const status = singleValue(criterion).toUpperCase();
      if (status !== 'OPEN' && status !== 'CLOSED') {
        throw new SelectorSyntaxError(`status(…) takes OPEN or CLOSED, found ${JSON.stringify(status)}`);
      }
      return (event, now) => eventStatus(event, now) === status;
    }
    case 'entityId': {
      const ids = someValues(criterion);
      return (event) => ids.includes(event.entity.id);
    }
    case 'correlationId': {
      const ids = someValues(criterion);
      return (event) => ids.includes(event.correlationId);
    }
    case 'eventId': {
      const ids = someValues(criterion);
      return (event) => ids.includes(event.eventId);
    }
    default:
      throw new SelectorSyntaxError(
        `unsupported criterion ${name}(…); supported: eventType, entityId, status, correlationId, eventId, property.<key>, underMaintenance, suppressAlert, suppressProblem, frequentEvent`,
      );
  }
}
