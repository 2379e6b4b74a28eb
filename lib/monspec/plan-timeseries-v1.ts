import { appendJsonPath } from './append-json-path';
import { formatTag } from './format-tag';
import { type DisplayConversion } from './metric-catalog';
import { MonspecRequestError } from './monspec-request-error';
import { type TimeseriesAggregationType } from './plan-entry';
import { type EvaluationPlan, type WindowPlan } from './plan-evaluation';

/**
 * One Timeseries API v1 query (`GET /api/v1/timeseries/{timeseriesId}` with `includeData=true`): one
 * entry, one window, one total per entity. Entities are found either by tags (all must match, v1 form
 * `[Context]key:value`) or by explicit IDs.
 */
export type V1Request = {
  readonly role: 'source' | 'compare';
  /** The entry path (`perfsignature[2]`), the key of window values. */
  readonly path: string;
  readonly timeseriesId: string;
  readonly aggregationType: TimeseriesAggregationType;
  /** Whole percentile 1–99, only with `PERCENTILE`. */
  readonly percentile?: number;
  readonly startTimestamp: number;
  readonly endTimestamp: number;
  readonly queryMode: 'TOTAL';
  /** Turns the combined raw total into the display value, see {@link combineV1Totals}. */
  readonly conversion: DisplayConversion;
} & ({ readonly tags: readonly string[] } | { readonly entities: readonly string[] });

/**
 * Plans the legacy Timeseries API v1 queries of an evaluation, for tenants without Metrics v2: one request
 * per entry per window, with the same windows and entities as the Metrics v2 plan.
 *
 * @throws MonspecRequestError for an entry v1 cannot express: a Metrics v2 key outside the catalog, a
 *   verbatim selector, or a fractional percentile.
 */
export function planTimeseriesV1(plan: EvaluationPlan): V1Request[] {
  const requests: V1Request[] = [];
  for (const window of [plan.source, plan.compare]) {
    for (const entry of plan.entries) {
      const entryPath = `${appendJsonPath('', plan.service)}.${entry.path}`;
      const query = entry.timeseries;
      if (query === undefined) {
        throw new MonspecRequestError(
          entryPath,
          `${JSON.stringify(entry.key)} has no Timeseries API v1 equivalent; evaluate this monspec with Metrics API v2`,
        );
      }
      if (query.percentile !== undefined && !Number.isInteger(query.percentile)) {
        throw new MonspecRequestError(
          entryPath,
          `the Timeseries API v1 accepts whole percentiles only, found p${query.percentile}; use Metrics API v2`,
        );
      }
      requests.push({
        role: window.role,
        path: entry.path,
        ...query,
        startTimestamp: window.fromMs,
        endTimestamp: window.toMs,
        queryMode: 'TOTAL',
        conversion: entry.conversion,
        ...entitiesOf(window),
      });
    }
  }
  return requests;
}

function entitiesOf(window: WindowPlan): { tags: string[] } | { entities: string[] } {
  const { match } = window.environment;
  if (match.kind === 'entities') return { entities: [...match.entities] };
  return { tags: match.tags.map((tag) => formatTag(tag, { escapeKey: false })) };
}
