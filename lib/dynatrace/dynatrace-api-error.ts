import { HttpError, type HttpErrorInit } from '../http/http-error';
import { type ConstraintViolation, readErrorEnvelope } from './read-error-envelope';

/**
 * Dynatrace answered a call with an error status. Besides the {@link HttpError} fields it carries
 * what Dynatrace's error envelope said; the message already contains it, e.g.
 * `Dynatrace GET /api/v2/metrics/query failed with 400: Constraints violated: metricSelector: …`.
 */
export class DynatraceApiError extends HttpError {
  override readonly name: string = 'DynatraceApiError';
  /** The envelope's `code` (normally the HTTP status). */
  readonly code: number | undefined;
  /** The envelope's `message`, as Dynatrace wrote it. */
  readonly errorMessage: string | undefined;
  readonly constraintViolations: readonly ConstraintViolation[];

  constructor(init: HttpErrorInit) {
    super(init);
    const envelope = readErrorEnvelope(init.responseBody);
    this.code = envelope?.code;
    this.errorMessage = envelope?.message;
    this.constraintViolations = envelope?.constraintViolations ?? [];
  }
}

/**
 * Builds the error the Dynatrace client throws: a {@link DynatraceApiError} when Dynatrace answered
 * with an error status, a plain {@link HttpError} for timeouts, network failures and the like.
 */
export function createDynatraceError(init: HttpErrorInit): HttpError {
  const answeredWithError =
    init.status !== undefined && (init.kind === 'status' || init.kind === 'rate-limited');
  return answeredWithError ? new DynatraceApiError(init) : new HttpError(init);
}
