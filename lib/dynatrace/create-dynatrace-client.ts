import { type QueryParameters } from '../http/build-request-url';
import { createHttpClient } from '../http/create-http-client';
import { type HttpClient, type HttpMethod } from '../http/http-client';
import { type Decoder } from '../http/wire-decoders';
import { collectPages } from './collect-pages';
import { createDynatraceError } from './dynatrace-api-error';
import {
  type CallOptions,
  type DynatraceClient,
  type DynatraceClientOptions,
  type DynatraceV1Client,
  type PagingOptions,
} from './dynatrace-client';
import {
  decodeEntity,
  decodeEntityPage,
  decodeEvent,
  decodeEventIngestResults,
  decodeEventPage,
  decodeEventStoreResult,
  decodeMetricData,
  decodeMetricDescriptor,
  decodeProblem,
  decodeProblemCommentPage,
  decodeProblemPage,
  decodeTimeseriesResult,
  decodeV1EventPage,
  decodeV1ProblemComment,
  decodeV1ProblemDetailsEnvelope,
} from './dynatrace-decoders';
import { normalizeEnvironmentUrl } from './normalize-environment-url';
import { describeDynatraceErrorBody } from './read-error-envelope';
import { type DynatraceTime } from './types';

const SERVICE_NAME = 'Dynatrace';
const DEFAULT_MAX_PAGES = 20;

/**
 * Creates a client for one Dynatrace environment on top of the shared HTTP client (timeouts,
 * bounded retries, rate-limit handling, redaction of the token).
 *
 * @throws TypeError when the environment URL or the token is unusable (the token is never shown).
 */
export function createDynatraceClient(options: DynatraceClientOptions): DynatraceClient {
  const environmentUrl = normalizeEnvironmentUrl(options.environmentUrl);
  const apiToken = validateApiToken(options.apiToken);
  const http = createHttpClient({
    baseUrl: environmentUrl,
    serviceName: SERVICE_NAME,
    headers: { Authorization: `Api-Token ${apiToken}` },
    secrets: [apiToken],
    describeErrorBody: describeDynatraceErrorBody,
    createError: createDynatraceError,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.retry === undefined ? {} : { retry: options.retry }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.random === undefined ? {} : { random: options.random }),
    ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }),
  });
  const api = new ApiCalls(http);

  const v1: DynatraceV1Client = {
    postEvent: async (event, call) =>
      api.send('POST', '/api/v1/events', { body: event }, decodeEventStoreResult, call),

    listEvents: async (query = {}, paging = {}) =>
      api.collect(
        '/api/v1/events',
        'events',
        {
          from: optionalTime(query.from, 'from'),
          to: optionalTime(query.to, 'to'),
          relativeTime: query.relativeTime,
          eventType: query.eventType,
          entityId: query.entityId,
        },
        // v1 takes the cursor in `cursor` and needs nothing else with it.
        (cursor) => ({ cursor }),
        decodeV1EventPage,
        {
          itemsOf: (page) => page.events,
          cursorOf: (page) => page.nextCursor,
          totalOf: (page) => page.totalEventCount,
        },
        paging,
      ),

    queryTimeseries: async (timeseriesId, query, call) =>
      api.send(
        'GET',
        `/api/v1/timeseries/${pathSegment(timeseriesId, 'timeseriesId')}`,
        {
          query: {
            includeData: query.includeData ?? true,
            aggregationType: query.aggregationType,
            percentile: query.percentile,
            queryMode: query.queryMode,
            startTimestamp: formatTime(query.startTimestamp, 'startTimestamp'),
            endTimestamp: formatTime(query.endTimestamp, 'endTimestamp'),
            entity: query.entities,
            tag: query.tags,
          },
        },
        decodeTimeseriesResult,
        call,
      ),

    getProblemDetails: async (problemId, call) =>
      api.send(
        'GET',
        `/api/v1/problem/details/${pathSegment(problemId, 'problemId')}`,
        {},
        decodeV1ProblemDetailsEnvelope,
        call,
      ),

    addProblemComment: async (problemId, comment, call) =>
      api.send(
        'POST',
        `/api/v1/problem/details/${pathSegment(problemId, 'problemId')}/comments`,
        { body: comment },
        decodeV1ProblemComment,
        call,
      ),
  };

  return {
    environmentUrl,
    v1,

    queryMetrics: async (query, call) =>
      api.send(
        'GET',
        '/api/v2/metrics/query',
        {
          query: {
            metricSelector: requireText(query.metricSelector, 'metricSelector'),
            from: formatTime(query.from, 'from'),
            to: formatTime(query.to, 'to'),
            resolution: query.resolution,
            entitySelector: query.entitySelector,
            mzSelector: query.mzSelector,
          },
        },
        decodeMetricData,
        call,
      ),

    getMetricDescriptor: async (metricKey, call) =>
      api.send(
        'GET',
        `/api/v2/metrics/${pathSegment(metricKey, 'metricKey')}`,
        {},
        decodeMetricDescriptor,
        call,
      ),

    ingestEvent: async (event, call) =>
      // 201 is the only success the API documents; anything else means the event may not be stored.
      api.send(
        'POST',
        '/api/v2/events/ingest',
        { body: event, expectedStatus: [201] },
        decodeEventIngestResults,
        call,
      ),

    listEvents: async (query = {}, paging = {}) =>
      api.collect(
        '/api/v2/events',
        'events',
        {
          from: optionalTime(query.from, 'from'),
          to: optionalTime(query.to, 'to'),
          eventSelector: query.eventSelector,
          entitySelector: query.entitySelector,
          pageSize: query.pageSize,
        },
        // The Events API rejects a nextPageKey accompanied by any other parameter.
        (nextPageKey) => ({ nextPageKey }),
        decodeEventPage,
        {
          itemsOf: (page) => page.events,
          cursorOf: (page) => page.nextPageKey,
          totalOf: (page) => page.totalCount,
        },
        paging,
      ),

    getEvent: async (eventId, call) =>
      api.send('GET', `/api/v2/events/${pathSegment(eventId, 'eventId')}`, {}, decodeEvent, call),

    getProblem: async (problemId, call = {}) =>
      api.send(
        'GET',
        `/api/v2/problems/${pathSegment(problemId, 'problemId')}`,
        { query: { fields: joinList(call.fields) } },
        decodeProblem,
        call,
      ),

    listProblems: async (query = {}, paging = {}) => {
      const fields = joinList(query.fields);
      return api.collect(
        '/api/v2/problems',
        'problems',
        {
          from: optionalTime(query.from, 'from'),
          to: optionalTime(query.to, 'to'),
          problemSelector: query.problemSelector,
          entitySelector: query.entitySelector,
          fields,
          sort: query.sort,
          pageSize: query.pageSize,
        },
        // The Problems API allows `fields` (and only it) next to nextPageKey; without it, later
        // pages would lack the fields the first page has.
        (nextPageKey) => ({ nextPageKey, fields }),
        decodeProblemPage,
        {
          itemsOf: (page) => page.problems,
          cursorOf: (page) => page.nextPageKey,
          totalOf: (page) => page.totalCount,
        },
        paging,
      );
    },

    addProblemComment: async (problemId, comment, call) => {
      await api.send(
        'POST',
        `/api/v2/problems/${pathSegment(problemId, 'problemId')}/comments`,
        {
          body: { message: requireText(comment.message, 'message'), context: comment.context },
          expectedStatus: [201],
        },
        undefined,
        call,
      );
    },

    listProblemComments: async (problemId, paging = {}) =>
      api.collect(
        `/api/v2/problems/${pathSegment(problemId, 'problemId')}/comments`,
        'comments',
        {},
        (nextPageKey) => ({ nextPageKey }),
        decodeProblemCommentPage,
        {
          itemsOf: (page) => page.comments,
          cursorOf: (page) => page.nextPageKey,
          totalOf: (page) => page.totalCount,
        },
        paging,
      ),

    listEntities: async (query, paging = {}) =>
      api.collect(
        '/api/v2/entities',
        'entities',
        {
          entitySelector: requireText(query.entitySelector, 'entitySelector'),
          from: optionalTime(query.from, 'from'),
          to: optionalTime(query.to, 'to'),
          fields: entityFields(query.fields),
          sort: query.sort,
          pageSize: query.pageSize,
        },
        (nextPageKey) => ({ nextPageKey }),
        decodeEntityPage,
        {
          itemsOf: (page) => page.entities,
          cursorOf: (page) => page.nextPageKey,
          totalOf: (page) => page.totalCount,
        },
        paging,
      ),

    getEntity: async (entityId, call = {}) =>
      api.send(
        'GET',
        `/api/v2/entities/${pathSegment(entityId, 'entityId')}`,
        { query: { fields: entityFields(call.fields) } },
        decodeEntity,
        call,
      ),
  };
}

/** The two shapes of call the client makes: one request, or a listing walked page by page. */
class ApiCalls {
  constructor(private readonly http: HttpClient) {}

  send<T>(
    method: HttpMethod,
    path: string,
    request: {
      readonly query?: QueryParameters;
      readonly body?: unknown;
      readonly expectedStatus?: readonly number[];
    },
    decoder: Decoder<T>,
    call: CallOptions | undefined,
  ): Promise<T>;
  send(
    method: HttpMethod,
    path: string,
    request: {
      readonly query?: QueryParameters;
      readonly body?: unknown;
      readonly expectedStatus?: readonly number[];
    },
    decoder: undefined,
    call: CallOptions | undefined,
  ): Promise<unknown>;
  async send<T>(
    method: HttpMethod,
    path: string,
    request: {
      readonly query?: QueryParameters;
      readonly body?: unknown;
      readonly expectedStatus?: readonly number[];
    },
    decoder: Decoder<T> | undefined,
    call: CallOptions | undefined,
  ): Promise<unknown> {
    const common = {
      method,
      path,
      ...(request.query === undefined ? {} : { query: request.query }),
      ...(request.body === undefined ? {} : { body: request.body }),
      ...(request.expectedStatus === undefined ? {} : { expectedStatus: request.expectedStatus }),
      ...(call?.deadline === undefined ? {} : { deadline: call.deadline }),
      ...(call?.signal === undefined ? {} : { signal: call.signal }),
    };
    if (decoder === undefined) {
      return (await this.http.request(common)).data;
    }
    return (await this.http.request({ ...common, decode: decoder })).data;
  }

  collect<TPage, TItem>(
    path: string,
    noun: string,
    firstQuery: QueryParameters,
    nextQuery: (cursor: string) => QueryParameters,
    decoder: Decoder<TPage>,
    pages: {
      readonly itemsOf: (page: TPage) => readonly TItem[];
      readonly cursorOf: (page: TPage) => string | undefined;
      readonly totalOf: (page: TPage) => number | undefined;
    },
    paging: PagingOptions,
  ): Promise<TItem[]> {
    return collectPages({
      serviceName: SERVICE_NAME,
      method: 'GET',
      path,
      noun,
      maxPages: paging.maxPages ?? DEFAULT_MAX_PAGES,
      fetchPage: (cursor) =>
        this.send(
          'GET',
          path,
          { query: cursor === undefined ? firstQuery : nextQuery(cursor) },
          decoder,
          paging,
        ),
      ...pages,
    });
  }
}

function validateApiToken(token: string): string {
  const trimmed = token.trim();
  if (trimmed === '') {
    throw new TypeError(
      'The Dynatrace API token is empty; expected a token such as dt0c01.<public>.<secret>.',
    );
  }
  if (/\s/.test(trimmed)) {
    // Never echo the value: it is (most of) a secret.
    throw new TypeError(
      'The Dynatrace API token contains whitespace; expected one token such as dt0c01.<public>.<secret> ' +
        '(without an "Api-Token " prefix).',
    );
  }
  return trimmed;
}

/** Formats `from`/`to`-style inputs: epoch ms as an integer string, Dynatrace time strings as they are. */
function formatTime(value: DynatraceTime, name: string): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(
        `${name} must be epoch milliseconds or a Dynatrace time such as "now-2h"; found ${String(value)}.`,
      );
    }
    return String(Math.round(value));
  }
  return requireText(value, name);
}

function optionalTime(value: DynatraceTime | undefined, name: string): string | undefined {
  return value === undefined ? undefined : formatTime(value, name);
}

function requireText(value: string, name: string): string {
  const trimmed = value.trim();
  if (trimmed === '') {
    throw new TypeError(`${name} must not be empty.`);
  }
  return trimmed;
}

/**
 * Encodes an id or key for a URL path. `:` stays as it is: it is valid in a path segment and
 * metric keys (`builtin:service.response.time`) and v1 timeseries ids are full of it.
 */
function pathSegment(value: string, name: string): string {
  return encodeURIComponent(requireText(value, name)).replace(/%3A/gi, ':');
}

function joinList(values: readonly string[] | undefined): string | undefined {
  return values === undefined || values.length === 0 ? undefined : values.join(',');
}

/** Entities API fields are additions to the defaults and must be written `+name`. */
function entityFields(fields: readonly string[] | undefined): string | undefined {
  return joinList(fields?.map((field) => (field.startsWith('+') ? field : `+${field}`)));
}
