import { DAY_MS, MINUTE_MS } from './minute-sample';

/** Events API v2 event types (api-facts A.2). */
export const EVENT_TYPES_V2 = [
  'AVAILABILITY_EVENT',
  'CUSTOM_ALERT',
  'CUSTOM_ANNOTATION',
  'CUSTOM_CONFIGURATION',
  'CUSTOM_DEPLOYMENT',
  'CUSTOM_INFO',
  'ERROR_EVENT',
  'MARKED_FOR_TERMINATION',
  'PERFORMANCE_EVENT',
  'RESOURCE_CONTENTION_EVENT',
  'WARNING',
] as const;

/** Events API v1 event types: v2's list with `RESOURCE_CONTENTION` instead of `…_EVENT` and no `WARNING`. */
export const EVENT_TYPES_V1 = [
  'AVAILABILITY_EVENT',
  'CUSTOM_ALERT',
  'CUSTOM_ANNOTATION',
  'CUSTOM_CONFIGURATION',
  'CUSTOM_DEPLOYMENT',
  'CUSTOM_INFO',
  'ERROR_EVENT',
  'MARKED_FOR_TERMINATION',
  'PERFORMANCE_EVENT',
  'RESOURCE_CONTENTION',
] as const;

/** Info events (not problem-opening) may lie further in the past and the future. */
const INFO_EVENT_TYPES: ReadonlySet<string> = new Set([
  'CUSTOM_ANNOTATION',
  'CUSTOM_CONFIGURATION',
  'CUSTOM_DEPLOYMENT',
  'CUSTOM_INFO',
  'MARKED_FOR_TERMINATION',
]);

/** Whether an event of this (v2) type is an info event rather than a problem-opening one. */
export function isInfoEvent(eventType: string): boolean {
  return INFO_EVENT_TYPES.has(eventType);
}

/** The v2 name of a v1 event type. */
export function eventTypeFromV1(eventType: string): string {
  return eventType === 'RESOURCE_CONTENTION' ? 'RESOURCE_CONTENTION_EVENT' : eventType;
}

/** The v1 name of a v2 event type. */
export function eventTypeToV1(eventType: string): string {
  return eventType === 'RESOURCE_CONTENTION_EVENT' ? 'RESOURCE_CONTENTION' : eventType;
}

/** The severity v1 reports for a problem-opening event type (`null` for info events). */
export function severityOfEventType(eventType: string): string | null {
  switch (eventType) {
    case 'AVAILABILITY_EVENT':
      return 'AVAILABILITY';
    case 'ERROR_EVENT':
      return 'ERROR';
    case 'PERFORMANCE_EVENT':
      return 'PERFORMANCE';
    case 'RESOURCE_CONTENTION_EVENT':
      return 'RESOURCE_CONTENTION';
    case 'CUSTOM_ALERT':
      return 'CUSTOM_ALERT';
    default:
      return null;
  }
}

const HOUR_MS = 60 * MINUTE_MS;

/** Limits of the Events API v2 ingest (api-facts A.2). */
export const INGEST_LIMITS = {
  maxProperties: 100,
  maxKeyLength: 100,
  maxValueLength: 4096,
  defaultTimeoutMinutes: 15,
  maxTimeoutMinutes: 360,
  infoPastMs: 30 * DAY_MS,
  infoFutureMs: 7 * DAY_MS,
  problemPastMs: 6 * HOUR_MS,
  problemFutureMs: 5 * MINUTE_MS,
} as const;

/** Limits of the Events API v1 ingest (api-facts A.4). */
export const V1_INGEST_LIMITS = {
  defaultTimeoutMinutes: 15,
  maxTimeoutMinutes: 120,
  infoPastMs: 30 * DAY_MS,
  problemPastMs: HOUR_MS,
} as const;
