import { type Monspec, validateMonspec } from '../lib/monspec';

/** The entity definition and comparison every gate benchmark evaluates. */
export const BENCH_SERVICE = 'SampleJSonService';
export const BENCH_COMPARISON = 'StagingToProduction';

/** The seed 002 performance signature: the four metrics of the original tutorial. */
const SEED_SIGNATURE = [
  { timeseries: 'com.dynatrace.builtin:service.responsetime', aggregate: 'avg' },
  { timeseries: 'com.dynatrace.builtin:service.responsetime', aggregate: 'max' },
  { timeseries: 'com.dynatrace.builtin:service.failurerate', aggregate: 'avg' },
  { timeseries: 'com.dynatrace.builtin:service.requestspermin', aggregate: 'count', validate: 'lower' },
] as const;

/** Further distinct metrics (each a different Metrics v2 selector, each with a v1 equivalent). */
const MORE_METRICS: readonly { readonly timeseries: string; readonly aggregate: string }[] = [
  ...['min', 'median', 'p90', 'p95', 'p99'].map((aggregate) => ({
    timeseries: 'service.responsetime',
    aggregate,
  })),
  ...['max', 'min'].map((aggregate) => ({ timeseries: 'service.failurerate', aggregate })),
  ...['serversidefailurerate', 'clientsidefailurerate'].flatMap((timeseries) =>
    ['avg', 'max', 'min'].map((aggregate) => ({ timeseries: `service.${timeseries}`, aggregate })),
  ),
  { timeseries: 'service.errorcounthttp5xx', aggregate: 'sum' },
  { timeseries: 'service.errorcounthttp4xx', aggregate: 'sum' },
  // Percentiles fill the rest: p5, p10, … p85 and p96–p98 are all distinct selectors.
  ...[5, 10, 15, 20, 25, 30, 35, 40, 45, 55, 60, 65, 70, 75, 80, 85, 96, 97, 98, 1, 2, 3, 4].map(
    (percentile) => ({
      timeseries: 'service.responsetime',
      aggregate: `p${percentile}`,
    }),
  ),
];

/**
 * The seed 002 sample-app monspec document (Staging compared with Production, found by their
 * `DeploymentGroup` tags) with a performance signature of `metricCount` distinct metrics: the tutorial's four
 * first, then more aggregates and metrics of the same services.
 *
 * @throws RangeError when more metrics are asked for than there are distinct ones to choose from.
 */
export function benchMonspecDocument(metricCount: number): Record<string, unknown> {
  const signature = [...SEED_SIGNATURE, ...MORE_METRICS].slice(0, metricCount);
  if (!Number.isInteger(metricCount) || metricCount < 1 || signature.length < metricCount) {
    throw new RangeError(
      `metricCount must be a whole number from 1 to ${SEED_SIGNATURE.length + MORE_METRICS.length}; found ${metricCount}`,
    );
  }
  const tagOf = (value: string) => ({ context: 'CONTEXTLESS', key: 'DeploymentGroup', value });
  return {
    [BENCH_SERVICE]: {
      etype: 'SERVICE',
      environments: {
        Staging: { tags: [tagOf('Staging')] },
        Production: { tags: [tagOf('Production')] },
      },
      comparisons: [
        {
          name: BENCH_COMPARISON,
          source: 'Staging',
          compare: 'Production',
          scalefactorperc: { default: 15, 'com.dynatrace.builtin:service.requestspermin': 90 },
        },
      ],
      perfsignature: signature,
    },
  };
}

/** {@link benchMonspecDocument}, validated as the gate validates it. */
export function buildBenchMonspec(metricCount: number): Monspec {
  return validateMonspec(benchMonspecDocument(metricCount)).monspec;
}
