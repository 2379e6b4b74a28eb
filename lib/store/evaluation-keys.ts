import { createHash } from 'node:crypto';

import { toRowKey } from './problem-row-key';

/**
 * Table keys of the evaluation history.
 *
 * PartitionKey = the series (service + comparison), so "the evaluations of service X, comparison Y, newest
 * first" is a query on one partition. RowKey = the inverted evaluation time (13 digits) + `-` + the
 * evaluation id: Table Storage returns a partition in ascending RowKey order, which is then newest first,
 * and a time bound is a RowKey range.
 */

/** The latest time a row key can express (epoch ms, the year 2286); inverted times stay 13 digits. */
export const MAX_RECORDABLE_TIME = 9_999_999_999_999;

/** The partition that lists every series (one row per series, RowKey = the series' partition key). */
export const SERIES_INDEX_PARTITION = 'series-index';

const PLAIN_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/**
 * The PartitionKey of a series: `service~comparison` when both are plain names (readable in Storage
 * Explorer), otherwise `sha256-<hex>` of both, because Table Storage forbids `/ \ # ?` and control characters
 * in keys. `~` never occurs in a plain name, so the readable form is unambiguous and never equals a hash or
 * the index partition.
 */
export function seriesPartitionKey(service: string, comparison: string): string {
  if (PLAIN_NAME.test(service) && PLAIN_NAME.test(comparison)) return `${service}~${comparison}`;
  return `sha256-${createHash('sha256')
    .update(JSON.stringify([service, comparison]), 'utf8')
    .digest('hex')}`;
}

/**
 * The RowKey of an evaluation: newer evaluations sort first; evaluations of the same millisecond are told
 * apart by their id.
 *
 * @throws RangeError when the time is not a whole number of milliseconds from 0 to {@link MAX_RECORDABLE_TIME}.
 */
export function evaluationRowKey(evaluatedAt: number, evaluationId: string): string {
  return `${invertedTime(evaluatedAt)}-${toRowKey(evaluationId)}`;
}

/**
 * A RowKey that splits a series at `time`: rows evaluated at or after `time` sort before it, rows evaluated
 * earlier sort after it.
 */
export function rowKeyTimeBound(time: number): string {
  // `~` sorts after `-` and after every digit, so all rows of the same millisecond fall before the bound.
  return `${invertedTime(time)}~`;
}

function invertedTime(time: number): string {
  if (!Number.isSafeInteger(time) || time < 0 || time > MAX_RECORDABLE_TIME) {
    throw new RangeError(
      `expected an evaluation time in whole epoch milliseconds from 0 to ${MAX_RECORDABLE_TIME}, found ${time}`,
    );
  }
  return String(MAX_RECORDABLE_TIME - time).padStart(13, '0');
}
