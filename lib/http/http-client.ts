import { type QueryParameters } from './build-request-url';
import { type Clock } from './clock';
import { type HttpError, type HttpErrorInit } from './http-error';
import { type Logger } from './logger';
import { type RetryPolicy } from './retry-policy';
import { type Decoder } from './wire-decoders';

/** Methods the client sends. */
export type HttpMethod = 'GET' | 'HEAD' | 'OPTIONS' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One logical request; the client may send it several times. */
export interface HttpRequest {
  readonly method: HttpMethod;
  /** Starts with `/`, relative to the client's base URL. */
  readonly path: string;
  readonly query?: QueryParameters;
  /**
   * Sent as JSON, unless `contentType` is set and the body is a string or bytes, which are then sent
   * as they are (e.g. `text/plain` log lines).
   */
  readonly body?: unknown;
  readonly contentType?: string;
  /** Extra headers for this request; treated as secret-bearing like the client's own headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Statuses that count as success. Default: any 2xx. */
  readonly expectedStatus?: readonly number[];
  /**
   * Whether sending the request twice is harmless, which allows retrying after a timeout or a
   * broken connection (when the server may have acted on it). Default: true for GET, HEAD,
   * OPTIONS, PUT and DELETE; false for POST and PATCH. 429 and 5xx answers are retried regardless.
   */
  readonly idempotent?: boolean;
  /** Epoch ms. No attempt starts and no wait extends past it. */
  readonly deadline?: number;
  readonly signal?: AbortSignal;
  /**
   * `json` (default): the body must be empty or JSON; anything else (say, an HTML page) is an
   * `invalid-response` error. `text`: the body is returned as a string.
   */
  readonly responseType?: 'json' | 'text';
  /** Validates and types the body (parsed JSON, or the text); a failure is `invalid-response`. */
  readonly decode?: Decoder<unknown>;
}

/** A successful answer. `data` is the parsed JSON (`undefined` for an empty body) or the text. */
export interface HttpResponse<T> {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly data: T;
}

/** Sends requests to one service with timeouts, bounded retries and secret-safe errors. */
export interface HttpClient {
  /** The base URL every request path is appended to. */
  readonly baseUrl: string;
  /** Sends the request; `data` is typed by the request's `decode`. Throws {@link HttpError}. */
  request<T>(request: HttpRequest & { readonly decode: Decoder<T> }): Promise<HttpResponse<T>>;
  /** Sends the request; without a decoder the body stays `unknown`. Throws {@link HttpError}. */
  request(request: HttpRequest): Promise<HttpResponse<unknown>>;
}

/** Configuration of {@link HttpClient}; everything is an option, nothing is read from the environment. */
export interface HttpClientOptions {
  /** e.g. `https://abc123.live.dynatrace.com`. Must not contain credentials. */
  readonly baseUrl: string;
  /** Names the service in messages: `Dynatrace`, `Azure DevOps`, … */
  readonly serviceName: string;
  /** Sent with every request. Secret-bearing: never logged, redacted from every message. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Further strings to redact (a raw token whose header form is in `headers`, say). */
  readonly secrets?: readonly string[];
  /** Wall-clock limit per attempt. Default 10 000. */
  readonly timeoutMs?: number;
  /** Larger answers fail as `invalid-response`. Default 10 MB. */
  readonly maxResponseBytes?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** Returns a number in [0, 1); jitter source. Default `Math.random`. */
  readonly random?: () => number;
  /** Default `unbreakable-pipeline`. */
  readonly userAgent?: string;
  /**
   * Extracts the service's explanation from an error body (parsed JSON, or text), e.g. the
   * `error.message` of Dynatrace's envelope. Return `undefined` to fall back to a generic reading.
   */
  readonly describeErrorBody?: (status: number, body: unknown) => string | undefined;
  /**
   * Builds the thrown error, so a service client can throw its own {@link HttpError} subclass
   * (with fields parsed from `init.responseBody`) from the one place errors are made.
   */
  readonly createError?: (init: HttpErrorInit) => HttpError;
}
