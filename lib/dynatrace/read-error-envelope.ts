import { arrayOf, decode, number, object, optional, string, withDefault } from '../http/wire-decoders';

/** One entry of an error envelope's `constraintViolations`. */
export interface ConstraintViolation {
  /** The offending input, e.g. `metricSelector`. */
  readonly path?: string;
  readonly message: string;
  /** `HEADER`, `PATH`, `PAYLOAD_BODY` or `QUERY`. */
  readonly parameterLocation?: string;
  readonly location?: string;
}

/** The `error` object Dynatrace answers every failed v1 and v2 call with. */
export interface ErrorEnvelope {
  readonly code?: number;
  readonly message?: string;
  readonly constraintViolations: readonly ConstraintViolation[];
}

const envelope = object({
  error: object({
    code: optional(number),
    message: optional(string),
    constraintViolations: withDefault(
      arrayOf(
        object({
          path: optional(string),
          message: string,
          parameterLocation: optional(string),
          location: optional(string),
        }),
      ),
      [],
    ),
  }),
});

/**
 * Reads `{ "error": { code, message, constraintViolations } }` from an error body, or returns
 * `undefined` when the body is something else (a proxy's HTML page, say).
 */
export function readErrorEnvelope(body: unknown): ErrorEnvelope | undefined {
  try {
    return decode(envelope, body).error;
  } catch {
    return undefined;
  }
}

/**
 * The one-line explanation of a failed call that goes into error messages:
 * `Constraints violated: metricSelector: Unknown metric key` for a 400,
 * `Token is missing required scope. Use one of: metrics.read (Read metrics)` for a 403 (Dynatrace's
 * own text), and for a 401 Dynatrace's text plus what to check, since "authentication failed"
 * alone does not say that the configured token is the problem.
 */
export function describeDynatraceErrorBody(status: number, body: unknown): string | undefined {
  const parsed = readErrorEnvelope(body);
  const message = parsed?.message?.trim();
  const violations = (parsed?.constraintViolations ?? [])
    .map((violation) => (violation.path ? `${violation.path}: ${violation.message}` : violation.message))
    .join('; ');
  let text: string | undefined;
  if (message && violations) {
    text = `${message.replace(/\.$/, '')}: ${violations}`;
  } else {
    text = message || violations || undefined;
  }
  if (status === 401) {
    return `${text ?? 'The API token failed authentication'} (check that the API token is valid, not expired and belongs to this environment)`;
  }
  if (status === 403 && text === undefined) {
    return 'The API token lacks a required scope or permission';
  }
  return text;
}
