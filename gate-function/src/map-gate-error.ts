import { HttpError } from '../../lib/http';
import { MetricResponseError, MonspecRequestError } from '../../lib/monspec';
import { GateRequestError, type RequestIssue } from './gate-request-error';
import { monspecRequestPath } from './monspec-request-path';
import { MonspecFetchError } from './monspec-fetch-error';

/** How a failed evaluation is answered. */
export interface GateFailure {
  readonly status: 400 | 413 | 415 | 500 | 502 | 504;
  /** Starts with `path: ` when there is a path. */
  readonly message: string;
  readonly path?: string;
  readonly issues?: readonly RequestIssue[];
}

/** The planner's names for request fields, mapped to the names the gate's callers use. */
const REQUEST_FIELD_BY_PLAN_FIELD: Readonly<Record<string, string>> = {
  service: 'service',
  comparison: 'comparison',
  windowMinutes: 'window',
  endMs: 'end',
  onMissingSource: 'onmissingsource',
  onMissingCompare: 'onmissingcompare',
};

/**
 * Maps what went wrong to the HTTP answer, in one place (CONTRIBUTING: errors are mapped exactly once, at
 * the edge): bad requests 400 (413/415), Dynatrace or the monspec host failing 502, the overall deadline
 * passing 504, anything unexpected 500. Messages come from errors that are already free of secrets.
 */
export function mapGateError(
  error: unknown,
  deadline: { readonly passed: boolean; readonly seconds: number },
): GateFailure {
  const late = (what: string): GateFailure => ({
    status: 504,
    message: `the gate could not answer within its ${deadline.seconds} s deadline (GATE_DEADLINE_SECONDS): ${what}`,
  });
  if (error instanceof GateRequestError) {
    return located(error.status, error.path, error.message, error.issues);
  }
  if (error instanceof MonspecRequestError) {
    const field = REQUEST_FIELD_BY_PLAN_FIELD[error.path];
    return located(400, field ?? monspecRequestPath(error.path), error.message);
  }
  if (error instanceof MonspecFetchError) {
    switch (error.kind) {
      case 'refused':
      case 'too-large':
        return located(400, 'monspecUrl', error.message);
      case 'answered':
        return (error.status ?? 500) < 500
          ? located(400, 'monspecUrl', error.message)
          : { status: 502, message: error.message };
      case 'unreachable':
      case 'timeout':
        return { status: 502, message: error.message };
      case 'aborted':
        return late(error.message);
    }
  }
  if (error instanceof HttpError) {
    if (error.kind === 'deadline' || (error.kind === 'aborted' && deadline.passed))
      return late(error.message);
    return { status: 502, message: `Dynatrace failed: ${error.message}` };
  }
  if (error instanceof MetricResponseError) {
    return { status: 502, message: `Dynatrace answered with a body the gate cannot read: ${error.message}` };
  }
  if (deadline.passed) return late('the evaluation was abandoned');
  return { status: 500, message: 'the gate failed unexpectedly; the function log has the details' };
}

function located(
  status: GateFailure['status'],
  path: string | undefined,
  message: string,
  issues: readonly RequestIssue[] = [],
): GateFailure {
  return {
    status,
    message: path === undefined ? message : `${path}: ${message}`,
    ...(path === undefined ? {} : { path }),
    ...(issues.length > 1 ? { issues } : {}),
  };
}
