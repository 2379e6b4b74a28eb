import { STATUS_CODES } from 'node:http';

import { buildRequestUrl, pathWithoutQuery } from './build-request-url';
import { type Clock, systemClock } from './clock';
import { computeBackoffDelay } from './compute-backoff-delay';
import { createRedactor, type Redactor } from './create-redactor';
import { describeGenericErrorBody } from './describe-generic-error-body';
import { describeNetworkError, isTransientNetworkError } from './describe-network-error';
import { formatDuration } from './format-duration';
import {
  type HttpClient,
  type HttpClientOptions,
  type HttpMethod,
  type HttpRequest,
  type HttpResponse,
} from './http-client';
import { HttpError, type HttpErrorInit, type HttpErrorKind } from './http-error';
import { type Logger, silentLogger } from './logger';
import { readRateLimitReset } from './read-rate-limit-reset';
import { parseMediaType, readResponseBody } from './read-response-body';
import { resolveRetryPolicy, type RetryPolicy } from './retry-policy';
import { type AttemptOutcome, createAxiosInstance, sendAttempt } from './send-attempt';
import { validateBaseUrl } from './validate-base-url';
import { type Decoder } from './wire-decoders';

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
const DEFAULT_USER_AGENT = 'unbreakable-pipeline';
/** Added to a rate-limit wait so that clients throttled together do not all return at the same instant. */
const RATE_LIMIT_JITTER_MAX_MS = 250;
const IDEMPOTENT_METHODS: ReadonlySet<HttpMethod> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * Creates the HTTP client every service client in `lib/` is built on. It owns the policy that must
 * be the same everywhere: a wall-clock timeout per attempt, bounded and jittered retries of 429, 5xx
 * and (for idempotent requests) timeouts and broken connections, waits that honour
 * `X-RateLimit-Reset`/`Retry-After`, deadlines, and errors that never carry a secret.
 *
 * @throws TypeError or RangeError when an option is invalid (the message names it).
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const baseUrl = validateBaseUrl(options.baseUrl, options.serviceName);
  const serviceName = options.serviceName.trim();
  if (serviceName === '') {
    throw new TypeError('serviceName must name the service for messages, e.g. "Dynatrace"; found "".');
  }
  const timeoutMs = requirePositiveInteger(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'timeoutMs');
  const maxResponseBytes = requirePositiveInteger(
    options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    'maxResponseBytes',
  );
  const engine: Engine = {
    baseUrl,
    serviceName,
    host: new URL(baseUrl).host,
    headers: { 'User-Agent': options.userAgent ?? DEFAULT_USER_AGENT, ...options.headers },
    secrets: [...Object.values(options.headers ?? {}), ...(options.secrets ?? [])],
    timeoutMs,
    maxResponseBytes,
    policy: resolveRetryPolicy(options.retry),
    logger: options.logger ?? silentLogger,
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
    describeErrorBody: options.describeErrorBody,
    createError: options.createError ?? ((init) => new HttpError(init)),
    axios: createAxiosInstance(),
  };
  const baseRedactor = createRedactor(engine.secrets);

  function request<T>(req: HttpRequest & { readonly decode: Decoder<T> }): Promise<HttpResponse<T>>;
  function request(req: HttpRequest): Promise<HttpResponse<unknown>>;
  function request(req: HttpRequest): Promise<HttpResponse<unknown>> {
    const redactor =
      req.headers === undefined
        ? baseRedactor
        : createRedactor([...engine.secrets, ...Object.values(req.headers)]);
    return new RequestRun(engine, req, redactor).run();
  }

  return { baseUrl, request };
}

/** The resolved configuration shared by every request of one client. */
interface Engine {
  readonly baseUrl: string;
  readonly serviceName: string;
  readonly host: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly secrets: readonly string[];
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly policy: RetryPolicy;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly random: () => number;
  readonly describeErrorBody: ((status: number, body: unknown) => string | undefined) | undefined;
  readonly createError: (init: HttpErrorInit) => HttpError;
  readonly axios: ReturnType<typeof createAxiosInstance>;
}

/** Why an attempt failed, in the terms the retry decision and the final error need. */
interface Failure {
  readonly kind: 'status' | 'timeout' | 'network';
  /** Completes "<service> <METHOD> <path> …" in logs, e.g. `answered 503`, `timed out after 10 s`. */
  readonly summary: string;
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly serviceMessage?: string;
  readonly responseBody?: unknown;
  readonly code?: string;
}

/** One call of `request`: the attempt loop and the errors it ends with. */
class RequestRun {
  private readonly method: HttpMethod;
  private readonly path: string;
  private readonly label: string;
  private readonly url: string;
  private readonly idempotent: boolean;
  private readonly maxAttempts: number;
  private readonly headers: Readonly<Record<string, string>>;
  private readonly body: string | Uint8Array | undefined;
  private lastFailure: Failure | undefined;

  constructor(
    private readonly engine: Engine,
    private readonly req: HttpRequest,
    private readonly redactor: Redactor,
  ) {
    this.method = req.method;
    this.path = pathWithoutQuery(req.path);
    this.label = `${engine.serviceName} ${this.method} ${this.path}`;
    this.url = buildRequestUrl(engine.baseUrl, req.path, req.query);
    this.idempotent = req.idempotent ?? IDEMPOTENT_METHODS.has(this.method);
    this.maxAttempts = engine.policy.maxRetries + 1;
    const encoded = this.encodeBody();
    this.body = encoded?.data;
    this.headers = {
      Accept: (req.responseType ?? 'json') === 'json' ? 'application/json' : '*/*',
      ...engine.headers,
      ...(encoded === undefined ? {} : { 'Content-Type': encoded.contentType }),
      ...req.headers,
    };
  }

  async run(): Promise<HttpResponse<unknown>> {
    for (let attempt = 1; ; attempt += 1) {
      if (this.req.signal?.aborted) {
        throw this.abortedError(attempt - 1);
      }
      const startedAt = this.engine.clock.now();
      const deadline = this.req.deadline;
      if (deadline !== undefined && startedAt >= deadline) {
        throw this.deadlineError(attempt - 1);
      }
      const budgetMs =
        deadline === undefined
          ? this.engine.timeoutMs
          : Math.min(this.engine.timeoutMs, deadline - startedAt);
      const outcome = await sendAttempt(this.engine.axios, {
        method: this.method,
        url: this.url,
        headers: this.headers,
        body: this.body,
        timeoutMs: budgetMs,
        maxResponseBytes: this.engine.maxResponseBytes,
        signal: this.req.signal,
      });
      this.debug(`${this.label} ${describeOutcome(outcome)} (attempt ${attempt} of ${this.maxAttempts})`);

      const verdict = this.judge(outcome, attempt, budgetMs);
      if ('response' in verdict) {
        return verdict.response;
      }
      const { failure, retryable, notRetriedBecause } = verdict;
      this.lastFailure = failure;
      if (!retryable || attempt >= this.maxAttempts) {
        throw this.finalError(failure, attempt, notRetriedBecause);
      }
      const delayMs = this.planWait(failure, attempt);
      this.warn(
        `${this.label} ${failure.summary}; retrying in ${formatDuration(delayMs)} ` +
          `(attempt ${attempt + 1} of ${this.maxAttempts})`,
      );
      try {
        await this.engine.clock.sleep(delayMs, this.req.signal);
      } catch (error: unknown) {
        if (this.req.signal?.aborted) {
          throw this.abortedError(attempt);
        }
        throw error;
      }
    }
  }

  /** Turns an attempt's outcome into a response to return, an error to throw, or a failure to weigh. */
  private judge(
    outcome: AttemptOutcome,
    attempt: number,
    budgetMs: number,
  ):
    | { readonly response: HttpResponse<unknown> }
    | { readonly failure: Failure; readonly retryable: boolean; readonly notRetriedBecause?: string } {
    const notIdempotent = `${this.method} requests are not idempotent`;
    switch (outcome.type) {
      case 'aborted':
        throw this.abortedError(attempt);
      case 'too-large':
        throw this.error({
          kind: 'invalid-response',
          message: `${this.label} answered with more than ${formatBytes(this.engine.maxResponseBytes)}, the configured maxResponseBytes`,
          attempts: attempt,
        });
      case 'timeout': {
        if (budgetMs < this.engine.timeoutMs) {
          this.lastFailure = { kind: 'timeout', summary: `timed out after ${formatDuration(budgetMs)}` };
          throw this.deadlineError(attempt);
        }
        const failure: Failure = { kind: 'timeout', summary: `timed out after ${formatDuration(budgetMs)}` };
        return this.idempotent
          ? { failure, retryable: true }
          : { failure, retryable: false, notRetriedBecause: notIdempotent };
      }
      case 'network': {
        const failure: Failure = {
          kind: 'network',
          code: outcome.code,
          summary: `failed: ${describeNetworkError(outcome.code)} at ${this.engine.host}`,
        };
        if (!isTransientNetworkError(outcome.code)) {
          return { failure, retryable: false };
        }
        return this.idempotent
          ? { failure, retryable: true }
          : { failure, retryable: false, notRetriedBecause: notIdempotent };
      }
      case 'response': {
        const expected = this.req.expectedStatus;
        const success =
          expected === undefined
            ? outcome.status >= 200 && outcome.status < 300
            : expected.includes(outcome.status);
        if (success) {
          return { response: this.successResponse(outcome, attempt) };
        }
        const failure = this.statusFailure(outcome);
        return { failure, retryable: outcome.status === 429 || outcome.status >= 500 };
      }
    }
  }

  private successResponse(
    outcome: Extract<AttemptOutcome, { type: 'response' }>,
    attempt: number,
  ): HttpResponse<unknown> {
    const contentType = outcome.headers['content-type'];
    const body = readResponseBody(outcome.body, contentType);
    let data: unknown;
    if (this.req.responseType === 'text') {
      data = body.kind === 'empty' ? '' : body.kind === 'json' ? outcome.body.toString('utf8') : body.text;
    } else if (body.kind === 'empty') {
      data = undefined;
    } else if (body.kind === 'json') {
      data = body.value;
    } else if (body.kind === 'malformed-json') {
      throw this.invalidResponse(
        outcome.status,
        `a body that is not valid JSON (it starts with ${quoteSnippet(body.text)})`,
        attempt,
      );
    } else {
      const mediaType = parseMediaType(contentType) ?? 'an undeclared media type';
      const htmlHint =
        mediaType === 'text/html'
          ? '; an HTML page in place of JSON usually comes from a sign-in page or a proxy, so check the URL and the credentials'
          : '';
      throw this.invalidResponse(outcome.status, `${mediaType} where JSON was expected${htmlHint}`, attempt);
    }
    if (this.req.decode !== undefined) {
      try {
        data = this.req.decode(data, '$');
      } catch (error: unknown) {
        const reason = error instanceof Error ? error.message : String(error);
        throw this.invalidResponse(outcome.status, `an unexpected body: ${reason}`, attempt);
      }
    }
    return { status: outcome.status, headers: outcome.headers, data };
  }

  private statusFailure(outcome: Extract<AttemptOutcome, { type: 'response' }>): Failure {
    const body = readResponseBody(outcome.body, outcome.headers['content-type']);
    const parsed: unknown = body.kind === 'json' ? body.value : body.kind === 'empty' ? undefined : body.text;
    const responseBody = this.redactor.redactValue(parsed);
    const described =
      this.engine.describeErrorBody?.(outcome.status, responseBody) ?? describeGenericErrorBody(responseBody);
    const serviceMessage = described === undefined ? undefined : this.redactor.redact(described);
    return {
      kind: 'status',
      summary: `answered ${outcome.status}`,
      status: outcome.status,
      headers: outcome.headers,
      responseBody,
      ...(serviceMessage === undefined ? {} : { serviceMessage }),
    };
  }

  /** How long to wait before the next attempt; throws when waiting cannot lead anywhere. */
  private planWait(failure: Failure, attempt: number): number {
    const now = this.engine.clock.now();
    const deadline = this.req.deadline;
    if (failure.status === 429 && failure.headers !== undefined) {
      const until = readRateLimitReset(failure.headers, now);
      if (until !== undefined) {
        const requiredMs = Math.max(0, until - now);
        if (requiredMs > this.engine.policy.maxRateLimitWaitMs) {
          throw this.rateLimitedError(
            attempt,
            until,
            `waiting ${formatDuration(requiredMs)} would exceed the ${formatDuration(this.engine.policy.maxRateLimitWaitMs)} ` +
              'the client may wait (maxRateLimitWaitMs)',
          );
        }
        if (deadline !== undefined && now + requiredMs >= deadline) {
          throw this.rateLimitedError(
            attempt,
            until,
            `which is past the request's deadline (${new Date(deadline).toISOString()})`,
          );
        }
        const delayMs = Math.round(requiredMs + this.engine.random() * RATE_LIMIT_JITTER_MAX_MS);
        return deadline !== undefined && now + delayMs >= deadline ? requiredMs : delayMs;
      }
    }
    const backoffMs = computeBackoffDelay(attempt - 1, this.engine.policy, this.engine.random);
    if (deadline !== undefined && now + backoffMs >= deadline) {
      // Waiting would end where no attempt may start: fail now rather than after a pointless wait.
      throw this.deadlineError(attempt);
    }
    return backoffMs;
  }

  private finalError(failure: Failure, attempts: number, notRetriedBecause?: string): HttpError {
    const suffix = attemptsSuffix(attempts, notRetriedBecause);
    switch (failure.kind) {
      case 'timeout':
        return this.error({
          kind: 'timeout',
          message: `${this.label} ${failure.summary}${suffix}`,
          attempts,
        });
      case 'network':
        return this.error({
          kind: 'network',
          message: `${this.label} ${failure.summary}${suffix}`,
          attempts,
          ...(failure.code === undefined ? {} : { networkCode: failure.code }),
        });
      case 'status': {
        const status = failure.status ?? 0;
        const detail = failure.serviceMessage ?? STATUS_CODES[status] ?? 'an unexpected status';
        if (status === 429) {
          const until =
            failure.headers === undefined
              ? undefined
              : readRateLimitReset(failure.headers, this.engine.clock.now());
          const untilText = until === undefined ? '' : ` until ${new Date(until).toISOString()}`;
          return this.error({
            kind: 'rate-limited',
            message: `${this.label} was still rate limited (429${untilText}) after ${attempts} ${plural(attempts, 'attempt')}: ${detail}`,
            attempts,
            ...this.statusFields(failure),
            ...(until === undefined ? {} : { rateLimitedUntil: until }),
          });
        }
        const redirectHint =
          status >= 300 && status < 400
            ? ' (redirects are not followed: check the base URL and the credentials)'
            : '';
        return this.error({
          kind: 'status',
          message: `${this.label} failed with ${status}: ${detail}${redirectHint}${suffix}`,
          attempts,
          ...this.statusFields(failure),
        });
      }
    }
  }

  private rateLimitedError(attempts: number, until: number, why: string): HttpError {
    const failure = this.lastFailure;
    return this.error({
      kind: 'rate-limited',
      message: `${this.label} was rate limited (429) until ${new Date(until).toISOString()}, ${why}${attemptsSuffix(attempts)}`,
      attempts,
      rateLimitedUntil: until,
      ...(failure === undefined ? {} : this.statusFields(failure)),
    });
  }

  private deadlineError(attempts: number): HttpError {
    const deadline = new Date(this.req.deadline ?? 0).toISOString();
    const failure = this.lastFailure;
    const message =
      attempts === 0
        ? `${this.label} was not sent because its deadline (${deadline}) had passed`
        : `${this.label} did not complete before its deadline (${deadline}); last attempt ${failure?.summary ?? 'failed'}` +
          attemptsSuffix(attempts);
    return this.error({
      kind: 'deadline',
      message,
      attempts,
      ...(failure?.kind === 'status' ? this.statusFields(failure) : {}),
    });
  }

  private abortedError(attempts: number): HttpError {
    return this.error({
      kind: 'aborted',
      message: `${this.label} was aborted by the caller${attemptsSuffix(attempts)}`,
      attempts,
    });
  }

  private invalidResponse(status: number, what: string, attempts: number): HttpError {
    return this.error({
      kind: 'invalid-response',
      message: `${this.label} answered ${status} with ${what}${attemptsSuffix(attempts)}`,
      attempts,
      status,
    });
  }

  private statusFields(
    failure: Failure,
  ): Partial<Pick<HttpErrorInit, 'status' | 'serviceMessage' | 'responseBody'>> {
    return {
      ...(failure.status === undefined ? {} : { status: failure.status }),
      ...(failure.serviceMessage === undefined ? {} : { serviceMessage: failure.serviceMessage }),
      ...(failure.responseBody === undefined ? {} : { responseBody: failure.responseBody }),
    };
  }

  /** The single place errors are made: every message goes through the redactor here. */
  private error(
    fields: { readonly kind: HttpErrorKind; readonly message: string; readonly attempts: number } & Partial<
      Omit<HttpErrorInit, 'kind' | 'message' | 'attempts' | 'serviceName' | 'method' | 'path'>
    >,
  ): HttpError {
    return this.engine.createError({
      ...fields,
      message: this.redactor.redact(fields.message),
      serviceName: this.engine.serviceName,
      method: this.method,
      path: this.redactor.redact(this.path),
    });
  }

  private encodeBody(): { readonly data: string | Uint8Array; readonly contentType: string } | undefined {
    const { body, contentType } = this.req;
    if (body === undefined) {
      return undefined;
    }
    if (contentType !== undefined && (typeof body === 'string' || body instanceof Uint8Array)) {
      return { data: body, contentType };
    }
    try {
      return { data: JSON.stringify(body), contentType: 'application/json; charset=utf-8' };
    } catch (error: unknown) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new TypeError(
        this.redactor.redact(`${this.label}: the request body cannot be sent as JSON: ${reason}`),
        {
          cause: error,
        },
      );
    }
  }

  private debug(message: string): void {
    this.engine.logger.debug(this.redactor.redact(message));
  }

  private warn(message: string): void {
    this.engine.logger.warn(this.redactor.redact(message));
  }
}

function describeOutcome(outcome: AttemptOutcome): string {
  switch (outcome.type) {
    case 'response':
      return `answered ${outcome.status}`;
    case 'timeout':
      return 'timed out';
    case 'network':
      return `failed: ${describeNetworkError(outcome.code)}`;
    case 'too-large':
      return 'answered with too large a body';
    case 'aborted':
      return 'was aborted';
  }
}

function quoteSnippet(text: string): string {
  const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 40);
  return JSON.stringify(snippet.length < text.trim().length ? `${snippet}…` : snippet);
}

function attemptsSuffix(attempts: number, notRetriedBecause?: string): string {
  const parts: string[] = [];
  if (attempts > 1) {
    parts.push(`${attempts} attempts`);
  }
  if (notRetriedBecause !== undefined) {
    parts.push(`not retried: ${notRetriedBecause}`);
  }
  return parts.length === 0 ? '' : ` (${parts.join('; ')})`;
}

function plural(count: number, noun: string): string {
  return count === 1 ? noun : `${noun}s`;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) {
    return `${bytes / (1024 * 1024)} MB`;
  }
  if (bytes >= 1024 && bytes % 1024 === 0) {
    return `${bytes / 1024} KB`;
  }
  return `${bytes} bytes`;
}

function requirePositiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive integer; found ${String(value)}.`);
  }
  return value;
}
