import { appendJsonPath } from './append-json-path';
import { describeJsonValue } from './describe-json-value';
import { isJsonObject, ownValue } from './json-object';
import { MetricResponseError } from './metric-response-error';
import { MonspecRequestError } from './monspec-request-error';
import { type EvaluationPlan, type WindowPlan } from './plan-evaluation';
import { toDisplayValue } from './to-display-value';

/** The part of a Metrics API v2 `GET /api/v2/metrics/query` body that the gate reads. */
export interface MetricSeriesResponse {
  readonly result: readonly {
    readonly metricId: string;
    readonly data: readonly { readonly values: readonly (number | null)[] }[];
  }[];
}

/**
 * Display values of one window, keyed by entry path (`perfsignature[2]`, as in {@link EntryResult.path});
 * `null` means Dynatrace had no data. Keyed by entry rather than selector because two entries may share a
 * selector but not a conversion.
 */
export type WindowValues = ReadonlyMap<string, number | null>;

/**
 * Reads each entry's value for one window from the Metrics API v2 bodies of that window's queries
 * (`resolution=Inf`): the single value of the single merged series whose `metricId` echoes the entry's
 * selector, converted to the display unit (µs → ms, window total → per minute). No series, no values or a
 * `null` value is missing data (`null`); results that match no entry are ignored.
 *
 * @throws MetricResponseError when a body does not have the Metrics v2 shape.
 * @throws MonspecRequestError when a verbatim selector of the monspec yields several series.
 */
export function readWindowValues(
  window: WindowPlan,
  plan: EvaluationPlan,
  responses: readonly MetricSeriesResponse[],
): WindowValues {
  const series = collectSeries(responses);
  const values = new Map<string, number | null>();
  for (const entry of plan.entries) {
    const found = series.get(entry.selector) ?? series.get(withoutWhitespace(entry.selector));
    if (found !== undefined && found.data.length > 1) {
      throw new MonspecRequestError(
        `${appendJsonPath('', plan.service)}.${entry.path}`,
        `the selector ${JSON.stringify(entry.selector)} returned ${found.data.length} series in ${window.environment.name}; ` +
          'a perfsignature selector must merge all entities into one series (end it with :splitBy() and an aggregation)',
      );
    }
    const raw = found?.data[0] ?? null;
    values.set(entry.path, raw === null ? null : toDisplayValue(raw, entry.conversion, plan.windowMinutes));
  }
  return values;
}

interface Series {
  readonly data: readonly (number | null)[];
}

/**
 * Maps each result's metricId (as sent, and without whitespace) to its per-series single values. The
 * bodies come straight off the wire, so their shape is checked rather than trusted: a malformed body must
 * become a MetricResponseError with a path, not a TypeError.
 */
function collectSeries(responses: readonly unknown[]): Map<string, Series> {
  const series = new Map<string, Series>();
  responses.forEach((response, responseIndex) => {
    const responsePath = appendJsonPath('responses', responseIndex);
    const results = isJsonObject(response) ? ownValue(response, 'result') : undefined;
    if (!Array.isArray(results)) {
      throw new MetricResponseError(
        appendJsonPath(responsePath, 'result'),
        `expected a list of metric results, found ${describeJsonValue(results)}`,
      );
    }
    results.forEach((result: unknown, resultIndex) => {
      const resultPath = appendJsonPath(appendJsonPath(responsePath, 'result'), resultIndex);
      const metricId = isJsonObject(result) ? ownValue(result, 'metricId') : undefined;
      const data = isJsonObject(result) ? ownValue(result, 'data') : undefined;
      if (typeof metricId !== 'string') {
        throw new MetricResponseError(
          appendJsonPath(resultPath, 'metricId'),
          `expected a string, found ${describeJsonValue(metricId)}`,
        );
      }
      if (!Array.isArray(data)) {
        throw new MetricResponseError(
          appendJsonPath(resultPath, 'data'),
          `expected a list of series, found ${describeJsonValue(data)}`,
        );
      }
      const entry = {
        data: data.map((item: unknown, index) =>
          singleValue(item, appendJsonPath(appendJsonPath(resultPath, 'data'), index)),
        ),
      };
      series.set(metricId, entry);
      // Dynatrace echoes the selector it received; tolerate it normalising the spacing of a verbatim one.
      if (!series.has(withoutWhitespace(metricId))) series.set(withoutWhitespace(metricId), entry);
    });
  });
  return series;
}

/** The value of a `resolution=Inf` series: its only slot, or `null` when the slot is empty or null. */
function singleValue(series: unknown, path: string): number | null {
  const values = isJsonObject(series) ? ownValue(series, 'values') : undefined;
  if (!Array.isArray(values)) {
    throw new MetricResponseError(
      appendJsonPath(path, 'values'),
      `expected a list of values, found ${describeJsonValue(values)}`,
    );
  }
  if (values.length > 1) {
    throw new MetricResponseError(
      appendJsonPath(path, 'values'),
      `expected one value per series (query with resolution=Inf), found ${values.length}`,
    );
  }
  const [value] = values as unknown[];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new MetricResponseError(
      appendJsonPath(appendJsonPath(path, 'values'), 0),
      `expected a number or null, found ${describeJsonValue(value)}`,
    );
  }
  return value;
}

function withoutWhitespace(selector: string): string {
  return selector.replace(/\s+/g, '');
}
