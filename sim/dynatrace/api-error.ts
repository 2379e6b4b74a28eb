/** Where a rejected parameter was found, as Dynatrace reports it. */
export type ParameterLocation = 'HEADER' | 'PATH' | 'PAYLOAD_BODY' | 'QUERY';

/** One entry of an error envelope's `constraintViolations`. */
export interface ConstraintViolation {
  readonly path: string;
  readonly message: string;
  readonly parameterLocation: ParameterLocation;
  readonly location: string | null;
}

/** The body Dynatrace answers every 4xx/5xx with (v1 and v2 share it). */
export interface ErrorEnvelope {
  readonly error: {
    readonly code: number;
    readonly message: string;
    readonly constraintViolations?: readonly ConstraintViolation[] | null;
  };
}

/**
 * An error answer of the simulated API. Route handlers throw it; the server turns it into the status and
 * Dynatrace's error envelope exactly once.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** `undefined` leaves the field out of the envelope; `null` sends `"constraintViolations": null`. */
    readonly constraintViolations?: readonly ConstraintViolation[] | null,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The JSON body for this error. */
  envelope(): ErrorEnvelope {
    return {
      error: {
        code: this.status,
        message: this.message,
        ...(this.constraintViolations === undefined
          ? {}
          : { constraintViolations: this.constraintViolations }),
      },
    };
  }
}

/** 400 "Constraints violated." with the given violations. */
export function constraintsViolated(violations: readonly ConstraintViolation[]): ApiError {
  return new ApiError(400, 'Constraints violated.', violations);
}

/** 400 for one rejected parameter. */
export function invalidParameter(
  path: string,
  message: string,
  parameterLocation: ParameterLocation = 'QUERY',
): ApiError {
  return constraintsViolated([violation(path, message, parameterLocation)]);
}

/** A constraint violation entry. */
export function violation(
  path: string,
  message: string,
  parameterLocation: ParameterLocation = 'QUERY',
): ConstraintViolation {
  return { path, message, parameterLocation, location: null };
}

/** 404 with Dynatrace's envelope. */
export function notFound(message: string): ApiError {
  return new ApiError(404, message);
}
