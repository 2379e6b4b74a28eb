/**
 * Wire types of the Dynatrace Environment API as this project uses it (api-facts.md §A). Responses
 * are decoded into these types by `dynatrace-decoders.ts`; only fields the API documents are typed, and
 * fields it marks optional or returns only on request are optional here.
 *
 * Enumerations Dynatrace may extend (event types on read, statuses, impact levels) are typed as
 * `string` so that a new value never breaks decoding; the known values are listed in the TSDoc.
 */

/** A point in time: epoch milliseconds, or a Dynatrace time string such as `now-2h` or an ISO date. */
export type DynatraceTime = number | string;

// ---------------------------------------------------------------------------------------------
// Metrics API v2

/** The answer of `GET /api/v2/metrics/query`. */
export interface MetricData {
  readonly totalCount: number;
  /** Deprecated by Dynatrace and always null; kept for completeness. */
  readonly nextPageKey?: string;
  /** The resolution actually applied, e.g. `1m` or `Inf`. */
  readonly resolution?: string;
  readonly warnings?: readonly string[];
  /** One collection per metric selector, in request order. */
  readonly result: readonly MetricSeriesCollection[];
}

export interface MetricSeriesCollection {
  /** The selector as requested, transformations included. */
  readonly metricId: string;
  readonly dataPointCountRatio?: number;
  readonly dimensionCountRatio?: number;
  readonly warnings?: readonly string[];
  readonly data: readonly MetricSeries[];
}

export interface MetricSeries {
  /** Dimension values in order; `null` for the remainder series of `:limit`. */
  readonly dimensions: readonly string[] | null;
  readonly dimensionMap: Readonly<Record<string, string>> | null;
  /** Slot **end** times, epoch ms. */
  readonly timestamps: readonly number[];
  /** One value per timestamp; `null` where the slot has no data. */
  readonly values: readonly (number | null)[];
}

/** The answer of `GET /api/v2/metrics/{metricKey}`. */
export interface MetricDescriptor {
  readonly metricId: string;
  readonly displayName?: string;
  readonly description?: string;
  /** e.g. `MicroSecond`, `Percent`, `Count`. */
  readonly unit?: string;
  readonly entityType?: readonly string[];
  /** Subset of `auto avg count max median min percentile sum value`. */
  readonly aggregationTypes?: readonly string[];
  readonly transformations?: readonly string[];
  readonly defaultAggregation?: { readonly type: string; readonly parameter?: number };
  readonly dimensionDefinitions?: readonly MetricDimensionDefinition[];
  readonly resolutionInfSupported?: boolean;
}

export interface MetricDimensionDefinition {
  readonly key: string;
  readonly name: string;
  readonly displayName?: string;
  readonly index: number;
  /** e.g. `ENTITY`, `STRING`. */
  readonly type: string;
}

// ---------------------------------------------------------------------------------------------
// Events API v2

/** Event types accepted by `POST /api/v2/events/ingest`. */
export type EventIngestType =
  | 'AVAILABILITY_EVENT'
  | 'CUSTOM_ALERT'
  | 'CUSTOM_ANNOTATION'
  | 'CUSTOM_CONFIGURATION'
  | 'CUSTOM_DEPLOYMENT'
  | 'CUSTOM_INFO'
  | 'ERROR_EVENT'
  | 'MARKED_FOR_TERMINATION'
  | 'PERFORMANCE_EVENT'
  | 'RESOURCE_CONTENTION_EVENT'
  | 'WARNING';

/** The body of `POST /api/v2/events/ingest`. */
export interface EventIngest {
  readonly eventType: EventIngestType;
  readonly title: string;
  /** Without one the event attaches to the environment entity. */
  readonly entitySelector?: string;
  /** Epoch ms; default now. */
  readonly startTime?: number;
  readonly endTime?: number;
  /** Minutes, at most 360. */
  readonly timeout?: number;
  /**
   * Up to 100 properties (`dt.event.deployment.*` and free-form keys). Values are stored as strings;
   * booleans and numbers are accepted as Dynatrace's own example sends them.
   */
  readonly properties?: Readonly<Record<string, string | number | boolean>>;
}

/** The 201 answer of `POST /api/v2/events/ingest`. Check every `status`: 201 does not mean all OK. */
export interface EventIngestResults {
  /** One report per matched entity; 0 when the selector matched nothing. */
  readonly reportCount: number;
  readonly eventIngestResults: readonly EventIngestResult[];
}

export interface EventIngestResult {
  readonly correlationId: string;
  /** `OK`, `INVALID_ENTITY_TYPE`, `INVALID_METADATA` or `INVALID_TIMESTAMPS`. */
  readonly status: string;
}

/** An event as `GET /api/v2/events` and `GET /api/v2/events/{eventId}` return it. */
export interface DynatraceEvent {
  /** `<long>_<startTimeMs>`. */
  readonly eventId: string;
  readonly startTime: number;
  /** Absent (or -1) while the event is open. */
  readonly endTime?: number;
  readonly eventType: string;
  readonly title: string;
  readonly entityId?: EntityStub;
  /** Property values are always strings on read. */
  readonly properties: readonly EventProperty[];
  /** `OPEN` or `CLOSED`. */
  readonly status?: string;
  readonly correlationId?: string;
  readonly entityTags?: readonly EntityTag[];
  readonly managementZones?: readonly ManagementZone[];
  readonly underMaintenance?: boolean;
  readonly suppressAlert?: boolean;
  readonly suppressProblem?: boolean;
  readonly frequentEvent?: boolean;
}

export interface EventProperty {
  readonly key: string;
  readonly value: string;
}

/** One page of `GET /api/v2/events`. */
export interface EventPage {
  readonly totalCount: number;
  readonly pageSize?: number;
  readonly nextPageKey?: string;
  readonly warnings?: readonly string[];
  readonly events: readonly DynatraceEvent[];
}

// ---------------------------------------------------------------------------------------------
// Shared shapes

/** A reference to an entity with its name, as events and problems embed it. */
export interface EntityStub {
  readonly entityId: EntityId;
  readonly name?: string;
}

export interface EntityId {
  readonly id: string;
  /** e.g. `SERVICE`, `HOST`, `PROCESS_GROUP_INSTANCE`. */
  readonly type: string;
}

export interface EntityTag {
  /** e.g. `CONTEXTLESS`, `ENVIRONMENT`, `AWS`. */
  readonly context: string;
  readonly key: string;
  /** Absent for value-less tags. */
  readonly value?: string;
  /** `[Context]key:value`, or `key:value` / `key` for CONTEXTLESS tags. */
  readonly stringRepresentation?: string;
}

export interface ManagementZone {
  readonly id: string;
  readonly name: string;
}

// ---------------------------------------------------------------------------------------------
// Problems API v2

/** Extra problem fields that are only returned when requested. */
export type ProblemField = 'evidenceDetails' | 'impactAnalysis' | 'recentComments';

/** A problem as `GET /api/v2/problems/{problemId}` and the problem list return it. */
export interface Problem {
  /** Internal id, e.g. `-6478017825120311599_1641223491837V2` (the webhook's `{PID}`). */
  readonly problemId: string;
  /** e.g. `P-22013994`. */
  readonly displayId: string;
  readonly title: string;
  /** `APPLICATION`, `ENVIRONMENT`, `INFRASTRUCTURE` or `SERVICES`. */
  readonly impactLevel: string;
  /** `AVAILABILITY`, `CUSTOM_ALERT`, `ERROR`, `INFO`, `MONITORING_UNAVAILABLE`, `PERFORMANCE`, `RESOURCE_CONTENTION`. */
  readonly severityLevel: string;
  /** `OPEN` or `CLOSED`. */
  readonly status: string;
  readonly startTime: number;
  /** -1 while open. */
  readonly endTime?: number;
  readonly affectedEntities: readonly EntityStub[];
  readonly impactedEntities: readonly EntityStub[];
  readonly rootCauseEntity?: EntityStub;
  readonly managementZones?: readonly ManagementZone[];
  readonly entityTags?: readonly EntityTag[];
  readonly problemFilters?: readonly { readonly id: string; readonly name: string }[];
  readonly evidenceDetails?: { readonly totalCount: number; readonly details: readonly EvidenceDetail[] };
  readonly impactAnalysis?: { readonly impacts: readonly Impact[] };
  readonly recentComments?: ProblemCommentPage;
}

export interface EvidenceDetail {
  /** e.g. `EVENT`, `METRIC`, `TRANSACTIONAL`. */
  readonly evidenceType: string;
  readonly displayName?: string;
  readonly entity?: EntityStub;
  readonly groupingEntity?: EntityStub;
  readonly rootCauseRelevant?: boolean;
  readonly startTime?: number;
}

export interface Impact {
  /** e.g. `SERVICE`, `APPLICATION`. */
  readonly impactType: string;
  readonly impactedEntity?: EntityStub;
  readonly estimatedAffectedUsers?: number;
}

/** One page of `GET /api/v2/problems`. */
export interface ProblemPage {
  readonly totalCount: number;
  readonly pageSize?: number;
  readonly nextPageKey?: string;
  readonly warnings?: readonly string[];
  readonly problems: readonly Problem[];
}

export interface ProblemComment {
  readonly id: string;
  readonly createdAtTimestamp: number;
  readonly content: string;
  readonly authorName?: string;
  readonly context?: string;
}

/** One page of `GET /api/v2/problems/{problemId}/comments` (and a problem's `recentComments`). */
export interface ProblemCommentPage {
  readonly totalCount: number;
  readonly pageSize?: number;
  readonly nextPageKey?: string;
  readonly comments: readonly ProblemComment[];
}

// ---------------------------------------------------------------------------------------------
// Entities API v2

/** An entity as the Entities API v2 returns it; most fields only when requested via `fields`. */
export interface Entity {
  readonly entityId: string;
  readonly type?: string;
  readonly displayName?: string;
  readonly firstSeenTms?: number;
  readonly lastSeenTms?: number;
  readonly properties?: Readonly<Record<string, unknown>>;
  readonly tags?: readonly EntityTag[];
  readonly managementZones?: readonly ManagementZone[];
  /** Relationship name → related entity ids, e.g. `{ isProcessOf: [{ id, type }] }`. */
  readonly fromRelationships?: Readonly<Record<string, readonly EntityId[]>>;
  readonly toRelationships?: Readonly<Record<string, readonly EntityId[]>>;
}

/** One page of `GET /api/v2/entities`. */
export interface EntityPage {
  readonly totalCount: number;
  readonly pageSize?: number;
  readonly nextPageKey?: string;
  readonly entities: readonly Entity[];
}

// ---------------------------------------------------------------------------------------------
// Environment API v1 (legacy tenants)

/** Event types of `POST /api/v1/events`. */
export type V1EventType =
  | 'AVAILABILITY_EVENT'
  | 'CUSTOM_ALERT'
  | 'CUSTOM_ANNOTATION'
  | 'CUSTOM_CONFIGURATION'
  | 'CUSTOM_DEPLOYMENT'
  | 'CUSTOM_INFO'
  | 'ERROR_EVENT'
  | 'MARKED_FOR_TERMINATION'
  | 'PERFORMANCE_EVENT'
  | 'RESOURCE_CONTENTION';

/** A tag in v1 attach rules and v1 answers. */
export interface V1Tag {
  readonly context: string;
  readonly key: string;
  readonly value?: string;
}

/** The body of `POST /api/v1/events`. */
export interface EventCreation {
  readonly eventType: V1EventType;
  readonly source: string;
  /** At least one entity id or tag rule. */
  readonly attachRules: {
    readonly entityIds?: readonly string[];
    readonly tagRule?: readonly { readonly meTypes: readonly string[]; readonly tags: readonly V1Tag[] }[];
  };
  readonly deploymentName?: string;
  readonly deploymentVersion?: string;
  readonly deploymentProject?: string;
  readonly ciBackLink?: string;
  readonly remediationAction?: string;
  readonly customProperties?: Readonly<Record<string, string>>;
  readonly start?: number;
  readonly end?: number;
  readonly timeoutMinutes?: number;
  readonly description?: string;
  readonly title?: string;
  readonly annotationType?: string;
  readonly annotationDescription?: string;
  readonly configuration?: string;
  readonly original?: string;
  readonly changed?: string;
  readonly allowDavisMerge?: boolean;
}

/** The answer of `POST /api/v1/events`. */
export interface EventStoreResult {
  /**
   * Numeric ids; values beyond 2^53 lose precision in JSON parsing, so prefer `storedIds`.
   */
  readonly storedEventIds: readonly number[];
  /** `<id>_<startTime>`, exact. */
  readonly storedIds: readonly string[];
  readonly storedCorrelationIds: readonly string[];
}

/** An event as `GET /api/v1/events` returns it. */
export interface V1Event {
  /** Numeric and imprecise beyond 2^53; use `id`. */
  readonly eventId?: number;
  /** `<eventId>_<startTime>`. */
  readonly id?: string;
  readonly startTime: number;
  readonly endTime?: number;
  readonly entityId: string;
  readonly entityName?: string;
  readonly severityLevel?: string;
  readonly impactLevel?: string;
  readonly eventType: string;
  /** `OPEN` or `CLOSED`. */
  readonly eventStatus?: string;
  readonly tags?: readonly V1Tag[];
  readonly customProperties?: Readonly<Record<string, string>>;
  readonly deploymentName?: string;
  readonly deploymentVersion?: string;
  readonly deploymentProject?: string;
  readonly remediationAction?: string;
  readonly ciBackLink?: string;
  readonly source?: string;
  readonly title?: string;
  readonly description?: string;
}

/** One page of `GET /api/v1/events`. */
export interface V1EventPage {
  readonly nextCursor?: string;
  readonly nextEventStartTms?: number;
  readonly from?: number;
  readonly to?: number;
  readonly totalEventCount?: number;
  readonly events: readonly V1Event[];
}

/** v1 timeseries aggregation types. */
export type V1AggregationType = 'AVG' | 'COUNT' | 'MAX' | 'MEDIAN' | 'MIN' | 'PERCENTILE' | 'SUM';

/** The answer of `GET /api/v1/timeseries/{timeseriesIdentifier}` with data. */
export interface TimeseriesResult {
  readonly timeseriesId: string;
  readonly displayName?: string;
  readonly dimensions?: readonly string[];
  /** e.g. `MicroSecond (µs)`. */
  readonly unit?: string;
  readonly aggregationTypes?: readonly string[];
  readonly dataResult: TimeseriesDataResult;
}

export interface TimeseriesDataResult {
  /** Entity id (comma-joined for several dimensions) → `[slotStartMs, value]` points. */
  readonly dataPoints: Readonly<Record<string, readonly (readonly [number, number | null])[]>>;
  readonly unit?: string;
  readonly resolutionInMillisUTC?: number;
  readonly aggregationType?: string;
  /** Entity id → display name. */
  readonly entities?: Readonly<Record<string, string>>;
  readonly timeseriesId?: string;
}

/** `GET /api/v1/problem/details/{problemId}`, unwrapped from its `result`. */
export interface V1ProblemDetails {
  readonly id: string;
  /** `P-…`, or a plain number on older environments. */
  readonly displayName: string;
  readonly startTime: number;
  readonly endTime?: number;
  /** `APPLICATION`, `ENVIRONMENT`, `INFRASTRUCTURE` or `SERVICE` (singular in v1). */
  readonly impactLevel: string;
  readonly severityLevel: string;
  readonly status: string;
  readonly hasRootCause?: boolean;
  readonly commentCount?: number;
  readonly tagsOfAffectedEntities?: readonly V1Tag[];
  readonly rankedEvents?: readonly V1RankedEvent[];
  readonly rankedImpacts?: readonly V1RankedImpact[];
  readonly affectedCounts?: Readonly<Record<string, number>>;
  readonly recoveredCounts?: Readonly<Record<string, number>>;
}

export interface V1RankedEvent {
  readonly startTime?: number;
  readonly endTime?: number;
  readonly entityId: string;
  readonly entityName?: string;
  readonly severityLevel?: string;
  readonly impactLevel?: string;
  readonly eventType: string;
  readonly status?: string;
  readonly isRootCause?: boolean;
}

export interface V1RankedImpact {
  readonly entityId: string;
  readonly entityName?: string;
  readonly severityLevel?: string;
  readonly impactLevel?: string;
  readonly eventType?: string;
}

/** The answer of `POST /api/v1/problem/details/{problemId}/comments`. */
export interface V1ProblemComment {
  readonly id: string;
  readonly content: string;
  readonly createdAtTimestamp: number;
  readonly userName: string;
  readonly context?: string;
}
