import { type DynatraceClient } from '../lib/dynatrace';
import { queryTimeseriesV1 } from '../lib/gate/query-timeseries-v1';
import {
  combineV1Totals,
  evaluatePlan,
  type EvaluationPlan,
  type EvaluationResult,
  planTimeseriesV1,
} from '../lib/monspec';

/** What the originals' way of querying produced. */
export interface OriginalsEvaluation {
  readonly result: EvaluationResult;
  /** Dynatrace requests made: one per metric per environment. */
  readonly requests: number;
}

/**
 * The baseline the gate is measured against: how the original implementations queried Dynatrace
 * (original-implementations §3.2 and §6) — one Timeseries API v1 request per metric per environment,
 * `queryMode=TOTAL`, sent one after the other. It uses the real v1 client and the same plan, values and
 * judgement as the gate, so that only the way of querying differs; the verdict is comparable.
 */
export async function queryLikeTheOriginals(
  client: Pick<DynatraceClient, 'v1'>,
  plan: EvaluationPlan,
): Promise<OriginalsEvaluation> {
  const requests = planTimeseriesV1(plan);
  const source = new Map<string, number | null>();
  const compare = new Map<string, number | null>();
  for (const request of requests) {
    const totals = await queryTimeseriesV1(client, request);
    (request.role === 'source' ? source : compare).set(request.path, combineV1Totals(request, totals).value);
  }
  return { result: evaluatePlan(plan, { source, compare }), requests: requests.length };
}
