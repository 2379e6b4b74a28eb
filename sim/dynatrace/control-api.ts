import { ApiError, invalidParameter, notFound } from './api-error';
import { type FaultInjector, type FaultRule } from './fault-injector';
import { type NotificationTarget, withoutQuery } from './notification-target';
import { type ProblemNotifier } from './problem-notifier';
import { type Problem } from './problem-store';
import { problemViewV2 } from './problem-views';
import { parseTimeParameter } from './time-parameter';
import { type RecordedRequest, redactRequest } from './recorded-request';
import { type SimResponse } from './route';
import { type OpenProblemInput, type SimulatorState } from './simulator-state';

/** What the control API works on. */
export interface ControlContext {
  readonly state: SimulatorState;
  readonly faults: FaultInjector;
  readonly requests: RecordedRequest[];
  readonly notifications: ProblemNotifier;
}

/**
 * The unauthenticated control API under `/_sim/` (the standalone command enables it, loopback clients only):
 * - `GET /_sim/requests` (tokens redacted), `DELETE /_sim/requests`
 * - `GET /_sim/faults`, `POST /_sim/faults` (a fault rule; `pathPattern` instead of `path` for a RegExp),
 *   `DELETE /_sim/faults`
 * - `POST /_sim/deployments` `{ environment, build, at? }` (`at`: epoch ms or a time such as `now-10m`)
 * - `POST /_sim/problems` `{ title, entityIds, severityLevel?, impactLevel?, rootCauseEntityId?, startTime? }`
 * - `POST /_sim/problems/{problemId}/close`
 * - `POST /_sim/problem-detection` `{ at? }`: runs problem detection once (at now, or `at` as for deployments)
 * - `GET /_sim/notifications` (targets without header values, and the delivery log), `POST /_sim/notifications`
 *   (a target: `{ name?, url, headers?, payload, alertingProfile?, timeoutMs? }`), `DELETE /_sim/notifications`
 * - `POST /_sim/notifications/test`: "Send test notification" to every target (202; see the delivery log)
 */
export function handleControlRequest(
  context: ControlContext,
  request: { method: string; path: string; body: unknown; now: number },
): SimResponse {
  const { method, path } = request;
  const route = `${method} ${path}`;
  try {
    if (route === 'GET /_sim/requests') return { status: 200, body: context.requests.map(redactRequest) };
    if (route === 'DELETE /_sim/requests') {
      context.requests.splice(0);
      return { status: 204 };
    }
    if (route === 'GET /_sim/faults') return { status: 200, body: context.faults.list().map(describeRule) };
    if (route === 'POST /_sim/faults') {
      const rule = faultRule(request.body);
      context.faults.add(rule);
      return { status: 201, body: describeRule(rule) };
    }
    if (route === 'DELETE /_sim/faults') {
      context.faults.clear();
      return { status: 204 };
    }
    if (route === 'POST /_sim/deployments') return deploy(context, request.body, request.now);
    if (route === 'POST /_sim/problems') {
      const problem = context.state.openProblem(problemInput(request.body));
      return { status: 201, body: problemViewV2(problem, context.state, new Set(), request.now) };
    }
    if (route === 'POST /_sim/problem-detection') return detect(context, request.body, request.now);
    if (route === 'GET /_sim/notifications') {
      return {
        status: 200,
        body: {
          targets: context.notifications.targets.map(describeTarget),
          deliveries: context.notifications.deliveries,
        },
      };
    }
    if (route === 'POST /_sim/notifications') {
      const target = objectBody(request.body, 'a notification target') as unknown as NotificationTarget;
      context.notifications.add(target);
      return { status: 201, body: describeTarget(target) };
    }
    if (route === 'DELETE /_sim/notifications') {
      context.notifications.clear();
      return { status: 204 };
    }
    if (route === 'POST /_sim/notifications/test') {
      const queued = context.notifications.targets.length;
      // The deliveries run on; their outcome shows in GET /_sim/notifications.
      void context.notifications.sendTestNotification();
      return { status: 202, body: { queued } };
    }
    const close = /^\/_sim\/problems\/([^/]+)\/close$/.exec(path);
    if (method === 'POST' && close?.[1] !== undefined) {
      const problemId = decodeURIComponent(close[1]);
      if (!context.state.problems.get(problemId))
        throw notFound(`Problem ${JSON.stringify(problemId)} not found.`);
      return {
        status: 200,
        body: problemViewV2(context.state.closeProblem(problemId), context.state, new Set(), request.now),
      };
    }
  } catch (error) {
    // The model's own validation errors are caller mistakes here.
    if (error instanceof RangeError) throw new ApiError(400, error.message);
    throw error;
  }
  throw notFound(`No control endpoint ${method} ${path}.`);
}

function objectBody(body: unknown, what: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidParameter('', `the request body must be a JSON object (${what})`, 'PAYLOAD_BODY');
  }
  return body as Record<string, unknown>;
}

function faultRule(body: unknown): FaultRule {
  const record = objectBody(body, 'a fault rule');
  const { pathPattern, path, ...rest } = record;
  if (typeof pathPattern === 'string') {
    let pattern: RegExp;
    try {
      pattern = new RegExp(pathPattern);
    } catch (error) {
      throw invalidParameter(
        'pathPattern',
        `is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`,
        'PAYLOAD_BODY',
      );
    }
    return { ...rest, path: pattern } as unknown as FaultRule;
  }
  if (typeof path !== 'string')
    throw invalidParameter('path', 'must be a string (or give pathPattern)', 'PAYLOAD_BODY');
  // FaultInjector.add validates kind and numbers and names the invalid field.
  return { ...rest, path } as unknown as FaultRule;
}

function describeRule(rule: FaultRule): Record<string, unknown> {
  // RegExp#source escapes "/"; undo that so the pattern reads as it was posted.
  return rule.path instanceof RegExp
    ? { ...rule, path: undefined, pathPattern: rule.path.source.replaceAll('\\/', '/') }
    : { ...rule };
}

function deploy(context: ControlContext, body: unknown, now: number): SimResponse {
  const record = objectBody(body, '{ environment, build, at? }');
  const { environment, build } = record;
  if (typeof environment !== 'string')
    throw invalidParameter('environment', 'must be a string such as "Staging"', 'PAYLOAD_BODY');
  if (typeof build !== 'string' && typeof build !== 'number') {
    throw invalidParameter('build', 'must be a build name or number such as 2', 'PAYLOAD_BODY');
  }
  const atMs = timeField(record.at, now);
  const entityIds = context.state.deploy(environment, build, atMs);
  return { status: 201, body: { environment, build: String(build), at: atMs, entityIds } };
}

function detect(context: ControlContext, body: unknown, now: number): SimResponse {
  const at = timeField(body === undefined ? undefined : objectBody(body, '{ at? }').at, now);
  const result = context.state.detectProblems(at);
  const view = (problem: Problem): Record<string, unknown> =>
    problemViewV2(problem, context.state, new Set(), now);
  return {
    status: 200,
    body: {
      at: result.at,
      window: result.window,
      health: result.health,
      opened: result.opened.map(view),
      merged: result.merged.map(({ problem, addedEntityIds }) => ({
        problem: view(problem),
        addedEntityIds,
      })),
      closed: result.closed.map(view),
    },
  };
}

/** `at` of a control request: absent (now), epoch ms, or a time such as `now-10m`. */
function timeField(at: unknown, now: number): number {
  if (at === undefined || at === null) return now;
  if (typeof at === 'number') return at;
  if (typeof at === 'string') {
    try {
      return parseTimeParameter(at, now);
    } catch (error) {
      throw invalidParameter('at', error instanceof Error ? error.message : String(error), 'PAYLOAD_BODY');
    }
  }
  throw invalidParameter('at', 'must be epoch ms or a time such as now-10m', 'PAYLOAD_BODY');
}

/** A target as the control API shows it: header names only, since header values carry secrets. */
function describeTarget(target: NotificationTarget): Record<string, unknown> {
  return {
    ...(target.name === undefined ? {} : { name: target.name }),
    url: withoutQuery(target.url),
    headerNames: Object.keys(target.headers ?? {}),
    payload: target.payload,
    ...(target.alertingProfile === undefined ? {} : { alertingProfile: target.alertingProfile }),
    ...(target.timeoutMs === undefined ? {} : { timeoutMs: target.timeoutMs }),
  };
}

function problemInput(body: unknown): OpenProblemInput {
  const record = objectBody(body, '{ title, entityIds, … }');
  const optionalString = (field: string): string | undefined => {
    const value = record[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw invalidParameter(field, 'must be a string', 'PAYLOAD_BODY');
    return value;
  };
  const entityIds = record.entityIds;
  if (!Array.isArray(entityIds) || !entityIds.every((id) => typeof id === 'string')) {
    throw invalidParameter('entityIds', 'must be an array of entity ids', 'PAYLOAD_BODY');
  }
  const startTime = record.startTime;
  if (startTime !== undefined && startTime !== null && typeof startTime !== 'number') {
    throw invalidParameter('startTime', 'must be epoch ms', 'PAYLOAD_BODY');
  }
  const severityLevel = optionalString('severityLevel');
  const impactLevel = optionalString('impactLevel');
  const rootCauseEntityId = optionalString('rootCauseEntityId');
  return {
    title: optionalString('title') ?? '',
    entityIds: entityIds,
    ...(severityLevel === undefined ? {} : { severityLevel }),
    ...(impactLevel === undefined ? {} : { impactLevel }),
    ...(rootCauseEntityId === undefined ? {} : { rootCauseEntityId }),
    ...(typeof startTime === 'number' ? { startTime } : {}),
  };
}
