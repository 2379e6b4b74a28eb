import {
  type PipelineIdentity,
  type RecordedEvaluation,
  type RecordedResult,
  type RecordedStatus,
  type RecordedWindow,
} from '../../lib/store';
import { describePipeline } from './describe-pipeline';

/** One evaluation in the answer of `GET /api/evaluations`. */
export interface EvaluationJson {
  readonly evaluationId: string;
  /** ISO 8601 UTC. */
  readonly evaluatedAt: string;
  readonly service: string;
  readonly comparison: string;
  readonly status: RecordedStatus;
  readonly summary: string;
  readonly totalViolations: number;
  readonly windowMinutes: number;
  readonly source: RecordedWindow;
  readonly compare: RecordedWindow;
  readonly results: readonly RecordedResult[];
  readonly pipeline?: PipelineIdentity;
  /** The release summary or run results page, when the pipeline identity allows a link. */
  readonly azureDevOpsUrl?: string;
  /** The request's `context`, as sent. */
  readonly context?: Readonly<Record<string, unknown>>;
  readonly contextOmitted?: true;
  readonly monspecOrigin?: string;
  /** The report with this evaluation highlighted (without the function key). */
  readonly reportUrl: string;
}

/** The JSON form of a recorded evaluation. */
export function toEvaluationJson(evaluation: RecordedEvaluation, reportUrl: string): EvaluationJson {
  const azureDevOpsUrl = describePipeline(evaluation.pipeline)?.url;
  return {
    evaluationId: evaluation.evaluationId,
    evaluatedAt: new Date(evaluation.evaluatedAt).toISOString(),
    service: evaluation.service,
    comparison: evaluation.comparison,
    status: evaluation.status,
    summary: evaluation.summary,
    totalViolations: evaluation.totalViolations,
    windowMinutes: evaluation.windowMinutes,
    source: evaluation.source,
    compare: evaluation.compare,
    results: evaluation.results,
    ...(evaluation.pipeline === undefined ? {} : { pipeline: evaluation.pipeline }),
    ...(azureDevOpsUrl === undefined ? {} : { azureDevOpsUrl }),
    ...(evaluation.requestContext === undefined ? {} : { context: evaluation.requestContext }),
    ...(evaluation.requestContextOmitted === true ? { contextOmitted: true as const } : {}),
    ...(evaluation.monspecOrigin === undefined ? {} : { monspecOrigin: evaluation.monspecOrigin }),
    reportUrl,
  };
}
