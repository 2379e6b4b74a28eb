import { type MonspecDocument } from './demo-monspec';
import { postJson } from './post-json';

/** One perfsignature entry of a verdict, as the demo reports it. */
export interface GateMetricResult {
  readonly metric: string;
  readonly aggregate: string;
  readonly status: 'pass' | 'violation' | 'nodata';
  readonly reason: string;
}

/** One window of a verdict. */
export interface GateWindow {
  readonly environment: string;
  readonly from: string;
  readonly to: string;
}

/** What the gate function answered (the fields the demo shows and checks). */
export interface GateVerdict {
  readonly comparison: string;
  readonly status: 'pass' | 'warning' | 'fail';
  readonly summary: string;
  readonly totalViolations: number;
  readonly evaluationId: string;
  /** The verdict as the gate renders it for logs: a heading, a summary line and a table. */
  readonly markdown: string;
  readonly source: GateWindow;
  readonly compare: GateWindow;
  readonly results: readonly GateMetricResult[];
}

/** What the demo asks the gate, as the quality-gate task would. */
export interface GateCall {
  readonly hostUrl: string;
  readonly functionKey: string;
  readonly monspec: MonspecDocument;
  readonly service: string;
  readonly comparison: string;
  readonly windowMinutes: number;
  /** Window end, epoch ms (the demo clock). */
  readonly end: number;
  readonly context: Readonly<Record<string, string | number>>;
}

/** The gate answered something other than a verdict. The message never contains the function key. */
export class GateCallError extends Error {
  override readonly name = 'GateCallError';
}

/**
 * Calls `POST /api/gate` with the function key in `x-functions-key`, like the quality-gate task, and
 * reads the verdict.
 *
 * @throws GateCallError when the answer is not a 200 verdict (its status and the gate's own message).
 */
export async function callGate(call: GateCall): Promise<GateVerdict> {
  const answer = await postJson(
    `${call.hostUrl}/api/gate`,
    {
      monspec: call.monspec,
      service: call.service,
      comparison: call.comparison,
      window: call.windowMinutes,
      end: call.end,
      context: call.context,
    },
    { 'x-functions-key': call.functionKey },
  );
  const body = asRecord(answer.json);
  if (answer.status !== 200 || body === undefined) {
    const error = asRecord(body?.error);
    const message = typeof error?.message === 'string' ? error.message : answer.text.slice(0, 500);
    throw new GateCallError(
      `POST /api/gate (${call.comparison}) answered ${answer.status}, expected 200 with a verdict: ${message}`,
    );
  }
  const status = body.status;
  if (status !== 'pass' && status !== 'warning' && status !== 'fail') {
    throw new GateCallError(
      `POST /api/gate (${call.comparison}): status is ${JSON.stringify(status)}, expected pass, warning or fail`,
    );
  }
  return {
    comparison: call.comparison,
    status,
    summary: text(body.summary, 'summary'),
    totalViolations: typeof body.totalViolations === 'number' ? body.totalViolations : 0,
    evaluationId: text(body.evaluationId, 'evaluationId'),
    markdown: text(body.markdown, 'markdown'),
    source: window(body.source, 'source'),
    compare: window(body.compare, 'compare'),
    results: (Array.isArray(body.results) ? body.results : []).map((entry: unknown, index) => {
      const result = asRecord(entry) ?? {};
      const entryStatus = result.status;
      if (entryStatus !== 'pass' && entryStatus !== 'violation' && entryStatus !== 'nodata') {
        throw new GateCallError(
          `POST /api/gate: results[${index}].status is ${JSON.stringify(entryStatus)}, expected pass, violation or nodata`,
        );
      }
      return {
        metric: text(result.metric, `results[${index}].metric`),
        aggregate: text(result.aggregate, `results[${index}].aggregate`),
        status: entryStatus,
        reason: text(result.reason, `results[${index}].reason`),
      };
    }),
  };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string') {
    throw new GateCallError(`POST /api/gate: ${path} is ${JSON.stringify(value)}, expected a string`);
  }
  return value;
}

function window(value: unknown, path: string): GateWindow {
  const record = asRecord(value) ?? {};
  return {
    environment: text(record.environment, `${path}.environment`),
    from: text(record.from, `${path}.from`),
    to: text(record.to, `${path}.to`),
  };
}
