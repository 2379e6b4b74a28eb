import { normalizeEnvironmentUrl } from '../../lib/dynatrace';
import { type MetricsApiVersion } from '../../lib/gate/evaluate-comparison';
import { MAX_WINDOW_MINUTES } from '../../lib/monspec';
import { type HostPattern, parseAllowedHosts } from './allowed-hosts';
import { GateSettingsError, type SettingProblem } from './gate-settings-error';

/** The gate function app's configuration, validated. Durations are in milliseconds. */
export interface GateSettings {
  /** `DT_URL`, normalised (no trailing slash, no `/api` suffix). */
  readonly dynatraceUrl: string;
  /** `DT_API_TOKEN`: needs `metrics.read` (`DataExport` for v1). Secret. */
  readonly dynatraceToken: string;
  /** `DT_API_VERSION`: which API reads the metrics. */
  readonly dynatraceApi: MetricsApiVersion;
  /** `MONSPEC_ALLOWED_HOSTS`: where `monspecUrl` may point; empty means `monspecUrl` is refused. */
  readonly monspecAllowedHosts: readonly HostPattern[];
  /** `MONSPEC_BEARER_TOKEN`: sent as `Authorization: Bearer …` to allowed monspec hosts only. Secret. */
  readonly monspecBearerToken: string | undefined;
  /** `MONSPEC_FETCH_TIMEOUT_SECONDS`; unset, 5 s or half the deadline, whichever is less. */
  readonly monspecFetchTimeoutMs: number;
  /** `GATE_INGEST_DELAY_SECONDS`: how far before the request the default window ends. */
  readonly ingestDelayMs: number;
  /** `GATE_DEFAULT_WINDOW_MINUTES`: the window when a request names none. */
  readonly defaultWindowMinutes: number;
  /** `GATE_DEADLINE_SECONDS`: every answer, including errors, is sent within this time. */
  readonly deadlineMs: number;
}

/** Azure DevOps gives a synchronous server call 20 s; the deadline leaves room for the network and cold starts. */
export const MAX_DEADLINE_SECONDS = 18;

const DEFAULT_FETCH_TIMEOUT_SECONDS = 5;

/** Every app setting the gate reads, in documentation order. */
export const GATE_SETTING_NAMES = [
  'DT_URL',
  'DT_API_TOKEN',
  'DT_API_VERSION',
  'MONSPEC_ALLOWED_HOSTS',
  'MONSPEC_BEARER_TOKEN',
  'MONSPEC_FETCH_TIMEOUT_SECONDS',
  'GATE_INGEST_DELAY_SECONDS',
  'GATE_DEFAULT_WINDOW_MINUTES',
  'GATE_DEADLINE_SECONDS',
] as const;

type SettingName = (typeof GATE_SETTING_NAMES)[number];

/** The environment the settings come from: `process.env` in Azure and in the local host. */
export type SettingsSource = Readonly<Record<string, string | undefined>>;

/**
 * Reads and validates the gate's app settings. An empty value counts as unset (the Azure portal keeps
 * settings whose value was cleared). Every problem is collected before anything is thrown.
 *
 * @throws GateSettingsError naming each setting that is missing or invalid; secret values are never echoed.
 */
export function readGateSettings(source: SettingsSource): GateSettings {
  const problems: SettingProblem[] = [];
  const reader = new SettingReader(source, problems);

  const dynatraceUrl = reader.read('DT_URL', (value) => normalizeEnvironmentUrl(value), {
    missing: 'is not set; expected the Dynatrace environment URL, e.g. https://abc12345.live.dynatrace.com',
  });
  const dynatraceToken = reader.read('DT_API_TOKEN', readToken('a Dynatrace API token (dt0c01.…)'), {
    missing: 'is not set; expected a Dynatrace API token with the metrics.read scope (DataExport for v1)',
  });
  const dynatraceApi = reader.read('DT_API_VERSION', readApiVersion, { fallback: 'v2' as const });
  const monspecAllowedHosts = reader.read('MONSPEC_ALLOWED_HOSTS', parseAllowedHosts, { fallback: [] });
  const monspecBearerToken = reader.read('MONSPEC_BEARER_TOKEN', readToken('a bearer token'), {
    fallback: undefined,
  });
  const deadlineSeconds = reader.read('GATE_DEADLINE_SECONDS', readInteger(1, MAX_DEADLINE_SECONDS), {
    fallback: 15,
  });
  const fetchTimeoutSeconds = reader.read(
    'MONSPEC_FETCH_TIMEOUT_SECONDS',
    readInteger(1, MAX_DEADLINE_SECONDS),
    { fallback: undefined },
  );
  const ingestDelaySeconds = reader.read('GATE_INGEST_DELAY_SECONDS', readInteger(0, 3600), { fallback: 60 });
  const defaultWindowMinutes = reader.read('GATE_DEFAULT_WINDOW_MINUTES', readWindowMinutes, { fallback: 5 });

  if (
    deadlineSeconds !== undefined &&
    fetchTimeoutSeconds !== undefined &&
    fetchTimeoutSeconds >= deadlineSeconds
  ) {
    problems.push({
      setting: 'MONSPEC_FETCH_TIMEOUT_SECONDS',
      message: `must be less than GATE_DEADLINE_SECONDS (${deadlineSeconds}), so that Dynatrace can still be queried; found ${fetchTimeoutSeconds}`,
    });
  }
  if (
    problems.length > 0 ||
    dynatraceUrl === undefined ||
    dynatraceToken === undefined ||
    dynatraceApi === undefined ||
    monspecAllowedHosts === undefined ||
    deadlineSeconds === undefined ||
    ingestDelaySeconds === undefined ||
    defaultWindowMinutes === undefined
  ) {
    throw new GateSettingsError(problems);
  }
  return {
    dynatraceUrl,
    dynatraceToken,
    dynatraceApi,
    monspecAllowedHosts,
    monspecBearerToken,
    // Unset, the fetch gets at most half of the deadline, so that Dynatrace can still be queried.
    monspecFetchTimeoutMs:
      fetchTimeoutSeconds === undefined
        ? Math.min(DEFAULT_FETCH_TIMEOUT_SECONDS, deadlineSeconds / 2) * 1000
        : fetchTimeoutSeconds * 1000,
    ingestDelayMs: ingestDelaySeconds * 1000,
    defaultWindowMinutes,
    deadlineMs: deadlineSeconds * 1000,
  };
}

/** Reads one setting at a time, recording problems instead of stopping at the first. */
class SettingReader {
  constructor(
    private readonly source: SettingsSource,
    private readonly problems: SettingProblem[],
  ) {}

  read<T>(name: SettingName, parse: (value: string) => T, absent: { missing: string }): T | undefined;
  read<T, F>(name: SettingName, parse: (value: string) => T, absent: { fallback: F }): T | F | undefined;
  read<T, F>(
    name: SettingName,
    parse: (value: string) => T,
    absent: { missing: string } | { fallback: F },
  ): T | F | undefined {
    const value = this.source[name]?.trim() ?? '';
    if (value === '') {
      if ('fallback' in absent) return absent.fallback;
      this.problems.push({ setting: name, message: absent.missing });
      return undefined;
    }
    try {
      return parse(value);
    } catch (error) {
      this.problems.push({ setting: name, message: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
  }
}

function readToken(what: string): (value: string) => string {
  return (value) => {
    // Never echo the value: it is a secret.
    if (/\s/.test(value)) {
      throw new RangeError(
        `contains whitespace; expected ${what} alone, without a scheme prefix such as "Api-Token " or "Bearer "`,
      );
    }
    return value;
  };
}

function readApiVersion(value: string): MetricsApiVersion {
  const lower = value.toLowerCase();
  if (lower === 'v2' || lower === 'v1') return lower;
  throw new RangeError(
    `expected v2 (Metrics API v2, the default) or v1 (Timeseries API v1 of legacy tenants), found "${value}"`,
  );
}

function readInteger(min: number, max: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || number < min || number > max) {
      throw new RangeError(`expected a whole number of seconds from ${min} to ${max}, found "${value}"`);
    }
    return number;
  };
}

function readWindowMinutes(value: string): number {
  const number = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(number > 0 && number <= MAX_WINDOW_MINUTES)) {
    throw new RangeError(
      `expected a window of more than 0 and at most ${MAX_WINDOW_MINUTES} minutes, found "${value}"`,
    );
  }
  return number;
}
