import { type RecordedEvaluation, type RecordedResult } from '../../../lib/store';
import { formatShortTime } from './format-report-values';

/** One evaluation's values of one metric. */
export interface MetricPoint {
  readonly evaluationId: string;
  readonly evaluatedAt: number;
  /** The x-axis label: the release or run name when known, else the time. */
  readonly label: string;
  readonly source: number | null;
  readonly compare: number | null;
  readonly threshold: number | null;
  /** `absent`: the metric was not part of that evaluation (the monspec changed). */
  readonly status: RecordedResult['status'] | 'absent';
  readonly reason?: string;
}

/** One metric across evaluations, oldest first. */
export interface MetricSeries {
  /** Position-based, safe in element ids. */
  readonly id: string;
  readonly metric: string;
  readonly key: string;
  readonly aggregate: string;
  readonly validate: 'upper' | 'lower';
  readonly unit: string;
  readonly limitKind: 'relative' | 'static';
  /** The environments of the newest evaluation. */
  readonly sourceEnvironment: string;
  readonly compareEnvironment: string;
  readonly points: readonly MetricPoint[];
}

/**
 * Pivots evaluations (any order) into one series per metric, oldest evaluation first. A metric is identified
 * by its key, aggregate and validate, so renaming a label does not split a series; labels, units and
 * environments come from the newest evaluation that has the metric. Metrics are ordered as in the newest
 * evaluation, then metrics only older evaluations had.
 */
export function buildMetricSeries(evaluations: readonly RecordedEvaluation[]): MetricSeries[] {
  const chronological = [...evaluations].sort(
    (a, b) => a.evaluatedAt - b.evaluatedAt || a.evaluationId.localeCompare(b.evaluationId),
  );
  const newestFirst = [...chronological].reverse();
  const order: string[] = [];
  const latest = new Map<string, { result: RecordedResult; evaluation: RecordedEvaluation }>();
  for (const evaluation of newestFirst) {
    for (const result of evaluation.results) {
      const id = metricIdentity(result);
      if (!latest.has(id)) {
        latest.set(id, { result, evaluation });
        order.push(id);
      }
    }
  }
  return order.map((identity, index) => {
    const { result, evaluation } = latest.get(identity) as {
      result: RecordedResult;
      evaluation: RecordedEvaluation;
    };
    return {
      id: `metric-${index + 1}`,
      metric: result.metric,
      key: result.key,
      aggregate: result.aggregate,
      validate: result.validate,
      unit: result.unit,
      limitKind: result.limitKind,
      sourceEnvironment: evaluation.source.environment,
      compareEnvironment: evaluation.compare.environment,
      points: chronological.map((item) => toPoint(item, identity)),
    };
  });
}

/** The x-axis label of an evaluation. */
export function evaluationLabel(evaluation: RecordedEvaluation): string {
  const pipeline = evaluation.pipeline;
  return (
    pipeline?.releaseName ??
    pipeline?.runName ??
    (pipeline?.releaseId === undefined ? undefined : `Release ${pipeline.releaseId}`) ??
    (pipeline?.runId === undefined ? undefined : `Run ${pipeline.runId}`) ??
    formatShortTime(evaluation.evaluatedAt)
  );
}

function metricIdentity(result: RecordedResult): string {
  return JSON.stringify([result.key, result.aggregate, result.validate]);
}

function toPoint(evaluation: RecordedEvaluation, identity: string): MetricPoint {
  const base = {
    evaluationId: evaluation.evaluationId,
    evaluatedAt: evaluation.evaluatedAt,
    label: evaluationLabel(evaluation),
  };
  const result = evaluation.results.find((candidate) => metricIdentity(candidate) === identity);
  if (result === undefined) {
    return { ...base, source: null, compare: null, threshold: null, status: 'absent' };
  }
  return {
    ...base,
    source: result.source,
    compare: result.compare,
    threshold: result.threshold,
    status: result.status,
    reason: result.reason,
  };
}
