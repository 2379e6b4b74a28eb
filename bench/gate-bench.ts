import { HttpRequest, InvocationContext } from '@azure/functions';

import { createGateHandler } from '../gate-function/src/create-gate-handler';
import { readGateSettings } from '../gate-function/src/gate-settings';
import { createDynatraceClient } from '../lib/dynatrace';
import { evaluateComparison } from '../lib/gate/evaluate-comparison';
import { planEvaluation } from '../lib/monspec';
import { sampleAppScenario, startDynatraceSimulator } from '../sim/dynatrace';
import { type BenchRow, type BenchTarget, type SuiteResult } from './bench-report';
import { BENCH_COMPARISON, BENCH_SERVICE, benchMonspecDocument, buildBenchMonspec } from './bench-monspec';
import { queryLikeTheOriginals } from './query-like-the-originals';
import { summarizeSamples } from './summarize-samples';
import { timeRuns } from './time-runs';

/** How the gate suite runs. */
export interface GateBenchOptions {
  /** Runs per case of the gate (cheap: about one round trip each). */
  readonly runs: number;
  /** Runs per case of the v1 ways of querying (expensive: up to 2 × metrics round trips each). */
  readonly baselineRuns: number;
  /** Latency injected on every metrics route of the simulator. */
  readonly latencyMs: number;
  readonly metricCounts: readonly number[];
}

const METRICS_ROUTES = /^\/api\/(v2\/metrics\/query|v1\/timeseries\/)/;
const WINDOW_MINUTES = 5;
/** The ratio to one round trip the gate's wall time must stay within (issue 9). */
const ROUND_TRIP_FACTOR = 1.5;
/** DESIGN §8: the gate's p99 against a simulator with 100 ms latency. */
const GATE_P99_LIMIT_MS = 2_000;

/**
 * Gate evaluation against the Dynatrace simulator with `latencyMs` on every metrics route: requests and wall
 * time of the gate's planner (lib/gate, Metrics v2, and its v1 setting), of the originals' sequential
 * one-request-per-metric-per-environment approach, of one round trip (the floor), and of the whole gate
 * function handler; all measured in the same run against the same simulator.
 */
export async function runGateBench(options: GateBenchOptions): Promise<SuiteResult> {
  const now = Date.now();
  const sim = await startDynatraceSimulator({ scenario: sampleAppScenario({ now }) });
  try {
    sim.faults.add({ path: METRICS_ROUTES, kind: 'latency', ms: options.latencyMs });
    const client = createDynatraceClient({
      environmentUrl: sim.url,
      apiToken: sim.token,
      userAgent: 'unbreakable-pipeline-bench',
    });
    const endMs = now - 60_000;
    const request = {
      service: BENCH_SERVICE,
      comparison: BENCH_COMPARISON,
      windowMinutes: WINDOW_MINUTES,
      endMs,
    };
    /** Runs `work` and counts the metrics requests the simulator received meanwhile. */
    const counted = async <T>(work: () => Promise<T>): Promise<{ value: T; requests: number }> => {
      const before = sim.requests.filter((recorded) => METRICS_ROUTES.test(recorded.path)).length;
      const value = await work();
      const after = sim.requests.filter((recorded) => METRICS_ROUTES.test(recorded.path)).length;
      return { value, requests: after - before };
    };
    const rows: BenchRow[] = [];
    const targets: BenchTarget[] = [];

    const floor = await timeRuns({ runs: options.runs }, () =>
      client.queryMetrics({
        metricSelector: 'builtin:service.response.time:splitBy():avg',
        from: endMs - WINDOW_MINUTES * 60_000,
        to: endMs,
        resolution: 'Inf',
        entitySelector: 'type(SERVICE),tag("DeploymentGroup:Staging")',
      }),
    );
    const floorTiming = summarizeSamples(floor.samples);
    rows.push({
      suite: 'gate',
      case: 'one round trip (the floor)',
      runs: options.runs,
      timing: floorTiming,
      figures: { requests: 1 },
    });

    for (const metricCount of options.metricCounts) {
      const monspec = buildBenchMonspec(metricCount);
      const plan = planEvaluation(monspec, request);
      const label = `${metricCount} metrics`;

      const ours = await timeRuns({ runs: options.runs }, () =>
        counted(() => evaluateComparison(client, { monspec, request })),
      );
      const oursTiming = summarizeSamples(ours.samples);
      const oursRequests = Math.max(...ours.results.map((run) => run.requests));
      const oursVerdict = ours.results[0]?.value.result.status ?? 'none';
      rows.push({
        suite: 'gate',
        case: `${label} · gate (Metrics v2)`,
        runs: options.runs,
        timing: oursTiming,
        figures: {
          requests: oursRequests,
          '× round trip': round(oursTiming.median / floorTiming.median),
          verdict: oursVerdict,
        },
      });

      // The client and the simulator are warm by now; these slow cases need no warm-up run of their own.
      const legacy = await timeRuns({ runs: options.baselineRuns, warmUp: 0 }, () =>
        counted(() => evaluateComparison(client, { monspec, request, api: 'v1' })),
      );
      const legacyTiming = summarizeSamples(legacy.samples);
      rows.push({
        suite: 'gate',
        case: `${label} · gate (Timeseries v1 setting, 4 at a time)`,
        runs: options.baselineRuns,
        timing: legacyTiming,
        figures: {
          requests: Math.max(...legacy.results.map((run) => run.requests)),
          '× round trip': round(legacyTiming.median / floorTiming.median),
        },
      });

      const originals = await timeRuns({ runs: options.baselineRuns, warmUp: 0 }, () =>
        counted(() => queryLikeTheOriginals(client, plan)),
      );
      const originalsTiming = summarizeSamples(originals.samples);
      const originalsRequests = Math.max(...originals.results.map((run) => run.requests));
      const originalsVerdict = originals.results[0]?.value.result.status ?? 'none';
      rows.push({
        suite: 'gate',
        case: `${label} · originals (v1, one per metric per environment, sequential)`,
        runs: options.baselineRuns,
        timing: originalsTiming,
        figures: {
          requests: originalsRequests,
          '× round trip': round(originalsTiming.median / floorTiming.median),
          '× gate': round(originalsTiming.median / oursTiming.median),
          verdict: originalsVerdict,
        },
      });

      const requestLimit = 2 * Math.ceil(metricCount / 10);
      targets.push(
        {
          name:
            metricCount <= 10
              ? `gate requests ≤ 2 per comparison (${label})`
              : `gate requests ≤ 1 per window per 10 metrics (${label}: ≤ ${requestLimit})`,
          measured: `${oursRequests}`,
          met: oursRequests <= requestLimit,
          hard: true,
        },
        {
          name: `gate wall time ≤ ${ROUND_TRIP_FACTOR}× one round trip (${label})`,
          measured: `${round(oursTiming.median / floorTiming.median)}× (${ms(oursTiming.median)} vs ${ms(floorTiming.median)})`,
          met: oursTiming.median <= ROUND_TRIP_FACTOR * floorTiming.median,
          hard: false,
        },
        {
          name: `originals' baseline makes one request per metric per environment (${label}: ${2 * metricCount})`,
          measured: `${originalsRequests}`,
          met: originalsRequests === 2 * metricCount,
          hard: true,
        },
      );
    }

    const handlerMetrics = 10;
    const handler = createGateHandler({
      settings: readGateSettings({ DT_URL: sim.url, DT_API_TOKEN: sim.token }),
    });
    const body = JSON.stringify({
      monspec: benchMonspecDocument(handlerMetrics),
      service: BENCH_SERVICE,
      comparison: BENCH_COMPARISON,
      end: endMs,
    });
    const statuses = new Set<number>();
    const gateRuns = await timeRuns({ runs: options.runs }, async () => {
      const response = await handler(
        new HttpRequest({
          method: 'POST',
          url: 'http://127.0.0.1/api/gate',
          headers: { 'content-type': 'application/json' },
          body: { string: body },
        }),
        new InvocationContext({ invocationId: 'bench', functionName: 'gate', logHandler: () => undefined }),
      );
      statuses.add(response.status ?? 200);
    });
    const gateTiming = summarizeSamples(gateRuns.samples);
    rows.push({
      suite: 'gate',
      case: `${handlerMetrics} metrics · gate function handler (request to answer)`,
      runs: options.runs,
      timing: gateTiming,
      figures: {
        '× round trip': round(gateTiming.median / floorTiming.median),
        statuses: [...statuses].join(' '),
      },
    });
    targets.push(
      {
        name: `gate function answers 200 (${handlerMetrics} metrics)`,
        measured: [...statuses].join(', '),
        met: statuses.size === 1 && statuses.has(200),
        hard: true,
      },
      {
        name: `gate function p99 ≤ ${GATE_P99_LIMIT_MS / 1000} s with ${options.latencyMs} ms latency (${handlerMetrics} metrics)`,
        measured: ms(gateTiming.p99),
        met: gateTiming.p99 <= GATE_P99_LIMIT_MS,
        hard: false,
      },
    );
    return { rows, targets };
  } finally {
    await sim.close();
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function ms(value: number): string {
  return `${Math.round(value)} ms`;
}
