import { type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';

import { type Clock, systemClock } from '../../lib/http';
import { type RecordedEvaluation, StoredRecordError } from '../../lib/store';
import { type HistoryEndpointDependencies } from './create-evaluations-handler';
import { mapHistoryError } from './map-history-error';
import { readReportQuery } from './read-report-query';
import { renderErrorPage } from './report/render-error-page';
import { REPORT_HEADERS } from './report/render-document';
import { renderReportPage } from './report/render-report-page';
import { renderSeriesPicker } from './report/render-series-picker';

/** What the report handler works with. */
export interface ReportDependencies extends HistoryEndpointDependencies {
  /** The page's "generated at" time. Default: the system clock. */
  readonly clock?: Pick<Clock, 'now'>;
}

/**
 * Creates the `GET /api/report` handler: the build-validation report of one service and comparison (charts of
 * every metric across the recent evaluations, the verdicts, links back to Azure DevOps), or, without a
 * service and comparison, the list of recorded series. HTML rendered on the server with inline SVG: no
 * script, nothing loaded from elsewhere, and a Content-Security-Policy that would block it anyway.
 */
export function createReportHandler(
  dependencies: ReportDependencies,
): (request: HttpRequest, invocation: InvocationContext) => Promise<HttpResponseInit> {
  const clock = dependencies.clock ?? systemClock;
  return async (request, invocation) => {
    const answer = (status: number, body: string): HttpResponseInit => ({
      status,
      body,
      headers: { ...REPORT_HEADERS },
    });
    try {
      const query = readReportQuery(request.query);
      const access = dependencies.history();
      if (!access.enabled) {
        invocation.warn(`report: ${access.reason}`);
        return answer(503, renderErrorPage(503, access.reason));
      }
      const notices: string[] = [];
      const noteUnreadable = (problems: readonly StoredRecordError[]): void => {
        if (problems.length === 0) return;
        for (const problem of problems) invocation.warn(`report: skipped a stored row: ${problem.message}`);
        notices.push(
          `${problems.length} stored ${problems.length === 1 ? 'row' : 'rows'} could not be read and ${problems.length === 1 ? 'is' : 'are'} not shown: ${problems[0]?.message ?? ''}`,
        );
      };

      if (query.kind === 'series') {
        const list = await access.history.listSeries();
        noteUnreadable(list.unreadable);
        return answer(200, renderSeriesPicker({ series: list.series, notices, generatedAt: clock.now() }));
      }

      const page = await access.history.list({
        service: query.service,
        comparison: query.comparison,
        limit: query.limit,
      });
      noteUnreadable(page.unreadable);
      let evaluations: readonly RecordedEvaluation[] = page.evaluations;
      const wanted = query.evaluationId;
      if (wanted !== undefined && !evaluations.some((item) => item.evaluationId === wanted)) {
        // An older evaluation (a link from an old release log) is shown with the recent ones.
        let found: RecordedEvaluation | undefined;
        try {
          found = await access.history.find(query.service, query.comparison, wanted);
        } catch (error) {
          if (!(error instanceof StoredRecordError)) throw error;
          noteUnreadable([error]);
        }
        if (found === undefined) {
          notices.push(
            `Evaluation ${wanted} is not recorded for this service and comparison: it may be past the retention period. The latest evaluation is shown instead.`,
          );
        } else {
          evaluations = [...evaluations, found].sort((a, b) => b.evaluatedAt - a.evaluatedAt);
        }
      }
      return answer(
        200,
        renderReportPage({
          service: query.service,
          comparison: query.comparison,
          evaluations,
          ...(wanted === undefined ? {} : { selectedEvaluationId: wanted }),
          notices,
          generatedAt: clock.now(),
        }),
      );
    } catch (error) {
      const failure = mapHistoryError(error);
      if (failure.status >= 500) {
        invocation.error(`report: answered ${failure.status}: ${failure.message}`);
        if (failure.status === 500 && error instanceof Error) invocation.error(error.stack ?? error.message);
      }
      return answer(failure.status, renderErrorPage(failure.status, failure.message));
    }
  };
}
