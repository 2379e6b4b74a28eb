import { parseArgs } from 'node:util';

import { createDynatraceClient, normalizeEnvironmentUrl } from '../../lib/dynatrace';
import { evaluateComparison, type MetricsApiVersion } from '../../lib/gate/evaluate-comparison';
import { HttpError } from '../../lib/http';
import {
  formatMonspecIssue,
  MISSING_DATA_POLICIES,
  type MissingDataPolicy,
  MonspecRequestError,
  MonspecValidationError,
  parseMonspec,
  renderMarkdown,
} from '../../lib/monspec';
import { type CliIo } from '../cli-io';
import { ExitCode } from '../exit-code';
import { readInputFile } from '../read-input-file';
import { UsageError } from '../usage-error';

const DEFAULT_WINDOW_MINUTES = 5;
const DEFAULT_INGEST_DELAY_SECONDS = 60;

/** `unbreakable evaluate …`: evaluates one comparison against the Dynatrace environment in DT_URL. */
export async function evaluateCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const options = readOptions(args, io);
  const text = await readInputFile(options.monspecFile, io);
  let monspec;
  try {
    const validated = parseMonspec(text);
    monspec = validated.monspec;
    for (const warning of validated.warnings) io.stderr(`warning ${formatMonspecIssue(warning)}\n`);
  } catch (error) {
    if (!(error instanceof MonspecValidationError)) throw error;
    for (const issue of error.issues)
      io.stderr(`error ${formatMonspecIssue(issue)} (${options.monspecFile})\n`);
    return ExitCode.usage;
  }

  const dynatrace = createDynatraceClient({
    environmentUrl: options.environmentUrl,
    apiToken: options.apiToken,
    logger: { debug: () => undefined, warn: (line) => io.stderr(`${line}\n`) },
  });
  try {
    const { result } = await evaluateComparison(dynatrace, {
      monspec,
      api: options.api,
      request: {
        service: options.service,
        comparison: options.comparison,
        windowMinutes: options.windowMinutes,
        endMs: options.endMs,
        onMissingSource: options.onMissingSource,
        onMissingCompare: options.onMissingCompare,
      },
    });
    io.stdout(options.json ? `${JSON.stringify(result, null, 2)}\n` : `${renderMarkdown(result)}\n`);
    if (result.status === 'fail') return ExitCode.fail;
    return result.status === 'warning' && options.failOnWarning ? ExitCode.fail : ExitCode.pass;
  } catch (error) {
    if (error instanceof MonspecRequestError) {
      io.stderr(`error ${error.path}: ${error.message}\n`);
      return ExitCode.usage;
    }
    if (error instanceof HttpError) {
      io.stderr(`error ${error.message}\n`);
      return ExitCode.dynatrace;
    }
    throw error;
  }
}

interface EvaluateOptions {
  readonly monspecFile: string;
  readonly service: string;
  readonly comparison: string;
  readonly windowMinutes: number;
  readonly endMs: number;
  readonly onMissingSource?: MissingDataPolicy;
  readonly onMissingCompare?: MissingDataPolicy;
  readonly api: MetricsApiVersion;
  readonly failOnWarning: boolean;
  readonly json: boolean;
  readonly environmentUrl: string;
  readonly apiToken: string;
}

function readOptions(args: readonly string[], io: CliIo): EvaluateOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        monspec: { type: 'string' },
        service: { type: 'string' },
        comparison: { type: 'string' },
        window: { type: 'string' },
        end: { type: 'string' },
        'ingest-delay': { type: 'string' },
        'on-missing-source': { type: 'string' },
        'on-missing-compare': { type: 'string' },
        api: { type: 'string' },
        'fail-on-warning': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const required = (name: 'monspec' | 'service' | 'comparison'): string => {
    const value = parsed[name];
    if (value === undefined || value.trim() === '') throw new UsageError(`--${name} is required`);
    return value;
  };
  const environmentUrl = io.env.DT_URL;
  const apiToken = io.env.DT_API_TOKEN;
  if (environmentUrl === undefined || environmentUrl === '') {
    throw new UsageError('DT_URL is not set: export the Dynatrace environment URL');
  }
  try {
    normalizeEnvironmentUrl(environmentUrl);
  } catch (error) {
    throw new UsageError(`DT_URL: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (apiToken === undefined || apiToken === '') {
    throw new UsageError('DT_API_TOKEN is not set: export a Dynatrace API token with the metrics.read scope');
  }
  const ingestDelaySeconds = readNumber(
    '--ingest-delay',
    parsed['ingest-delay'],
    DEFAULT_INGEST_DELAY_SECONDS,
    0,
  );
  return {
    monspecFile: required('monspec'),
    service: required('service'),
    comparison: required('comparison'),
    windowMinutes: readNumber('--window', parsed.window, DEFAULT_WINDOW_MINUTES, Number.MIN_VALUE),
    endMs: readEnd(parsed.end, io.now() - ingestDelaySeconds * 1000, io.now()),
    onMissingSource: readPolicy('--on-missing-source', parsed['on-missing-source']),
    onMissingCompare: readPolicy('--on-missing-compare', parsed['on-missing-compare']),
    api: readApi(parsed.api),
    failOnWarning: parsed['fail-on-warning'],
    json: parsed.json,
    environmentUrl,
    apiToken,
  };
}

function readNumber(flag: string, value: string | undefined, fallback: number, minimum: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < minimum) {
    throw new UsageError(
      `${flag} must be a number${minimum > 0 ? ' greater than 0' : ' of at least 0'}, found "${value}"`,
    );
  }
  return number;
}

/** `now`, epoch milliseconds, or an ISO 8601 time; the default is now minus the ingest delay. */
function readEnd(value: string | undefined, fallback: number, now: number): number {
  if (value === undefined) return fallback;
  if (value === 'now') return now;
  if (/^\d+$/.test(value)) return Number(value);
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) {
    throw new UsageError(`--end must be "now", epoch milliseconds or an ISO 8601 time, found "${value}"`);
  }
  return parsed;
}

function readPolicy(flag: string, value: string | undefined): MissingDataPolicy | undefined {
  if (value === undefined) return undefined;
  const policy = MISSING_DATA_POLICIES.find((candidate) => candidate === value);
  if (policy === undefined) throw new UsageError(`${flag} must be one of fail, warn, pass, found "${value}"`);
  return policy;
}

function readApi(value: string | undefined): MetricsApiVersion {
  if (value === undefined || value === 'v2') return 'v2';
  if (value === 'v1') return 'v1';
  throw new UsageError(`--api must be v2 or v1, found "${value}"`);
}
