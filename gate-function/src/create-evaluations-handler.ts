import { type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';

import { buildReportUrl } from './build-report-url';
import { mapHistoryError } from './map-history-error';
import { type HistoryAccess } from './open-history';
import { readEvaluationsQuery } from './read-evaluations-query';
import { toEvaluationJson, type EvaluationJson } from './to-evaluation-json';

/** What the history endpoints work with. */
export interface HistoryEndpointDependencies {
  /**
   * The history as configured, asked once per request (settings are read at the first request, not at load).
   *
   * @throws GateSettingsError when a history setting is invalid.
   */
  readonly history: () => HistoryAccess;
}

/** The 200 answer of `GET /api/evaluations`. */
export interface EvaluationsBody {
  readonly count: number;
  /** Newest first. */
  readonly evaluations: readonly EvaluationJson[];
  /** Stored rows that could not be read (and are not listed), described. */
  readonly unreadable: readonly string[];
}

/** Any other answer. */
export interface HistoryErrorBody {
  readonly status: 'error';
  readonly error: { readonly message: string; readonly path?: string };
}

const JSON_HEADERS = { 'Cache-Control': 'no-store' } as const;

/**
 * Creates the `GET /api/evaluations` handler: the recorded evaluations, newest first, filtered by `service`,
 * `comparison` and `since`, at most `limit` (default 50, at most 500). Each carries its report link (never
 * with the function key). 400 names the parameter at fault; 503 when the history is off or the store cannot
 * be reached; 500 for misconfiguration.
 */
export function createEvaluationsHandler(
  dependencies: HistoryEndpointDependencies,
): (request: HttpRequest, invocation: InvocationContext) => Promise<HttpResponseInit> {
  return async (request, invocation) => {
    const fail = (status: number, message: string, path?: string): HttpResponseInit => {
      const body: HistoryErrorBody = {
        status: 'error',
        error: { message, ...(path === undefined ? {} : { path }) },
      };
      return { status, jsonBody: body, headers: JSON_HEADERS };
    };
    try {
      const query = readEvaluationsQuery(request.query);
      const access = dependencies.history();
      if (!access.enabled) {
        invocation.warn(`evaluations: ${access.reason}`);
        return fail(503, access.reason);
      }
      const page = await access.history.list(query);
      for (const problem of page.unreadable)
        invocation.warn(`evaluations: skipped a stored row: ${problem.message}`);
      const body: EvaluationsBody = {
        count: page.evaluations.length,
        evaluations: page.evaluations.map((evaluation) =>
          toEvaluationJson(
            evaluation,
            buildReportUrl(request.url, access.publicUrl, {
              service: evaluation.service,
              comparison: evaluation.comparison,
              evaluationId: evaluation.evaluationId,
            }),
          ),
        ),
        unreadable: page.unreadable.map((problem) => problem.message),
      };
      return { status: 200, jsonBody: body, headers: JSON_HEADERS };
    } catch (error) {
      const failure = mapHistoryError(error);
      if (failure.status >= 500) {
        invocation.error(`evaluations: answered ${failure.status}: ${failure.message}`);
        if (failure.status === 500 && error instanceof Error) invocation.error(error.stack ?? error.message);
      }
      return fail(failure.status, failure.message, failure.path);
    }
  };
}
