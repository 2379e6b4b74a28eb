/**
 * Why a request failed:
 * - `status`: the service answered with a status the caller did not expect (after any retries);
 * - `timeout`: an attempt took longer than the per-attempt timeout;
 * - `network`: the connection failed (refused, reset, DNS, TLS, …);
 * - `rate-limited`: the service answered 429 and waiting it out was not possible or did not help;
 * - `deadline`: the caller's deadline left no room for another attempt or wait;
 * - `aborted`: the caller's `AbortSignal` fired;
 * - `invalid-response`: the answer could not be used (not JSON where JSON was expected, too large,
 *   or not the shape the caller's decoder requires).
 */
export type HttpErrorKind =
  'status' | 'timeout' | 'network' | 'rate-limited' | 'deadline' | 'aborted' | 'invalid-response';

/** Everything an {@link HttpError} is built from. All text in it has already been redacted. */
export interface HttpErrorInit {
  readonly kind: HttpErrorKind;
  readonly message: string;
  readonly serviceName: string;
  readonly method: string;
  /** Request path without query string or host, e.g. `/api/v2/metrics/query`. */
  readonly path: string;
  readonly attempts: number;
  readonly status?: number;
  /** The service's own explanation, extracted from the error body. */
  readonly serviceMessage?: string;
  /** For `rate-limited`: epoch ms until which the service asked us to wait, when it said so. */
  readonly rateLimitedUntil?: number;
  /** For `network`: the system error code, e.g. `ECONNRESET`. */
  readonly networkCode?: string;
  /**
   * The parsed (redacted) error body, for subclasses that extract service-specific fields.
   * It is not kept on the error itself.
   */
  readonly responseBody?: unknown;
  /** A sanitized cause: never the HTTP library's own error object, which carries request headers. */
  readonly cause?: Error;
}

/**
 * A failed HTTP request, described without secrets: the message names the service, the method and
 * the path and says what went wrong; it never contains request headers, the HTTP library's config
 * or any configured secret.
 */
export class HttpError extends Error {
  override readonly name: string = 'HttpError';
  readonly kind: HttpErrorKind;
  readonly serviceName: string;
  readonly method: string;
  readonly path: string;
  readonly attempts: number;
  readonly status: number | undefined;
  readonly serviceMessage: string | undefined;
  readonly rateLimitedUntil: number | undefined;
  /** For `network`: the system error code, e.g. `ECONNRESET`. */
  readonly networkCode: string | undefined;

  constructor(init: HttpErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.serviceName = init.serviceName;
    this.method = init.method;
    this.path = init.path;
    this.attempts = init.attempts;
    this.status = init.status;
    this.serviceMessage = init.serviceMessage;
    this.rateLimitedUntil = init.rateLimitedUntil;
    this.networkCode = init.networkCode;
  }
}
