import { type CallOptions, type DynatraceClient, type TimeseriesResult } from '../dynatrace';
import { type V1Request } from '../monspec';

/**
 * Sends one planned Timeseries API v1 request (`queryMode=TOTAL`) and returns the total of every entity
 * that had data, ready for `combineV1Totals`. With TOTAL each entity has one data point for the whole
 * window; entities without data have none.
 */
export async function queryTimeseriesV1(
  reader: Pick<DynatraceClient, 'v1'>,
  request: V1Request,
  options?: CallOptions,
): Promise<number[]> {
  const answer = await reader.v1.queryTimeseries(
    request.timeseriesId,
    {
      aggregationType: request.aggregationType,
      percentile: request.percentile,
      queryMode: request.queryMode,
      startTimestamp: request.startTimestamp,
      endTimestamp: request.endTimestamp,
      ...('tags' in request ? { tags: request.tags } : { entities: request.entities }),
    },
    options,
  );
  return perEntityTotals(answer);
}

function perEntityTotals(answer: TimeseriesResult): number[] {
  const totals: number[] = [];
  for (const points of Object.values(answer.dataResult.dataPoints)) {
    const value = points.find((point) => point[1] !== null)?.[1];
    if (typeof value === 'number') totals.push(value);
  }
  return totals;
}
