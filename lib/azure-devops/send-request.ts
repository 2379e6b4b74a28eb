import { type ClientApiBase } from 'azure-devops-node-api/ClientApiBases';
import { type IRestResponse } from 'typed-rest-client/RestClient';
import { readRateLimitReset } from '../http';
import { AzureDevOpsError, type AzureDevOpsErrorKind } from './azure-devops-error';
import { type AzureDevOpsLogger } from './azure-devops-logger';
import { type ApiArea, type NodeApiRoute } from './node-api-routes';
import { decideRetry, type AttemptFailure, type RetryPolicy } from './retry-policy';
import { type SecretRedactor } from './secret-redactor';

/** A query value as node-api's URL builder accepts it (Dates are sent with `toUTCString()`). */
export type QueryValue = string | number | boolean | Date | undefined;

/** One REST call, described the way node-api's generated methods describe theirs. */
export interface AzureDevOpsRequest {
  readonly route: NodeApiRoute;
  readonly method: 'GET' | 'PATCH' | 'POST';
  readonly routeValues: Readonly<Record<string, string | number>>;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: unknown;
  /** `json`: a success must carry a JSON body; `empty`: the body of a success is ignored. */
  readonly expect: 'json' | 'empty';
}

/** A successful answer. `body` is unvalidated wire data. */
export interface AzureDevOpsResponse {
  readonly method: string;
  /** The request path (decoded, no host or query), for messages about the body. */
  readonly path: string;
  readonly status: number;
  readonly body: unknown;
  /** The `x-ms-continuationtoken` response header, when the list has another page. */
  readonly continuationToken: string | undefined;
  /** The connection's redaction, for messages that quote the body. */
  readonly redact: (text: string) => string;
}

/** Sends one request with retries; rejects with {@link AzureDevOpsError} only. */
export type SendRequest = (request: AzureDevOpsRequest) => Promise<AzureDevOpsResponse>;

/** What {@link createRequestSender} needs from the connection. */
export interface RequestSenderOptions {
  /** The node-api client for an area (resolving its host through `ResourceAreas` on first use). */
  readonly clientFor: (area: ApiArea) => Promise<ClientApiBase>;
  /** The path of the `ResourceAreas` lookup, for messages about a failing discovery. */
  readonly discoveryPath: string;
  readonly timeoutMs: number;
  readonly policy: RetryPolicy;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly now: () => number;
  readonly redactor: SecretRedactor;
  readonly logger: AzureDevOpsLogger | undefined;
}

/** The request currently in flight within an attempt: discovery first, then the call itself. */
interface Step {
  readonly method: string;
  readonly path: string;
  readonly idempotent: boolean;
}

/** What a failed attempt tells us, read from typed-rest-client's error. */
interface FailureFacts {
  readonly status?: number;
  readonly typeKey?: string;
  readonly serviceMessage?: string;
  readonly retryAfterMs?: number;
  readonly timedOut?: boolean;
  readonly networkCode?: string;
  readonly discoveryProblem?: string;
  readonly redirectedTo?: string;
}

const networkCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EHOSTUNREACH',
  'EPIPE',
  'EAI_AGAIN',
]);

/**
 * Creates the one place every Azure DevOps call goes through. It issues the request exactly as
 * node-api's generated method would — `vsoClient.getVersioningData` (OPTIONS discovery, route template,
 * api-version negotiation) and then `rest.get/update/create` with node-api's Accept header — but keeps
 * what those methods throw away: the status code (they turn a 404 into `null`, so a retried stage that
 * does not exist would look like success), the `x-ms-continuationtoken` header, and a 203 sign-in page.
 * Failures are retried per {@link decideRetry} and end as one {@link AzureDevOpsError}.
 */
export function createRequestSender(options: RequestSenderOptions): SendRequest {
  const { redactor } = options;

  return async function send(request: AzureDevOpsRequest): Promise<AzureDevOpsResponse> {
    for (let attempt = 1; ; attempt++) {
      let step: Step = { method: 'GET', path: options.discoveryPath, idempotent: true };
      let facts: FailureFacts;
      let cause: Error;
      try {
        const client = await options.clientFor(request.route.area);
        step = {
          method: 'OPTIONS',
          path: `${pathOf(client.baseUrl).replace(/\/?$/, '/')}_apis/${request.route.areaName}`,
          idempotent: true,
        };
        const versioning = await client.vsoClient.getVersioningData(
          request.route.apiVersion,
          request.route.areaName,
          request.route.locationId,
          { ...request.routeValues },
          request.query === undefined ? undefined : { ...request.query },
        );
        const url = versioning.requestUrl;
        if (url === undefined) {
          throw new Error(
            `Failed to find api location for area: ${request.route.areaName} id: ${request.route.locationId}`,
          );
        }
        step = { method: request.method, path: pathOf(url), idempotent: request.method === 'GET' };
        const requestOptions = client.createRequestOptions('application/json', versioning.apiVersion);
        let response: IRestResponse<unknown>;
        if (request.method === 'GET') response = await client.rest.get<unknown>(url, requestOptions);
        else if (request.method === 'PATCH')
          response = await client.rest.update<unknown>(url, request.body, requestOptions);
        else response = await client.rest.create<unknown>(url, request.body, requestOptions);
        return interpret(response, step, attempt, request.expect);
      } catch (error) {
        if (error instanceof AzureDevOpsError) throw error;
        facts = factsOf(error, options.now());
        cause = sanitisedCause(error);
      }
      if (facts.discoveryProblem !== undefined) {
        throw fail(
          step,
          attempt,
          'discovery',
          facts,
          cause,
          `Azure DevOps ${step.method} ${step.path} did not offer the API (${request.route.mirrors}): ${facts.discoveryProblem}. Check collectionUrl; a sign-in page instead of data (a credential that was not accepted) looks the same to node-api's discovery`,
        );
      }
      const failure: AttemptFailure = {
        idempotent: step.idempotent,
        ...(facts.status === undefined ? {} : { status: facts.status }),
        ...(facts.timedOut === true ? { timedOut: true } : {}),
        ...(facts.networkCode === undefined ? {} : { networkCode: facts.networkCode }),
        ...(facts.retryAfterMs === undefined ? {} : { retryAfterMs: facts.retryAfterMs }),
      };
      const decision = decideRetry(failure, attempt, options.policy, options.random);
      if (decision.retry) {
        options.logger?.warn(
          redactor.redact(
            `Azure DevOps ${step.method} ${step.path} ${happened(facts, options.timeoutMs)}; retrying in ${seconds(decision.delayMs)} (attempt ${attempt + 1} of ${options.policy.maxRetries + 1})`,
          ),
        );
        await options.sleep(decision.delayMs);
        continue;
      }
      if (facts.status === 429) {
        const retryAt = new Date(options.now() + (decision.rateLimitedForMs ?? 0));
        throw fail(step, attempt, 'rate-limited', facts, cause, undefined, retryAt);
      }
      throw fail(step, attempt, kindOf(facts), facts, cause);
    }
  };

  function interpret(
    response: IRestResponse<unknown>,
    step: Step,
    attempt: number,
    expect: 'json' | 'empty',
  ): AzureDevOpsResponse {
    const status = response.statusCode;
    if (status === 404) {
      throw fail(step, attempt, 'not-found', { status }, undefined);
    }
    if (status === 203) {
      throw fail(
        step,
        attempt,
        'authentication',
        { status },
        undefined,
        `Azure DevOps ${step.method} ${step.path} answered 203 with a sign-in page instead of data: the credential was not accepted (check that the token is valid, not expired and allowed for this organization)`,
      );
    }
    if (expect === 'json' && (response.result === null || response.result === undefined)) {
      throw fail(
        step,
        attempt,
        'invalid-response',
        { status },
        undefined,
        `Azure DevOps ${step.method} ${step.path} answered ${status} without the expected JSON body`,
      );
    }
    options.logger?.debug?.(redactor.redact(`Azure DevOps ${step.method} ${step.path} answered ${status}`));
    const headers = response.headers as Record<string, string | string[] | undefined>;
    const token = headers['x-ms-continuationtoken'];
    return {
      method: step.method,
      path: step.path,
      status,
      body: expect === 'json' ? response.result : undefined,
      continuationToken: typeof token === 'string' && token !== '' ? token : undefined,
      redact: (text) => redactor.redact(text),
    };
  }

  function fail(
    step: Step,
    attempts: number,
    kind: AzureDevOpsErrorKind,
    facts: FailureFacts,
    cause: Error | undefined,
    message?: string,
    retryAt?: Date,
  ): AzureDevOpsError {
    const hint =
      kind === 'authentication'
        ? facts.redirectedTo === undefined
          ? 'the credential was not accepted (check that the token is valid, not expired and has the needed scopes)'
          : `redirected to a sign-in page on ${facts.redirectedTo}: the credential was not accepted`
        : kind === 'timeout'
          ? `no answer within ${seconds(options.timeoutMs)} per attempt`
          : kind === 'not-found'
            ? 'the project or an id in the path does not exist (or this host does not serve the resource)'
            : undefined;
    return new AzureDevOpsError({
      kind,
      method: step.method,
      path: redactor.redact(step.path),
      attempts,
      ...(facts.status === undefined ? {} : { status: facts.status }),
      ...(facts.typeKey === undefined ? {} : { typeKey: facts.typeKey }),
      ...(facts.serviceMessage === undefined
        ? {}
        : { serviceMessage: redactor.redact(facts.serviceMessage) }),
      ...(retryAt === undefined ? {} : { retryAt }),
      ...(hint === undefined ? {} : { hint }),
      ...(message === undefined ? {} : { message: redactor.redact(message) }),
      ...(cause === undefined ? {} : { cause }),
    });
  }

  function sanitisedCause(error: unknown): Error {
    const original = error instanceof Error ? error : new Error(String(error));
    const copy = new Error(redactor.redact(original.message));
    copy.name = original.name;
    const code = (original as { code?: unknown }).code;
    if (typeof code === 'string') Object.assign(copy, { code });
    return copy;
  }
}

/**
 * Reads typed-rest-client's failure: HTTP errors carry `statusCode`, the parsed envelope in `result` and
 * `responseHeaders`; socket errors carry `code`; its own socket timeout is an Error whose message starts
 * with "Request timeout:"; node-api's discovery failures are Errors with fixed wording.
 */
function factsOf(error: unknown, now: number): FailureFacts {
  if (!(error instanceof Error)) return { networkCode: 'EUNKNOWN', serviceMessage: String(error) };
  const fields = error as Error & {
    statusCode?: unknown;
    result?: unknown;
    responseHeaders?: unknown;
    code?: unknown;
  };
  if (typeof fields.statusCode === 'number') {
    const envelope =
      typeof fields.result === 'object' && fields.result !== null
        ? (fields.result as Record<string, unknown>)
        : {};
    const headers =
      typeof fields.responseHeaders === 'object' && fields.responseHeaders !== null
        ? (fields.responseHeaders as Record<string, unknown>)
        : {};
    const message = typeof envelope['message'] === 'string' ? envelope['message'] : undefined;
    const typeKey = typeof envelope['typeKey'] === 'string' ? envelope['typeKey'] : undefined;
    const retryAfterMs = retryAfterOf(headers, now);
    const location = typeof headers['location'] === 'string' ? headers['location'] : undefined;
    return {
      status: fields.statusCode,
      ...(typeKey === undefined ? {} : { typeKey }),
      // A non-JSON error body (an HTML error page) is not worth quoting.
      ...(message === undefined ? {} : { serviceMessage: message }),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      ...(location === undefined ? {} : { redirectedTo: hostOf(location) }),
    };
  }
  if (error.message.startsWith('Request timeout:')) return { timedOut: true };
  if (typeof fields.code === 'string' && networkCodes.has(fields.code))
    return { networkCode: fields.code, serviceMessage: fields.code };
  if (
    /^(Failed to find api location|Could not find information for resource area|Failed to retrieve resource areas)/.test(
      error.message,
    )
  ) {
    return { discoveryProblem: error.message };
  }
  return {
    networkCode: typeof fields.code === 'string' ? fields.code : 'EUNKNOWN',
    serviceMessage: error.message,
  };
}

/** How long the service asked to wait (`Retry-After` or `X-RateLimit-Reset`, whichever is later), in ms from now. */
function retryAfterOf(headers: Record<string, unknown>, now: number): number | undefined {
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string') text[name.toLowerCase()] = value;
  }
  const until = readRateLimitReset(text, now);
  return until === undefined ? undefined : Math.max(0, until - now);
}

function kindOf(facts: FailureFacts): AzureDevOpsErrorKind {
  if (facts.timedOut === true) return 'timeout';
  if (facts.status === undefined) return 'network';
  if (facts.status === 401 || (facts.status >= 300 && facts.status < 400)) return 'authentication';
  return 'status';
}

function happened(facts: FailureFacts, timeoutMs: number): string {
  if (facts.status !== undefined) return `answered ${facts.status}`;
  if (facts.timedOut === true) return `timed out after ${seconds(timeoutMs)}`;
  return `failed with ${facts.networkCode ?? 'a network error'}`;
}

function pathOf(url: string): string {
  const { pathname } = new URL(url);
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

function hostOf(location: string): string {
  try {
    return new URL(location).host;
  } catch {
    return 'another location';
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
}
