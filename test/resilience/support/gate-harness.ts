import { HttpRequest, InvocationContext } from '@azure/functions';

import { createGateHandler, type GateHandler } from '../../../gate-function/src/create-gate-handler';
import { readGateSettings } from '../../../gate-function/src/gate-settings';
import { createDynatraceClient } from '../../../lib/dynatrace';
import { type FakeClock } from '../../support/fake-clock';

/** What the gate answered to one call, and what it logged. */
export interface GateCall {
  readonly status: number;
  /** The JSON body; loosely typed so tests can assert on nested fields. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary answer fields
  readonly body: any;
  readonly logs: readonly string[];
  /** The body and every log line as one text, for asserting that no secret leaked. */
  readonly everything: string;
}

/** How to reach Dynatrace and how the gate is configured. */
export interface GateSetup {
  readonly dynatraceUrl: string;
  readonly dynatraceToken: string;
  readonly api?: 'v1' | 'v2';
  /** `GATE_DEADLINE_SECONDS`; default the gate's own default. */
  readonly deadlineSeconds?: number;
  /**
   * The time of the gate and of its Dynatrace client. Retry waits advance it instead of waiting, so 429
   * storms and backoffs cost no real time; per-attempt timeouts and the deadline's abort still use real
   * timers, which is what makes slow and hanging answers end.
   */
  readonly clock: FakeClock;
}

/**
 * The production gate handler — real settings reader, real Dynatrace client, real HTTP — with only its time
 * injected, and the jitter fixed at its midpoint.
 */
export function createGateUnderTest(setup: GateSetup): GateHandler {
  const settings = readGateSettings({
    DT_URL: setup.dynatraceUrl,
    DT_API_TOKEN: setup.dynatraceToken,
    ...(setup.api === undefined ? {} : { DT_API_VERSION: setup.api }),
    ...(setup.deadlineSeconds === undefined ? {} : { GATE_DEADLINE_SECONDS: String(setup.deadlineSeconds) }),
  });
  return createGateHandler({
    settings,
    clock: setup.clock,
    createMetricsReader: (logger) =>
      createDynatraceClient({
        environmentUrl: settings.dynatraceUrl,
        apiToken: settings.dynatraceToken,
        logger,
        clock: setup.clock,
        random: () => 0.5,
      }),
  });
}

/** Sends one request to a gate handler as the Functions host would hand it over. */
export async function callGate(
  handler: GateHandler,
  body: string | object,
  headers: Readonly<Record<string, string>> = { 'content-type': 'application/json' },
): Promise<GateCall> {
  const logs: string[] = [];
  const context = new InvocationContext({
    invocationId: 'resilience',
    functionName: 'gate',
    logHandler: (level, ...args) => logs.push(`${level}: ${args.map(String).join(' ')}`),
  });
  const request = new HttpRequest({
    method: 'POST',
    url: 'http://127.0.0.1/api/gate',
    headers: { ...headers },
    body: { string: typeof body === 'string' ? body : JSON.stringify(body) },
  });
  const response = await handler(request, context);
  const text = JSON.stringify(response.jsonBody);
  return {
    status: response.status ?? 200,
    body: JSON.parse(text ?? 'null') as unknown,
    logs,
    everything: [text, ...logs].join('\n'),
  };
}

/** The part of a verdict that must not change under faults: overall status and each entry's values. */
export function verdictOf(body: {
  readonly status: string;
  readonly results: readonly {
    readonly status: string;
    readonly source: unknown;
    readonly compare: unknown;
  }[];
}): unknown {
  return {
    status: body.status,
    results: body.results.map((entry) => ({
      status: entry.status,
      source: entry.source,
      compare: entry.compare,
    })),
  };
}
