import { type V1Request } from './plan-timeseries-v1';
import { toDisplayValue } from './to-display-value';

/** An environment-wide value computed from v1 per-entity totals. */
export interface CombinedTotal {
  /** Display value, or `null` when no entity had data. */
  readonly value: number | null;
  /** False when the value only approximates what Dynatrace would compute across all entities. */
  readonly exact: boolean;
  /** Why the value is approximate; present exactly when `exact` is false. */
  readonly note?: string;
}

/**
 * Combines the per-entity totals of a v1 `queryMode=TOTAL` answer into one environment-wide value and
 * converts it for display. Min, max, sums and counts combine exactly. An average, median or percentile of
 * several entities cannot be recovered from per-entity totals without their request counts, so the
 * unweighted mean stands in and the result says it is an approximation.
 */
export function combineV1Totals(request: V1Request, perEntityTotals: readonly number[]): CombinedTotal {
  const totals = perEntityTotals.filter((total) => Number.isFinite(total));
  if (totals.length === 0) return { value: null, exact: true };
  const raw = combine(request.aggregationType, totals);
  const windowMinutes = (request.endTimestamp - request.startTimestamp) / 60_000;
  const value = toDisplayValue(raw, request.conversion, windowMinutes);
  if (totals.length === 1 || !['AVG', 'MEDIAN', 'PERCENTILE'].includes(request.aggregationType)) {
    return { value, exact: true };
  }
  const what =
    request.aggregationType === 'PERCENTILE'
      ? `p${String(request.percentile)}`
      : request.aggregationType.toLowerCase();
  return {
    value,
    exact: false,
    note:
      `${request.role} value approximated: the unweighted mean of ${totals.length} entities' ${what} ` +
      '(Timeseries API v1 reports one total per entity)',
  };
}

function combine(aggregationType: V1Request['aggregationType'], totals: readonly number[]): number {
  switch (aggregationType) {
    case 'MIN':
      return Math.min(...totals);
    case 'MAX':
      return Math.max(...totals);
    case 'SUM':
    case 'COUNT':
      return sum(totals);
    case 'AVG':
    case 'MEDIAN':
    case 'PERCENTILE':
      return sum(totals) / totals.length;
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
