import { randomUUID } from 'node:crypto';

import { type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';

import { createDynatraceClient } from '../../lib/dynatrace';
import { evaluateComparison, type MetricsReader } from '../../lib/gate/evaluate-comparison';
import { type Clock, createRedactor, type Logger, systemClock } from '../../lib/http';
import { formatMonspecIssue, renderMarkdown } from '../../lib/monspec';
import { type ReportTarget } from './build-report-url';
import { type EvaluationContext, type EvaluationRecord, type EvaluationRecorder } from './evaluation-record';
import { createMonspecFetcher, type MonspecFetcher } from './fetch-monspec';
import { type GateErrorBody, type GateVerdictBody } from './gate-response-body';
import { type GateSettings } from './gate-settings';
import { loadMonspec } from './load-monspec';
import { mapGateError } from './map-gate-error';
import { readAzureDevOpsContext } from './read-azure-devops-context';
import { readGateRequest } from './read-gate-request';
import { resolveWindowEnd } from './resolve-window-end';

/** What the gate handler works with; everything but the settings has a production default. */
export interface GateDependencies {
  readonly settings: GateSettings;
  /** Default: a Dynatrace client for `DT_URL`/`DT_API_TOKEN` that logs its retries to the invocation log. */
  readonly createMetricsReader?: (logger: Logger) => MetricsReader;
  /** Default: the https-only, allow-listed fetcher configured by the settings. */
  readonly fetchMonspec?: MonspecFetcher;
  /** The request time and the deadline are read from it. Default: the system clock. */
  readonly clock?: Pick<Clock, 'now'>;
  /** Default: a random UUID. */
  readonly newEvaluationId?: () => string;
  /** Default: none. History recording hooks in here. */
  readonly recordEvaluation?: EvaluationRecorder;
  /**
   * The report link of a recorded evaluation, from the request URL (never with its query string, which may
   * hold the function key). Default: none; the answer then has no `reportUrl`.
   */
  readonly reportUrl?: (requestUrl: string, target: ReportTarget) => string;
}

/** An HTTP handler of the Azure Functions v4 model. */
export type GateHandler = (request: HttpRequest, invocation: InvocationContext) => Promise<HttpResponseInit>;

/** Request values shorter than this are not treated as secrets: redacting them would garble every line. */
const MIN_SECRET_LENGTH = 6;

/**
 * Creates the `POST /api/gate` handler (DESIGN §4): reads the request (JSON or the task's multipart form),
 * loads the monspec, evaluates the comparison against Dynatrace and answers with the explained verdict,
 * or with `{status: "error", error: {message, path?}}` and 400/413/415/502/504. Every answer comes
 * within `GATE_DEADLINE_SECONDS`, well inside Azure DevOps' 20 s limit for synchronous calls.
 *
 * Secrets (the Dynatrace token, the monspec bearer token, and the function key and `AuthToken` a caller
 * sent) never reach an answer or a log line: every line and body is redacted before it leaves.
 */
export function createGateHandler(dependencies: GateDependencies): GateHandler {
  const { settings } = dependencies;
  const clock = dependencies.clock ?? systemClock;
  const newEvaluationId = dependencies.newEvaluationId ?? randomUUID;
  const fetchMonspec =
    dependencies.fetchMonspec ??
    createMonspecFetcher({
      allowedHosts: settings.monspecAllowedHosts,
      timeoutMs: settings.monspecFetchTimeoutMs,
      ...(settings.monspecBearerToken === undefined ? {} : { bearerToken: settings.monspecBearerToken }),
    });
  const createMetricsReader =
    dependencies.createMetricsReader ??
    ((logger: Logger) =>
      createDynatraceClient({
        environmentUrl: settings.dynatraceUrl,
        apiToken: settings.dynatraceToken,
        logger,
        userAgent: 'unbreakable-pipeline-gate',
      }));
  const configuredSecrets = [settings.dynatraceToken, settings.monspecBearerToken].filter(
    (secret): secret is string => secret !== undefined,
  );

  return async (request, invocation) => {
    const startedAt = clock.now();
    const deadlineAt = startedAt + settings.deadlineMs;
    const evaluationId = newEvaluationId();
    const redactor = createRedactor([...configuredSecrets, ...secretsOf(request)]);
    const log = (level: 'info' | 'warn' | 'error', message: string): void => {
      invocation[level](redactor.redact(`gate ${evaluationId}: ${message}`));
    };
    const answer = (status: number, body: GateVerdictBody | GateErrorBody): HttpResponseInit => ({
      status,
      jsonBody: redactor.redactValue(body),
      headers: { 'Cache-Control': 'no-store' },
    });
    // Ends whatever is still running when the deadline passes: a hanging Dynatrace or monspec host.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), Math.max(0, deadlineAt - clock.now()));
    const azureDevOps = readAzureDevOpsContext(request.headers);
    const caller = azureDevOps === undefined ? '' : ` (${describeCaller(azureDevOps)})`;

    try {
      const gateRequest = await readGateRequest(request);
      const loaded = await loadMonspec(gateRequest.monspec, fetchMonspec, deadline.signal);
      const endMs = resolveWindowEnd(gateRequest.end, startedAt, settings.ingestDelayMs);
      const reader = createMetricsReader({
        debug: () => undefined,
        warn: (line) => log('warn', line),
      });
      const { result, requests } = await evaluateComparison(reader, {
        monspec: loaded.monspec,
        api: settings.dynatraceApi,
        deadline: deadlineAt,
        signal: deadline.signal,
        request: {
          service: gateRequest.service,
          comparison: gateRequest.comparison,
          windowMinutes: gateRequest.windowMinutes ?? settings.defaultWindowMinutes,
          endMs,
          ...(gateRequest.onMissingSource === undefined
            ? {}
            : { onMissingSource: gateRequest.onMissingSource }),
          ...(gateRequest.onMissingCompare === undefined
            ? {}
            : { onMissingCompare: gateRequest.onMissingCompare }),
        },
      });
      const context: EvaluationContext = {
        ...(azureDevOps === undefined ? {} : { azureDevOps }),
        ...(gateRequest.context === undefined ? {} : { request: gateRequest.context }),
      };
      let recorded = false;
      if (dependencies.recordEvaluation !== undefined) {
        try {
          // Redacted like the answer: the history is served back by /api/evaluations and /api/report.
          const record = redactor.redactValue({
            evaluationId,
            evaluatedAt: new Date(startedAt).toISOString(),
            context,
            monspecOrigin: loaded.origin,
            result,
            dynatraceRequests: requests,
          }) as EvaluationRecord;
          await dependencies.recordEvaluation(record, {
            signal: deadline.signal,
            warn: (message) => log('warn', message),
          });
          recorded = true;
        } catch (error) {
          log('warn', `the evaluation could not be recorded: ${describeError(error)}`);
        }
      }
      // Only a recorded evaluation gets a link: the report could not show any other.
      const reportUrl =
        recorded && dependencies.reportUrl !== undefined
          ? dependencies.reportUrl(request.url, {
              service: result.service,
              comparison: result.comparison,
              evaluationId,
            })
          : undefined;
      log(
        'info',
        `${result.status} for ${result.service}/${result.comparison}${caller}: ${result.summary} ` +
          `(window ${result.source.from} to ${result.source.to}; ${requests} Dynatrace ${requests === 1 ? 'request' : 'requests'}; ${clock.now() - startedAt} ms)`,
      );
      return answer(200, {
        ...result,
        evaluationId,
        markdown: renderMarkdown(result),
        warnings: loaded.warnings.map(formatMonspecIssue),
        context,
        ...(reportUrl === undefined ? {} : { reportUrl }),
      });
    } catch (error) {
      const failure = mapGateError(error, {
        passed: deadline.signal.aborted || clock.now() >= deadlineAt,
        seconds: settings.deadlineMs / 1000,
      });
      log(
        failure.status >= 500 ? 'error' : 'warn',
        `answered ${failure.status}${caller}: ${failure.message}`,
      );
      if (failure.status === 500) log('error', describeError(error, { stack: true }));
      return answer(failure.status, {
        status: 'error',
        evaluationId,
        error: {
          message: failure.message,
          ...(failure.path === undefined ? {} : { path: failure.path }),
          ...(failure.issues === undefined ? {} : { issues: failure.issues }),
        },
      });
    } finally {
      clearTimeout(timer);
    }
  };
}

/** Credentials a caller may have sent: the function key (header or `code`), and the job token of the built-in check. */
function secretsOf(request: HttpRequest): string[] {
  return [
    request.headers.get('x-functions-key'),
    request.headers.get('authtoken'),
    request.headers.get('authorization'),
    request.query.get('code'),
  ].filter((value): value is string => value !== null && value.trim().length >= MIN_SECRET_LENGTH);
}

function describeCaller(context: NonNullable<ReturnType<typeof readAzureDevOpsContext>>): string {
  return [
    context.hubName === undefined ? undefined : `hub ${context.hubName}`,
    context.planId === undefined ? undefined : `plan ${context.planId}`,
    context.taskInstanceId === undefined ? undefined : `task instance ${context.taskInstanceId}`,
  ]
    .filter((part): part is string => part !== undefined)
    .join(', ');
}

function describeError(error: unknown, options: { stack?: boolean } = {}): string {
  if (!(error instanceof Error)) return String(error);
  return options.stack === true && error.stack !== undefined
    ? error.stack
    : `${error.name}: ${error.message}`;
}
