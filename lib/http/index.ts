export {
  buildRequestUrl,
  pathWithoutQuery,
  type QueryParameters,
  type QueryValue,
} from './build-request-url';
export { type Clock, systemClock } from './clock';
export { computeBackoffDelay } from './compute-backoff-delay';
export { createHttpClient } from './create-http-client';
export { createRedactor, REDACTED, type Redactor } from './create-redactor';
export { describeNetworkError, isTransientNetworkError } from './describe-network-error';
export { formatDuration } from './format-duration';
export {
  type HttpClient,
  type HttpClientOptions,
  type HttpMethod,
  type HttpRequest,
  type HttpResponse,
} from './http-client';
export { HttpError, type HttpErrorInit, type HttpErrorKind } from './http-error';
export { type Logger, silentLogger } from './logger';
export { readRateLimitReset } from './read-rate-limit-reset';
export { DEFAULT_RETRY_POLICY, resolveRetryPolicy, type RetryPolicy } from './retry-policy';
export * as wire from './wire-decoders';
export { type Decoder, WireFormatError } from './wire-decoders';
