import { type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import {
  parseProblemNotification,
  ProblemNotificationError,
  triageNotification,
  type ProblemNotification,
} from '../../lib/remediation';
import { ClaimLostError, StoreUnavailableError } from '../../lib/store';
import { handleProblem } from './handle-problem';
import { MAX_BODY_BYTES, readLimitedBody } from './read-limited-body';
import { toHttpResponse, type SelfHealAnswer } from './selfheal-answer';
import { type SelfHealDependencies } from './selfheal-dependencies';
import { createSelfHealLog, type SelfHealLog } from './selfheal-log';
import { SettingsError } from './settings-error';
import { SHARED_SECRET_HEADER, verifySharedSecret } from './verify-shared-secret';

/** An Azure Functions v4 HTTP handler. */
export type SelfHealHandler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

/**
 * Builds the `POST /api/selfheal` handler. `dependencies` is called on every request (it is expected to
 * build once and cache); a `SettingsError` becomes a 500 naming the settings, never their values.
 *
 * Order of checks, so that unauthenticated or malformed calls cause no side effect at all: shared secret
 * (401) → body size (413) → payload (400) → test notification / not OPEN (200, ignored) → claim in Table
 * Storage (503 when unreachable) → remediation.
 */
export function createSelfHealHandler(dependencies: () => SelfHealDependencies): SelfHealHandler {
  return async (request, context) => {
    let deps: SelfHealDependencies;
    try {
      deps = dependencies();
    } catch (error) {
      if (!(error instanceof SettingsError)) throw error;
      context.error(error.message);
      return {
        status: 500,
        jsonBody: { status: 'misconfigured', message: error.message },
        headers: { 'Cache-Control': 'no-store' },
      };
    }
    const log = createSelfHealLog(context, deps.redact);
    const answer = await answerRequest(request, deps, log);
    return toHttpResponse(answer, deps.redactValue);
  };
}

async function answerRequest(
  request: HttpRequest,
  deps: SelfHealDependencies,
  log: SelfHealLog,
): Promise<SelfHealAnswer> {
  const secret = verifySharedSecret(request.headers.get(SHARED_SECRET_HEADER), deps.settings.sharedSecret);
  if (!secret.ok) {
    log.warn(`rejected a notification: the ${SHARED_SECRET_HEADER} header is ${secret.reason}`);
    return {
      httpStatus: 401,
      body: {
        status: 'unauthorized',
        message:
          secret.reason === 'missing'
            ? `The ${SHARED_SECRET_HEADER} header is missing; configure it as a custom header of the Dynatrace webhook.`
            : `The ${SHARED_SECRET_HEADER} header does not match SELFHEAL_SHARED_SECRET.`,
      },
    };
  }

  const body = await readLimitedBody(request);
  if (body.kind === 'too-large') {
    return {
      httpStatus: 413,
      body: {
        status: 'payload-too-large',
        message: `The body is larger than ${MAX_BODY_BYTES} bytes; a problem notification is a few kilobytes.`,
      },
    };
  }

  let notification: ProblemNotification;
  try {
    notification = parseProblemNotification(body.text);
  } catch (error) {
    if (!(error instanceof ProblemNotificationError)) throw error;
    log.warn(`rejected a notification: ${error.message}`);
    return {
      httpStatus: 400,
      body: {
        status: 'invalid-payload',
        message: error.message,
        error: { message: error.message, ...(error.path === undefined ? {} : { path: error.path }) },
      },
    };
  }
  for (const note of notification.notes) log.warn(`${notification.problemId}: ${note}`);

  const triage = triageNotification(notification);
  const problem = {
    problemId: notification.problemId,
    ...(notification.displayId === undefined ? {} : { displayId: notification.displayId }),
    ...(notification.title === undefined ? {} : { title: notification.title }),
  };
  if (triage.kind === 'ignore') {
    log.info(`${notification.displayId ?? notification.problemId}: ignored (${triage.reason})`);
    return { httpStatus: 200, body: { status: 'ignored', message: triage.message, problem } };
  }

  try {
    return await handleProblem(notification, deps, log, withoutQuery(request.url));
  } catch (error) {
    if (error instanceof StoreUnavailableError) {
      log.error(error.message);
      return {
        httpStatus: 503,
        body: {
          status: 'storage-unavailable',
          message: `${error.message}. Nothing was done: without the claim the problem could be remediated twice.`,
          problem,
        },
      };
    }
    if (error instanceof ClaimLostError) {
      log.error(error.message);
      return { httpStatus: 409, body: { status: 'claim-lost', message: error.message, problem } };
    }
    const message = error instanceof Error ? error.message : String(error);
    log.error(`unexpected failure: ${message}`);
    return { httpStatus: 500, body: { status: 'error', message, problem } };
  }
}

/** The request URL without its query string, which carries the function key (`?code=`). */
function withoutQuery(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}
