import {
  ApiError,
  type ConstraintViolation,
  constraintsViolated,
  invalidParameter,
  notFound,
  violation,
} from '../api-error';
import { type EntitySelector, matchesEntitySelector, parseEntitySelector } from '../entity-selector';
import { type EventMatcher, parseEventSelector } from '../event-selector';
import { ENVIRONMENT_ENTITY, type EventEntity, type StoredEvent } from '../event-store';
import { EVENT_TYPES_V2, INGEST_LIMITS, isInfoEvent } from '../event-types';
import { eventViewV2 } from '../event-views';
import { MINUTE_MS } from '../minute-sample';
import { type SortOrder, decodePageKey, encodePageKey, sortBy, sortKeyFrom, takePage } from '../paging';
import {
  assertOnlyPageKey,
  integerParameter,
  optionalParameter,
  timeframeParameters,
} from '../query-parameters';
import { type Route, type RouteContext, type SimRequest, type SimResponse } from '../route';
import { parseSelectorParameter } from '../selector-parameter';

const PAGE_KIND = 'events.v2';

/** Newest first; events ingested later come first among equal start times. */
export const EVENTS_NEWEST_FIRST: SortOrder<StoredEvent> = {
  key: (event) => [event.startTime, event.sequence],
  descending: [true, true],
};

/** `POST /api/v2/events/ingest`, `GET /api/v2/events`, `GET /api/v2/events/{eventId}` (api-facts A.2, A.3). */
export function eventsV2Routes(context: RouteContext): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/api/v2/events/ingest',
      scope: 'events.ingest',
      handle: (request) => ingest(context, request),
    },
    {
      method: 'GET',
      pattern: '/api/v2/events',
      scope: 'events.read',
      handle: (request) => list(context, request),
    },
    {
      method: 'GET',
      pattern: '/api/v2/events/{eventId}',
      scope: 'events.read',
      handle: (request) => {
        const event = context.state.events.get(request.params.eventId ?? '');
        if (!event) throw notFound(`Event ${JSON.stringify(request.params.eventId)} not found.`);
        return { status: 200, body: eventViewV2(event, request.now) };
      },
    },
  ];
}

interface IngestRequest {
  readonly eventType: string;
  readonly title: string;
  readonly entitySelector: EntitySelector | undefined;
  readonly startTime: number | undefined;
  readonly endTime: number | undefined;
  readonly timeoutMinutes: number;
  readonly properties: readonly (readonly [string, string])[];
}

function ingest(context: RouteContext, request: SimRequest): SimResponse {
  const body = validateIngest(request.body);
  const unmatched = context.faults.take(request.method, request.path, ['unmatched']) !== undefined;
  const targets: EventEntity[] = unmatched
    ? []
    : body.entitySelector
      ? context.state.entities
          .select(body.entitySelector)
          .map((entity) => context.state.eventEntity(entity.id))
      : [ENVIRONMENT_ENTITY];
  const startTime = body.startTime ?? request.now;
  const endTime = body.endTime ?? startTime + body.timeoutMinutes * MINUTE_MS;
  const status = !metadataValid(body.properties)
    ? 'INVALID_METADATA'
    : !timestampsValid(body.eventType, startTime, endTime, request.now)
      ? 'INVALID_TIMESTAMPS'
      : 'OK';
  const eventIngestResults = targets.map((entity) => {
    const correlationId = context.state.events.nextCorrelationId();
    if (status === 'OK') {
      context.state.events.add({
        eventType: body.eventType,
        title: body.title,
        startTime,
        endTime,
        entity,
        properties: body.properties,
        correlationId,
      });
    }
    return { correlationId, status };
  });
  return { status: 201, body: { reportCount: eventIngestResults.length, eventIngestResults } };
}

function validateIngest(body: unknown): IngestRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw constraintsViolated([
      violation('', 'the request body must be a JSON object (EventIngest)', 'PAYLOAD_BODY'),
    ]);
  }
  const record = body as Record<string, unknown>;
  const violations: ConstraintViolation[] = [];
  const fail = (path: string, message: string): void => {
    violations.push(violation(path, message, 'PAYLOAD_BODY'));
  };
  const eventType = record.eventType;
  if (typeof eventType !== 'string' || !(EVENT_TYPES_V2 as readonly string[]).includes(eventType)) {
    fail(
      'eventType',
      `must be any of [${EVENT_TYPES_V2.join(', ')}], found ${JSON.stringify(eventType ?? null)}`,
    );
  }
  const title = record.title;
  if (typeof title !== 'string' || title.trim() === '') fail('title', 'must not be empty');
  let entitySelector: EntitySelector | undefined;
  if (record.entitySelector !== undefined && record.entitySelector !== null) {
    if (typeof record.entitySelector !== 'string') {
      fail('entitySelector', 'must be a string');
    } else {
      try {
        entitySelector = parseSelectorParameter(
          parseEntitySelector,
          record.entitySelector,
          'entitySelector',
          'PAYLOAD_BODY',
        );
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        violations.push(...(error.constraintViolations ?? []));
      }
    }
  }
  const integerField = (field: string): number | undefined => {
    const value = record[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      fail(field, `must be an integer, found ${JSON.stringify(value)}`);
      return undefined;
    }
    return value;
  };
  const startTime = integerField('startTime');
  const endTime = integerField('endTime');
  const timeout = integerField('timeout');
  if (timeout !== undefined && timeout < 1) fail('timeout', `must be at least 1 (minutes), found ${timeout}`);
  const properties: [string, string][] = [];
  if (record.properties !== undefined && record.properties !== null) {
    if (typeof record.properties !== 'object' || Array.isArray(record.properties)) {
      fail('properties', 'must be an object of string values');
    } else {
      for (const [key, value] of Object.entries(record.properties as Record<string, unknown>)) {
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
          properties.push([key, String(value)]);
        } else {
          fail(
            `properties.${key}`,
            `must be a string (numbers and booleans are converted), found ${JSON.stringify(value)}`,
          );
        }
      }
    }
  }
  if (violations.length > 0) throw constraintsViolated(violations);
  return {
    eventType: eventType as string,
    title: title as string,
    entitySelector,
    startTime,
    endTime,
    timeoutMinutes: Math.min(timeout ?? INGEST_LIMITS.defaultTimeoutMinutes, INGEST_LIMITS.maxTimeoutMinutes),
    properties,
  };
}

function metadataValid(properties: readonly (readonly [string, string])[]): boolean {
  return (
    properties.length <= INGEST_LIMITS.maxProperties &&
    properties.every(
      ([key, value]) =>
        key.length <= INGEST_LIMITS.maxKeyLength && value.length <= INGEST_LIMITS.maxValueLength,
    )
  );
}

function timestampsValid(eventType: string, startTime: number, endTime: number, now: number): boolean {
  const info = isInfoEvent(eventType);
  const earliest = now - (info ? INGEST_LIMITS.infoPastMs : INGEST_LIMITS.problemPastMs);
  const latest = now + (info ? INGEST_LIMITS.infoFutureMs : INGEST_LIMITS.problemFutureMs);
  return startTime >= earliest && startTime <= latest && endTime >= startTime;
}

interface ListQuery {
  readonly from: number;
  readonly to: number;
  readonly eventSelector: string | undefined;
  readonly entitySelector: string | undefined;
  readonly pageSize: number;
}

function list(context: RouteContext, request: SimRequest): SimResponse {
  const pageKey = optionalParameter(request.query, 'nextPageKey');
  let query: ListQuery;
  let after: readonly (string | number)[] | undefined;
  if (pageKey !== undefined) {
    assertOnlyPageKey(request.query);
    const state = decodePageKey(PAGE_KIND, pageKey) as { query?: ListQuery; after?: unknown };
    if (!state.query) throw invalidParameter('nextPageKey', 'is not a valid page key (it holds no query)');
    query = state.query;
    after = sortKeyFrom(state.after);
  } else {
    query = {
      ...timeframeParameters(request.query, request.now, { from: 'now-2h', to: 'now' }),
      eventSelector: optionalParameter(request.query, 'eventSelector'),
      entitySelector: optionalParameter(request.query, 'entitySelector'),
      pageSize: integerParameter(request.query, 'pageSize', { min: 1, max: 1000, fallback: 100 }),
    };
  }
  const eventMatcher: EventMatcher | undefined =
    query.eventSelector === undefined
      ? undefined
      : parseSelectorParameter(parseEventSelector, query.eventSelector, 'eventSelector');
  const entitySelector =
    query.entitySelector === undefined
      ? undefined
      : parseSelectorParameter(parseEntitySelector, query.entitySelector, 'entitySelector');
  const matching = context.state.events
    .list()
    .filter((event) => event.startTime <= query.to && event.endTime >= query.from)
    .filter((event) => !eventMatcher || eventMatcher(event, request.now))
    .filter((event) => {
      if (!entitySelector) return true;
      const current = context.state.entities.get(event.entity.id);
      return matchesEntitySelector(
        entitySelector,
        current ?? {
          id: event.entity.id,
          type: event.entity.type,
          displayName: event.entity.name,
          tags: event.entity.tags,
        },
      );
    });
  const page = takePage(sortBy(matching, EVENTS_NEWEST_FIRST), EVENTS_NEWEST_FIRST, query.pageSize, after);
  return {
    status: 200,
    body: {
      totalCount: matching.length,
      pageSize: query.pageSize,
      nextPageKey: page.continueAfter ? encodePageKey(PAGE_KIND, { query, after: page.continueAfter }) : null,
      events: page.items.map((event) => eventViewV2(event, request.now)),
      warnings: [],
    },
  };
}
