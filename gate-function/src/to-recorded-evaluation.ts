import { type RecordedEvaluation } from '../../lib/store';
import { type EvaluationRecord } from './evaluation-record';
import { readPipelineIdentity } from './read-pipeline-identity';

/**
 * What the history keeps of an evaluation: the verdict, the two windows, each entry's values, threshold and
 * status, who asked (see readPipelineIdentity) and the request's own `context` as sent.
 */
export function toRecordedEvaluation(record: EvaluationRecord): RecordedEvaluation {
  const { result, context } = record;
  const pipeline = readPipelineIdentity(context);
  return {
    evaluationId: record.evaluationId,
    evaluatedAt: Date.parse(record.evaluatedAt),
    service: result.service,
    comparison: result.comparison,
    status: result.status,
    summary: result.summary,
    totalViolations: result.totalViolations,
    windowMinutes: result.windowMinutes,
    source: { ...result.source },
    compare: { ...result.compare },
    results: result.results.map((entry) => ({
      metric: entry.metric,
      key: entry.key,
      aggregate: entry.aggregate,
      validate: entry.validate,
      unit: entry.unit,
      source: entry.source,
      compare: entry.compare,
      threshold: entry.threshold,
      limitKind: entry.limitKind,
      status: entry.status,
      outcome: entry.outcome,
      reason: entry.reason,
    })),
    ...(pipeline === undefined ? {} : { pipeline }),
    ...(context.request === undefined ? {} : { requestContext: context.request }),
    monspecOrigin: record.monspecOrigin,
  };
}
