import { StoredRecordError, StoreUnavailableError } from '../../lib/store';
import { GateRequestError } from './gate-request-error';
import { GateSettingsError } from './gate-settings-error';

/** How a failed history request is answered. */
export interface HistoryFailure {
  readonly status: 400 | 413 | 415 | 500 | 503;
  readonly message: string;
  /** The query parameter at fault. */
  readonly path?: string;
}

/**
 * Maps what went wrong in `GET /api/evaluations` or `GET /api/report` to the answer, in one place: bad query
 * parameters 400, misconfiguration 500 naming the setting, an unreachable store 503 (retry later), anything
 * unexpected 500. Messages come from errors that are already free of secrets.
 */
export function mapHistoryError(error: unknown): HistoryFailure {
  if (error instanceof GateRequestError) {
    return {
      status: error.status,
      message: error.message,
      ...(error.path === undefined ? {} : { path: error.path }),
    };
  }
  if (error instanceof GateSettingsError) return { status: 500, message: error.message };
  if (error instanceof StoreUnavailableError) return { status: 503, message: error.message };
  if (error instanceof StoredRecordError) return { status: 500, message: error.message };
  return {
    status: 500,
    message: 'the history could not be read because of an unexpected error; the function log has the details',
  };
}
