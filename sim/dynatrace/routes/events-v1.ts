import {
  type ConstraintViolation,
  constraintsViolated,
  invalidParameter,
  notFound,
  violation,
} from '../api-error';
import { type StoredEvent } from '../event-store';
import {
  EVENT_TYPES_V1,
  V1_INGEST_LIMITS,
  eventTypeFromV1,
  eventTypeToV1,
  isInfoEvent,
} from '../event-types';
import { V1_FIELD_PROPERTIES, V1_TYPE_FIELDS, eventViewV1 } from '../event-views';
import { DAY_MS, MINUTE_MS } from '../minute-sample';
import { decodePageKey, encodePageKey, sortBy, sortKeyFrom, takePage } from '../paging';
import { optionalParameter } from '../query-parameters';
import { type Route, type RouteContext, type SimRequest, type SimResponse } from '../route';
import { type ScenarioEntity } from '../scenario';
import { type TagFilter, matchesTag } from '../tag-filter';
import { v1RelativeTimeframe } from '../v1-relative-time';
import { EVENTS_NEWEST_FIRST } from './events-v2';

const PAGE_KIND = 'events.v1';
const PAGE_SIZE = 150;
const TAG_CONTEXTS = [
  'AWS',
  'AWS_GENERIC',
  'AZURE',
  'CLOUD_FOUNDRY',
  'CONTEXTLESS',
  'ENVIRONMENT',
  'GOOGLE_CLOUD',
  'KUBERNETES',
];

const MAX_WINDOW_MS = 2 * 365 * DAY_MS;

/** `POST /api/v1/events`, `GET /api/v1/events`, `GET /api/v1/events/{eventId}` (api-facts A.4). */
export function eventsV1Routes(context: RouteContext): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/api/v1/events',
      scope: 'DataExport',
      handle: (request) => store(context, request),
    },
    {
      method: 'GET',
      pattern: '/api/v1/events',
      scope: 'DataExport',
      handle: (request) => feed(context, request),
    },
    {
      method: 'GET',
      pattern: '/api/v1/events/{eventId}',
      scope: 'DataExport',
      handle: (request) => {
        const text = request.params.eventId ?? '';
        const event = /^-?\d+$/.test(text) ? context.state.events.getByNumericId(Number(text)) : undefined;
        if (!event) throw notFound(`Event ${JSON.stringify(text)} not found.`);
        return { status: 200, body: eventViewV1(event, request.now) };
      },
    },
  ];
}

interface EventCreation {
  readonly eventType: string;
  readonly start: number | undefined;
  readonly end: number | undefined;
  readonly timeoutMinutes: number;
  readonly title: string;
  readonly entityIds: readonly string[];
  readonly tagRules: readonly { meTypes: readonly string[]; tags: readonly TagFilter[] }[];
  readonly properties: readonly (readonly [string, string])[];
}

function store(context: RouteContext, request: SimRequest): SimResponse {
  const creation = validateCreation(request.body);
  const unmatched = context.faults.take(request.method, request.path, ['unmatched']) !== undefined;
  const entities = unmatched ? [] : attachedEntities(context, creation);
  if (entities.length === 0) {
    throw constraintsViolated([
      violation(
        'attachRules',
        'no monitored entity matches the attach rules (entityIds and tagRule)',
        'PAYLOAD_BODY',
      ),
    ]);
  }
  const eventType = eventTypeFromV1(creation.eventType);
  const info = isInfoEvent(eventType);
  const start = creation.start ?? request.now;
  const end = creation.end ?? (info ? start : start + creation.timeoutMinutes * MINUTE_MS);
  const earliest = request.now - (info ? V1_INGEST_LIMITS.infoPastMs : V1_INGEST_LIMITS.problemPastMs);
  if (start < earliest) {
    throw invalidParameter(
      'start',
      `${eventType} events may start at most ${info ? '30 days' : '60 minutes'} in the past; found ${new Date(start).toISOString()}`,
      'PAYLOAD_BODY',
    );
  }
  if (end < start) throw invalidParameter('end', 'must not be before start', 'PAYLOAD_BODY');
  const stored = entities.map((entity) =>
    context.state.events.add({
      eventType,
      title: creation.title,
      startTime: start,
      endTime: end,
      entity: context.state.eventEntity(entity.id),
      properties: creation.properties,
    }),
  );
  return {
    status: 200,
    body: {
      storedEventIds: stored.map((event) => event.numericId),
      storedIds: stored.map((event) => event.eventId),
      storedCorrelationIds: info ? [] : stored.map((event) => event.correlationId),
    },
  };
}

function attachedEntities(context: RouteContext, creation: EventCreation): ScenarioEntity[] {
  return context.state.entities
    .list()
    .filter(
      (entity) =>
        creation.entityIds.includes(entity.id) ||
        creation.tagRules.some(
          (rule) =>
            rule.meTypes.includes(entity.type) &&
            rule.tags.every((filter) => entity.tags.some((tag) => matchesTag(filter, tag))),
        ),
    );
}

function validateCreation(body: unknown): EventCreation {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw constraintsViolated([
      violation('', 'the request body must be a JSON object (EventCreation)', 'PAYLOAD_BODY'),
    ]);
  }
  const record = body as Record<string, unknown>;
  const violations: ConstraintViolation[] = [];
  const fail = (path: string, message: string): void => {
    violations.push(violation(path, message, 'PAYLOAD_BODY'));
  };
  const text = (field: string, required: boolean): string | undefined => {
    const value = record[field];
    if (value === undefined || value === null) {
      if (required) fail(field, 'must not be null');
      return undefined;
    }
    if (typeof value !== 'string' || (required && value.trim() === '')) {
      fail(field, `must be a non-empty string, found ${JSON.stringify(value)}`);
      return undefined;
    }
    return value;
  };
  const integer = (field: string): number | undefined => {
    const value = record[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      fail(field, `must be an integer, found ${JSON.stringify(value)}`);
      return undefined;
    }
    return value;
  };
  const eventType = record.eventType;
  if (typeof eventType !== 'string' || !(EVENT_TYPES_V1 as readonly string[]).includes(eventType)) {
    fail(
      'eventType',
      `must be any of [${EVENT_TYPES_V1.join(', ')}], found ${JSON.stringify(eventType ?? null)}`,
    );
  }
  text('source', true);
  const deployment = eventType === 'CUSTOM_DEPLOYMENT';
  const deploymentName = text('deploymentName', deployment);
  text('deploymentVersion', deployment);
  for (const field of ['deploymentProject', 'ciBackLink', 'remediationAction', 'description'])
    text(field, false);
  const title = text('title', false);
  const start = integer('start');
  const end = integer('end');
  const timeout = integer('timeoutMinutes');
  if (timeout !== undefined && timeout < 1) fail('timeoutMinutes', `must be at least 1, found ${timeout}`);
  const { entityIds, tagRules } = validateAttachRules(record.attachRules, fail);
  const typeFields = typeof eventType === 'string' ? (V1_TYPE_FIELDS[eventTypeFromV1(eventType)] ?? []) : [];
  for (const field of typeFields) text(field, false);
  const customProperties: [string, string][] = [];
  if (record.customProperties !== undefined && record.customProperties !== null) {
    if (typeof record.customProperties !== 'object' || Array.isArray(record.customProperties)) {
      fail('customProperties', 'must be an object of string values');
    } else {
      for (const [key, value] of Object.entries(record.customProperties as Record<string, unknown>)) {
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
          customProperties.push([key, String(value)]);
        } else {
          fail(`customProperties.${key}`, `must be a string, found ${JSON.stringify(value)}`);
        }
      }
    }
  }
  if (violations.length > 0) throw constraintsViolated(violations);
  const properties: [string, string][] = [];
  for (const [field, key] of Object.entries(V1_FIELD_PROPERTIES)) {
    const value = record[field];
    if (typeof value === 'string') properties.push([key, value]);
  }
  for (const field of typeFields) {
    const value = record[field];
    if (typeof value === 'string') properties.push([field, value]);
  }
  properties.push(...customProperties);
  const v1Type = eventType as string;
  return {
    eventType: v1Type,
    start,
    end,
    timeoutMinutes: Math.min(
      timeout ?? V1_INGEST_LIMITS.defaultTimeoutMinutes,
      V1_INGEST_LIMITS.maxTimeoutMinutes,
    ),
    title: title ?? deploymentName ?? (record.description as string | undefined) ?? eventTypeToV1(v1Type),
    entityIds,
    tagRules,
    properties,
  };
}

function validateAttachRules(
  value: unknown,
  fail: (path: string, message: string) => void,
): { entityIds: string[]; tagRules: { meTypes: string[]; tags: TagFilter[] }[] } {
  const entityIds: string[] = [];
  const tagRules: { meTypes: string[]; tags: TagFilter[] }[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail('attachRules', 'must not be null: give entityIds and/or tagRule');
    return { entityIds, tagRules };
  }
  const rules = value as Record<string, unknown>;
  if (rules.entityIds !== undefined && rules.entityIds !== null) {
    if (!Array.isArray(rules.entityIds) || !rules.entityIds.every((id) => typeof id === 'string')) {
      fail('attachRules.entityIds', 'must be an array of entity id strings');
    } else {
      entityIds.push(...rules.entityIds);
    }
  }
  if (rules.tagRule !== undefined && rules.tagRule !== null) {
    if (!Array.isArray(rules.tagRule)) {
      fail('attachRules.tagRule', 'must be an array of { meTypes, tags }');
    } else {
      rules.tagRule.forEach((rule: unknown, index) => {
        const parsed = validateTagRule(rule, `attachRules.tagRule[${index}]`, fail);
        if (parsed) tagRules.push(parsed);
      });
    }
  }
  if (entityIds.length === 0 && tagRules.length === 0) {
    fail('attachRules', 'must contain at least one entity id or tag rule');
  }
  return { entityIds, tagRules };
}

function validateTagRule(
  rule: unknown,
  path: string,
  fail: (path: string, message: string) => void,
): { meTypes: string[]; tags: TagFilter[] } | undefined {
  if (typeof rule !== 'object' || rule === null) {
    fail(path, 'must be an object { meTypes, tags }');
    return undefined;
  }
  const { meTypes, tags } = rule as Record<string, unknown>;
  if (!Array.isArray(meTypes) || meTypes.length === 0 || !meTypes.every((type) => typeof type === 'string')) {
    fail(`${path}.meTypes`, 'must be a non-empty array of entity types such as SERVICE');
    return undefined;
  }
  if (!Array.isArray(tags) || tags.length === 0) {
    fail(`${path}.tags`, 'must be a non-empty array of { context, key, value? }');
    return undefined;
  }
  const filters: TagFilter[] = [];
  tags.forEach((tag: unknown, index) => {
    const where = `${path}.tags[${index}]`;
    const { context, key, value } = (typeof tag === 'object' && tag !== null ? tag : {}) as Record<
      string,
      unknown
    >;
    if (typeof context !== 'string' || !TAG_CONTEXTS.includes(context.toUpperCase())) {
      fail(
        `${where}.context`,
        `must be one of ${TAG_CONTEXTS.join(', ')}, found ${JSON.stringify(context ?? null)}`,
      );
    } else if (typeof key !== 'string' || key === '') {
      fail(`${where}.key`, 'must be a non-empty string');
    } else if (value !== undefined && value !== null && typeof value !== 'string') {
      fail(`${where}.value`, `must be a string, found ${JSON.stringify(value)}`);
    } else {
      filters.push({ context, key, ...(typeof value === 'string' ? { value } : {}) });
    }
  });
  return { meTypes: meTypes, tags: filters };
}

interface FeedQuery {
  readonly from: number;
  readonly to: number;
  readonly eventType: string | undefined;
  readonly entityId: string | undefined;
}

function feed(context: RouteContext, request: SimRequest): SimResponse {
  const cursor = optionalParameter(request.query, 'cursor');
  let query: FeedQuery;
  let after: readonly (string | number)[] | undefined;
  if (cursor !== undefined) {
    // With a cursor every other parameter is unnecessary (api-facts A.4): the cursor carries the query.
    const state = decodePageKey(PAGE_KIND, cursor, 'cursor') as { query?: FeedQuery; after?: unknown };
    if (!state.query) throw invalidParameter('cursor', 'is not a valid cursor (it holds no query)');
    query = state.query;
    after = sortKeyFrom(state.after, 'cursor');
  } else {
    query = feedQuery(request);
  }
  const matching = context.state.events
    .list()
    .filter((event) => event.startTime <= query.to && event.endTime >= query.from)
    .filter((event) => query.eventType === undefined || eventTypeToV1(event.eventType) === query.eventType)
    .filter((event) => query.entityId === undefined || event.entity.id === query.entityId);
  const sorted = sortBy(matching, EVENTS_NEWEST_FIRST);
  const page = takePage(sorted, EVENTS_NEWEST_FIRST, PAGE_SIZE, after);
  const next: StoredEvent | undefined = page.continueAfter
    ? takePage(sorted, EVENTS_NEWEST_FIRST, 1, page.continueAfter).items[0]
    : undefined;
  return {
    status: 200,
    body: {
      nextEventStartTms: next?.startTime ?? null,
      nextEventId: next?.numericId ?? null,
      nextCursor: page.continueAfter ? encodePageKey(PAGE_KIND, { query, after: page.continueAfter }) : null,
      from: query.from,
      to: query.to,
      totalEventCount: matching.length,
      events: page.items.map((event) => eventViewV1(event, request.now)),
    },
  };
}

/** Without `from`, the feed covers the last 30 days before `to`. */
function explicitTimeframe(from: number | undefined, to: number): { from: number; to: number } {
  return { from: from ?? to - 30 * DAY_MS, to };
}

function feedQuery(request: SimRequest): FeedQuery {
  const epoch = (name: string): number | undefined => {
    const text = optionalParameter(request.query, name);
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text))
      throw invalidParameter(
        name,
        `must be a timestamp in epoch milliseconds, found ${JSON.stringify(text)}`,
      );
    return Number(text);
  };
  const relative = optionalParameter(request.query, 'relativeTime');
  const { from, to } =
    relative !== undefined
      ? v1RelativeTimeframe(relative, request.now)
      : explicitTimeframe(epoch('from'), epoch('to') ?? request.now);
  if (from >= to) throw invalidParameter('from', 'must be before to');
  if (to - from > MAX_WINDOW_MS) throw invalidParameter('from', 'the timeframe must not exceed 2 years');
  const eventType = optionalParameter(request.query, 'eventType');
  if (eventType !== undefined && !(EVENT_TYPES_V1 as readonly string[]).includes(eventType)) {
    throw invalidParameter(
      'eventType',
      `must be any of [${EVENT_TYPES_V1.join(', ')}], found ${JSON.stringify(eventType)}`,
    );
  }
  return { from, to, eventType, entityId: optionalParameter(request.query, 'entityId') };
}
