import { type EvaluationSeries, type RecordedEvaluation, type RecordedStatus } from './evaluation-history';
import { SERIES_INDEX_PARTITION } from './evaluation-keys';
import { RowReader } from './row-reader';

/** The properties of a series' index row (keys excluded). */
export type SeriesIndexRow = Record<string, string>;

const STATUSES: readonly RecordedStatus[] = ['pass', 'warning', 'fail'];

/**
 * The index row of the series an evaluation belongs to: names the series (its partition key may be a hash)
 * and carries the latest verdict, so that listing the series is one query on one partition, and a series
 * that has not been evaluated within the retention period can be found and deleted.
 */
export function toSeriesIndexRow(evaluation: RecordedEvaluation): SeriesIndexRow {
  return {
    service: evaluation.service,
    comparison: evaluation.comparison,
    latestEvaluationId: evaluation.evaluationId,
    // ISO 8601 strings of toISOString() compare like the times they name, so OData can filter on them.
    latestEvaluatedAt: new Date(evaluation.evaluatedAt).toISOString(),
    latestStatus: evaluation.status,
  };
}

/**
 * Reads a series' index row back.
 *
 * @throws StoredRecordError naming the property that is malformed.
 */
export function readSeriesIndexRow(
  tableName: string,
  rowKey: string,
  row: Readonly<Record<string, unknown>>,
): EvaluationSeries {
  const read = new RowReader(tableName, SERIES_INDEX_PARTITION, rowKey, row);
  return {
    service: read.string('service'),
    comparison: read.string('comparison'),
    latestEvaluationId: read.string('latestEvaluationId'),
    latestEvaluatedAt: read.time('latestEvaluatedAt'),
    latestStatus: read.oneOf('latestStatus', STATUSES),
  };
}
