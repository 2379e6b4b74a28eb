import {
  arrayOf,
  boolean,
  type Decoder,
  nullable,
  number,
  object,
  optional,
  recordOf,
  string,
  stringOrNumber,
  tuple,
  unknownValue,
  WireFormatError,
  withDefault,
} from '../http/wire-decoders';
import {
  type DynatraceEvent,
  type Entity,
  type EntityPage,
  type EntityStub,
  type EntityTag,
  type EventIngestResults,
  type EventPage,
  type EventStoreResult,
  type ManagementZone,
  type MetricData,
  type MetricDescriptor,
  type Problem,
  type ProblemCommentPage,
  type ProblemPage,
  type TimeseriesDataResult,
  type TimeseriesResult,
  type V1EventPage,
  type V1ProblemComment,
  type V1ProblemDetails,
  type V1Tag,
} from './types';

/*
 * Decoders for every Dynatrace answer the client reads. Each is annotated with its interface from
 * `types.ts`, so the compiler keeps the two in step. Required here means "the client cannot work
 * without it"; lists Dynatrace may leave out default to empty.
 */

const strings = arrayOf(string);

const entityId = object({ id: string, type: string });

export const decodeEntityStub: Decoder<EntityStub> = object({ entityId, name: optional(string) });

const entityTag: Decoder<EntityTag> = object({
  context: string,
  key: string,
  value: optional(string),
  stringRepresentation: optional(string),
});

const managementZone: Decoder<ManagementZone> = object({ id: stringOrNumber, name: string });

// ---------------------------------------------------------------------------------------------
// Metrics v2

export const decodeMetricData: Decoder<MetricData> = object({
  totalCount: number,
  nextPageKey: optional(string),
  resolution: optional(string),
  warnings: optional(strings),
  result: arrayOf(
    object({
      metricId: string,
      dataPointCountRatio: optional(number),
      dimensionCountRatio: optional(number),
      warnings: optional(strings),
      data: arrayOf(
        object({
          dimensions: nullable(strings),
          dimensionMap: nullable(recordOf(string)),
          timestamps: arrayOf(number),
          values: arrayOf(nullable(number)),
        }),
      ),
    }),
  ),
});

export const decodeMetricDescriptor: Decoder<MetricDescriptor> = object({
  metricId: string,
  displayName: optional(string),
  description: optional(string),
  unit: optional(string),
  entityType: optional(strings),
  aggregationTypes: optional(strings),
  transformations: optional(strings),
  defaultAggregation: optional(object({ type: string, parameter: optional(number) })),
  dimensionDefinitions: optional(
    arrayOf(
      object({ key: string, name: string, displayName: optional(string), index: number, type: string }),
    ),
  ),
  resolutionInfSupported: optional(boolean),
});

// ---------------------------------------------------------------------------------------------
// Events v2

export const decodeEventIngestResults: Decoder<EventIngestResults> = object({
  reportCount: number,
  eventIngestResults: withDefault(arrayOf(object({ correlationId: string, status: string })), []),
});

export const decodeEvent: Decoder<DynatraceEvent> = object({
  eventId: string,
  startTime: number,
  endTime: optional(number),
  eventType: string,
  title: string,
  entityId: optional(decodeEntityStub),
  properties: withDefault(arrayOf(object({ key: string, value: string })), []),
  status: optional(string),
  correlationId: optional(string),
  entityTags: optional(arrayOf(entityTag)),
  managementZones: optional(arrayOf(managementZone)),
  underMaintenance: optional(boolean),
  suppressAlert: optional(boolean),
  suppressProblem: optional(boolean),
  frequentEvent: optional(boolean),
});

export const decodeEventPage: Decoder<EventPage> = object({
  totalCount: number,
  pageSize: optional(number),
  nextPageKey: optional(string),
  warnings: optional(strings),
  events: withDefault(arrayOf(decodeEvent), []),
});

// ---------------------------------------------------------------------------------------------
// Problems v2

export const decodeProblemCommentPage: Decoder<ProblemCommentPage> = object({
  totalCount: number,
  pageSize: optional(number),
  nextPageKey: optional(string),
  comments: withDefault(
    arrayOf(
      object({
        id: stringOrNumber,
        createdAtTimestamp: number,
        content: string,
        authorName: optional(string),
        context: optional(string),
      }),
    ),
    [],
  ),
});

export const decodeProblem: Decoder<Problem> = object({
  problemId: string,
  displayId: string,
  title: string,
  impactLevel: string,
  severityLevel: string,
  status: string,
  startTime: number,
  endTime: optional(number),
  affectedEntities: withDefault(arrayOf(decodeEntityStub), []),
  impactedEntities: withDefault(arrayOf(decodeEntityStub), []),
  rootCauseEntity: optional(decodeEntityStub),
  managementZones: optional(arrayOf(managementZone)),
  entityTags: optional(arrayOf(entityTag)),
  problemFilters: optional(arrayOf(object({ id: string, name: string }))),
  evidenceDetails: optional(
    object({
      totalCount: number,
      details: withDefault(
        arrayOf(
          object({
            evidenceType: string,
            displayName: optional(string),
            entity: optional(decodeEntityStub),
            groupingEntity: optional(decodeEntityStub),
            rootCauseRelevant: optional(boolean),
            startTime: optional(number),
          }),
        ),
        [],
      ),
    }),
  ),
  impactAnalysis: optional(
    object({
      impacts: withDefault(
        arrayOf(
          object({
            impactType: string,
            impactedEntity: optional(decodeEntityStub),
            estimatedAffectedUsers: optional(number),
          }),
        ),
        [],
      ),
    }),
  ),
  recentComments: optional(decodeProblemCommentPage),
});

export const decodeProblemPage: Decoder<ProblemPage> = object({
  totalCount: number,
  pageSize: optional(number),
  nextPageKey: optional(string),
  warnings: optional(strings),
  problems: withDefault(arrayOf(decodeProblem), []),
});

// ---------------------------------------------------------------------------------------------
// Entities v2

const relationships = recordOf(arrayOf(entityId));

export const decodeEntity: Decoder<Entity> = object({
  entityId: string,
  type: optional(string),
  displayName: optional(string),
  firstSeenTms: optional(number),
  lastSeenTms: optional(number),
  properties: optional(recordOf(unknownValue)),
  tags: optional(arrayOf(entityTag)),
  managementZones: optional(arrayOf(managementZone)),
  fromRelationships: optional(relationships),
  toRelationships: optional(relationships),
});

export const decodeEntityPage: Decoder<EntityPage> = object({
  totalCount: number,
  pageSize: optional(number),
  nextPageKey: optional(string),
  entities: withDefault(arrayOf(decodeEntity), []),
});

// ---------------------------------------------------------------------------------------------
// v1

const v1Tag: Decoder<V1Tag> = object({ context: string, key: string, value: optional(string) });

export const decodeEventStoreResult: Decoder<EventStoreResult> = object({
  storedEventIds: withDefault(arrayOf(number), []),
  storedIds: withDefault(strings, []),
  storedCorrelationIds: withDefault(strings, []),
});

export const decodeV1EventPage: Decoder<V1EventPage> = object({
  nextCursor: optional(string),
  nextEventStartTms: optional(number),
  from: optional(number),
  to: optional(number),
  totalEventCount: optional(number),
  events: withDefault(
    arrayOf(
      object({
        eventId: optional(number),
        id: optional(string),
        startTime: number,
        endTime: optional(number),
        entityId: string,
        entityName: optional(string),
        severityLevel: optional(string),
        impactLevel: optional(string),
        eventType: string,
        eventStatus: optional(string),
        tags: optional(arrayOf(v1Tag)),
        customProperties: optional(recordOf(string)),
        deploymentName: optional(string),
        deploymentVersion: optional(string),
        deploymentProject: optional(string),
        remediationAction: optional(string),
        ciBackLink: optional(string),
        source: optional(string),
        title: optional(string),
        description: optional(string),
      }),
    ),
    [],
  ),
});

const decodeTimeseriesDataResult: Decoder<TimeseriesDataResult> = object({
  dataPoints: recordOf(arrayOf(tuple(number, nullable(number)))),
  unit: optional(string),
  resolutionInMillisUTC: optional(number),
  aggregationType: optional(string),
  entities: optional(recordOf(string)),
  timeseriesId: optional(string),
});

const timeseriesEnvelope = object({
  timeseriesId: string,
  displayName: optional(string),
  dimensions: optional(strings),
  unit: optional(string),
  aggregationTypes: optional(strings),
  dataResult: optional(decodeTimeseriesDataResult),
  // Very old environments answered with `result` in place of `dataResult`.
  result: optional(decodeTimeseriesDataResult),
});

export const decodeTimeseriesResult: Decoder<TimeseriesResult> = (value, path) => {
  const { dataResult, result, ...rest } = timeseriesEnvelope(value, path);
  const data = dataResult ?? result;
  if (data === undefined) {
    throw new WireFormatError(
      `${path}.dataResult`,
      'the data points (was the query sent with includeData=true?)',
      undefined,
    );
  }
  return { ...rest, dataResult: data };
};

export const decodeV1ProblemDetails: Decoder<V1ProblemDetails> = object({
  id: stringOrNumber,
  displayName: stringOrNumber,
  startTime: number,
  endTime: optional(number),
  impactLevel: string,
  severityLevel: string,
  status: string,
  hasRootCause: optional(boolean),
  commentCount: optional(number),
  tagsOfAffectedEntities: optional(arrayOf(v1Tag)),
  rankedEvents: optional(
    arrayOf(
      object({
        startTime: optional(number),
        endTime: optional(number),
        entityId: string,
        entityName: optional(string),
        severityLevel: optional(string),
        impactLevel: optional(string),
        eventType: string,
        status: optional(string),
        isRootCause: optional(boolean),
      }),
    ),
  ),
  rankedImpacts: optional(
    arrayOf(
      object({
        entityId: string,
        entityName: optional(string),
        severityLevel: optional(string),
        impactLevel: optional(string),
        eventType: optional(string),
      }),
    ),
  ),
  affectedCounts: optional(recordOf(number)),
  recoveredCounts: optional(recordOf(number)),
});

/** `GET /api/v1/problem/details/{id}` wraps the problem in `{ result }`. */
export const decodeV1ProblemDetailsEnvelope: Decoder<V1ProblemDetails> = (value, path) =>
  object({ result: decodeV1ProblemDetails })(value, path).result;

export const decodeV1ProblemComment: Decoder<V1ProblemComment> = object({
  id: stringOrNumber,
  content: string,
  createdAtTimestamp: number,
  userName: string,
  context: optional(string),
});
