import { type DynatraceClient, type MetricData } from '../dynatrace';
import {
  combineV1Totals,
  evaluatePlan,
  type EvaluationPlan,
  type EvaluationRequest,
  type EvaluationResult,
  type Monspec,
  MonspecRequestError,
  planEvaluation,
  planTimeseriesV1,
  readWindowValues,
  type WindowPlan,
  type WindowValues,
} from '../monspec';
import { queryTimeseriesV1 } from './query-timeseries-v1';

/** Which Dynatrace API reads the metrics: Metrics API v2, or the Timeseries API v1 of legacy tenants. */
export type MetricsApiVersion = 'v2' | 'v1';

/** The Dynatrace calls an evaluation needs. */
export type MetricsReader = Pick<DynatraceClient, 'queryMetrics' | 'v1'>;

export interface EvaluateComparisonInput {
  readonly monspec: Monspec;
  readonly request: EvaluationRequest;
  /** Default `v2`. */
  readonly api?: MetricsApiVersion;
  /** Epoch ms by which every Dynatrace call must be done (retries included). */
  readonly deadline?: number;
  readonly signal?: AbortSignal;
}

export interface ComparisonEvaluation {
  readonly plan: EvaluationPlan;
  readonly result: EvaluationResult;
  /** Dynatrace requests made (for logs and benchmarks). */
  readonly requests: number;
}

/** The Timeseries API v1 takes one metric per request; this many run at once. */
const V1_CONCURRENCY = 4;

/**
 * Evaluates one monspec comparison against Dynatrace (DESIGN §3): plans it, reads both windows concurrently
 * (Metrics v2: one request per window per ten metrics, `resolution=Inf`, merged across entities), and judges
 * the values. The first failing request cancels the others, and its error is rethrown unchanged.
 *
 * @throws MonspecRequestError for an unknown service or comparison, a window that would start before 1970,
 *   or a monspec v1 cannot express.
 * @throws the client's errors (HttpError / DynatraceApiError) when Dynatrace fails after its retries.
 */
export async function evaluateComparison(
  reader: MetricsReader,
  input: EvaluateComparisonInput,
): Promise<ComparisonEvaluation> {
  const plan = planEvaluation(input.monspec, input.request);
  requireWindowsAfterEpoch(plan);
  const cancel = new AbortController();
  const signal = input.signal === undefined ? cancel.signal : AbortSignal.any([input.signal, cancel.signal]);
  const options = { deadline: input.deadline, signal };
  const failFast = <T>(promise: Promise<T>): Promise<T> =>
    promise.catch((error: unknown) => {
      cancel.abort();
      throw error;
    });

  if ((input.api ?? 'v2') === 'v1') {
    const { values, notes, requests } = await readV1(reader, plan, options, failFast);
    return { plan, result: evaluatePlan(plan, values, notes), requests };
  }

  // Identical windows (an environment compared with itself without a shift) are fetched once.
  const fetches = new Map<string, Promise<MetricData>>();
  const fetchQuery = (window: WindowPlan, metricSelector: string): Promise<MetricData> => {
    const key = JSON.stringify([window.entitySelector, window.fromMs, window.toMs, metricSelector]);
    let fetch = fetches.get(key);
    if (fetch === undefined) {
      fetch = failFast(
        reader.queryMetrics(
          {
            metricSelector,
            from: window.fromMs,
            to: window.toMs,
            resolution: 'Inf',
            entitySelector: window.entitySelector,
          },
          options,
        ),
      );
      fetches.set(key, fetch);
    }
    return fetch;
  };
  const readWindow = async (window: WindowPlan): Promise<WindowValues> => {
    const responses = await Promise.all(
      window.queries.map((query) => fetchQuery(window, query.metricSelector)),
    );
    return readWindowValues(window, plan, responses);
  };
  const [source, compare] = await Promise.all([readWindow(plan.source), readWindow(plan.compare)]);
  return { plan, result: evaluatePlan(plan, { source, compare }), requests: fetches.size };
}

/**
 * Dynatrace takes no time before 1970, and the client refuses one with a `RangeError`; an early window end
 * (say `0`, or a day's shift from an end an hour after the epoch) is the request's fault and is said so.
 */
function requireWindowsAfterEpoch(plan: EvaluationPlan): void {
  for (const window of [plan.source, plan.compare]) {
    if (window.fromMs >= 0) continue;
    const earliestEnd = plan.windowMinutes * 60_000 + window.shiftSeconds * 1000;
    const shift = window.shiftSeconds === 0 ? '' : `, shifted back ${window.shiftSeconds} s`;
    throw new MonspecRequestError(
      'endMs',
      `the ${window.role} window (${plan.windowMinutes} min${shift}) would start before 1970-01-01T00:00:00Z; ` +
        `expected a window end at or after ${new Date(earliestEnd).toISOString()} (${earliestEnd} epoch ms), ` +
        `found ${window.toMs + window.shiftSeconds * 1000}`,
    );
  }
}

async function readV1(
  reader: MetricsReader,
  plan: EvaluationPlan,
  options: { deadline: number | undefined; signal: AbortSignal },
  failFast: <T>(promise: Promise<T>) => Promise<T>,
): Promise<{
  values: { source: WindowValues; compare: WindowValues };
  notes: Map<string, string[]>;
  requests: number;
}> {
  const requests = planTimeseriesV1(plan);
  const totals = await mapWithConcurrency(requests, V1_CONCURRENCY, (request) =>
    failFast(queryTimeseriesV1(reader, request, options)),
  );
  const source = new Map<string, number | null>();
  const compare = new Map<string, number | null>();
  const notes = new Map<string, string[]>();
  requests.forEach((request, index) => {
    const combined = combineV1Totals(request, totals[index] ?? []);
    (request.role === 'source' ? source : compare).set(request.path, combined.value);
    if (combined.note !== undefined)
      notes.set(request.path, [...(notes.get(request.path) ?? []), combined.note]);
  });
  return { values: { source, compare }, notes, requests: requests.length };
}

async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  run: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
