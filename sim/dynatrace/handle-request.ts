import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';

import { ApiError } from './api-error';
import { missingScopeMessage, presentedToken } from './api-token';
import { handleControlRequest } from './control-api';
import { type FaultInjector, type FaultRule } from './fault-injector';
import { type Answer, type ParsedJson, answerWith, errorAnswer, parseJson, send } from './http-answer';
import { type ProblemNotifier } from './problem-notifier';
import { type RateLimiter } from './rate-limiter';
import { type RequestBody, readBody } from './read-body';
import { type PendingRecordedRequest, queryRecord } from './recorded-request';
import { type Route, type RouteMatch, matchRoute } from './route';
import { type SimulatorState } from './simulator-state';

/** Payloads above 1 MB are rejected (api-facts A.1). */
export const MAX_BODY_BYTES = 1024 * 1024;

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Everything a running simulator answers requests with. */
export interface HandlerContext {
  readonly routes: readonly Route[];
  readonly state: SimulatorState;
  readonly faults: FaultInjector;
  readonly limiter: RateLimiter;
  /** Accepted tokens and their scopes. */
  readonly tokens: ReadonlyMap<string, ReadonlySet<string>>;
  readonly requests: PendingRecordedRequest[];
  readonly clock: () => number;
  readonly controlApi: boolean;
  /** Aborted on close, which ends pending latency faults. */
  readonly shutdown: AbortSignal;
  readonly notifications: ProblemNotifier;
}

/**
 * Answers one HTTP request: the control API (when enabled), or the simulated API in the order a real
 * gateway would — record, injected faults, rate limit, payload size, routing, authentication and scope,
 * then the route handler.
 */
export async function handleRequest(
  context: HandlerContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://simulator.invalid');
  const method = (request.method ?? 'GET').toUpperCase();
  const path = url.pathname;
  const body = await readBody(request, MAX_BODY_BYTES);
  const json = parseJson(body);

  if (context.controlApi && (path === '/_sim' || path.startsWith('/_sim/'))) {
    send(response, answerControl(context, request, method, path, json), {});
    return;
  }

  const record: PendingRecordedRequest = {
    method,
    path,
    query: queryRecord(url.searchParams),
    headers: request.headers,
    body: json.kind === 'json' ? json.value : json.kind === 'invalid' ? json.text : undefined,
    status: null,
    receivedAt: context.clock(),
  };
  context.requests.push(record);

  const fault = context.faults.take(method, path, ['hang', 'reset', 'latency', 'status', 'rateLimit']);
  if (fault?.kind === 'hang') return;
  if (fault?.kind === 'reset') {
    request.socket.destroy();
    return;
  }
  if (fault?.kind === 'latency') {
    try {
      await delay(fault.ms, undefined, { signal: context.shutdown });
    } catch {
      return;
    }
  }

  const match = matchRoute(context.routes, method, path);
  const endpoint = match.route ? `${method} ${match.route.pattern}` : 'unrouted';
  let rateHeaders = context.limiter.peek(endpoint, context.clock());
  const answer = answerWith(() => {
    if (fault?.kind === 'status' || fault?.kind === 'rateLimit') {
      const injected = injectedError(fault, context.clock());
      rateHeaders = { ...rateHeaders, ...injected.rateHeaders };
      throw injected.error;
    }
    const decision = context.limiter.consume(endpoint, context.clock());
    rateHeaders = decision.headers;
    if (!decision.allowed) throw new ApiError(429, 'Too many requests.', null);
    return answerApi(context, { request, url, method, path, body, json, match });
  });
  record.status = answer.status;
  send(response, answer, rateHeaders);
}

function answerControl(
  context: HandlerContext,
  request: IncomingMessage,
  method: string,
  path: string,
  json: ParsedJson,
): Answer {
  if (!LOOPBACK.has(request.socket.remoteAddress ?? '')) {
    return errorAnswer(new ApiError(403, 'The control API only answers loopback clients.'));
  }
  return answerWith(() => {
    if (json.kind === 'invalid') throw new ApiError(400, `Invalid JSON body: ${json.reason}`);
    return handleControlRequest(
      {
        state: context.state,
        faults: context.faults,
        requests: context.requests,
        notifications: context.notifications,
      },
      { method, path, body: json.kind === 'json' ? json.value : undefined, now: context.clock() },
    );
  });
}

/** The error answer of a `status` or `rateLimit` fault, and the rate-limit headers it implies. */
function injectedError(
  fault: Extract<FaultRule, { kind: 'status' | 'rateLimit' }>,
  now: number,
): { error: ApiError; rateHeaders: Record<string, string> } {
  if (fault.kind === 'status') {
    return {
      error: new ApiError(fault.status, fault.message ?? statusMessage(fault.status)),
      rateHeaders: {},
    };
  }
  const retryAfter: Record<string, string> =
    fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
  return {
    error: new ApiError(429, 'Too many requests.', null, retryAfter),
    rateHeaders: {
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': String((now + fault.resetInMs) * 1000),
    },
  };
}

function statusMessage(status: number): string {
  if (status === 401) return 'Token Authentication failed';
  if (status === 429) return 'Too many requests.';
  return STATUS_CODES[status] ?? `HTTP ${status}`;
}

function answerApi(
  context: HandlerContext,
  incoming: {
    request: IncomingMessage;
    url: URL;
    method: string;
    path: string;
    body: RequestBody;
    json: ParsedJson;
    match: RouteMatch;
  },
): Answer {
  const { request, url, method, path, body, json, match } = incoming;
  if (body.kind === 'tooLarge') {
    throw new ApiError(
      413,
      `Payload too large: the body has ${body.bytes} bytes, at most ${MAX_BODY_BYTES} are accepted.`,
    );
  }
  const route = match.route;
  if (!route) {
    if (match.allowedMethods.length === 0) throw new ApiError(404, `No API endpoint ${method} ${path}.`);
    const allowed = match.allowedMethods.join(', ');
    throw new ApiError(405, `Method ${method} is not allowed for ${path}; allowed: ${allowed}.`, undefined, {
      Allow: allowed,
    });
  }
  const presented = presentedToken(request.headers, url.searchParams);
  const scopes = presented === undefined ? undefined : context.tokens.get(presented);
  if (!scopes) throw new ApiError(401, 'Token Authentication failed');
  if (!scopes.has(route.scope)) throw new ApiError(403, missingScopeMessage(route.scope));
  if (json.kind === 'invalid') throw new ApiError(400, `Invalid JSON body: ${json.reason}`);
  return route.handle({
    method,
    path,
    params: match.params,
    query: url.searchParams,
    headers: request.headers,
    body: json.kind === 'json' ? json.value : undefined,
    now: context.clock(),
  });
}
