import { DEFAULT_MAX_PER_SERIES, DEFAULT_RETENTION_DAYS, describeTableEndpoint } from '../../lib/store';
import { GateSettingsError, type SettingProblem } from './gate-settings-error';
import { type SettingsSource } from './gate-settings';

/** Where evaluations are recorded and how long they are kept. */
export interface HistoryStorageSettings {
  /** `AzureWebJobsStorage`. Secret (it holds the account key). */
  readonly connectionString: string;
  /** `GATE_HISTORY_TABLE_NAME`, default `unbreakablegatehistory`. */
  readonly tableName: string;
  /** `GATE_HISTORY_RETENTION_DAYS`, default 90. */
  readonly retentionDays: number;
  /** `GATE_HISTORY_MAX_PER_SERIES`: evaluations kept per service and comparison, default 500. */
  readonly maxPerSeries: number;
}

/** The evaluation history's configuration, validated. */
export interface HistorySettings {
  /** `undefined` when `AzureWebJobsStorage` is not set: the gate then runs without history. */
  readonly storage: HistoryStorageSettings | undefined;
  /**
   * `GATE_PUBLIC_URL`: the app's address as its readers reach it (e.g. behind a proxy), without a trailing
   * slash; report links are built on it. `undefined`: links use the address the request came to.
   */
  readonly publicUrl: string | undefined;
}

/** Every app setting of the evaluation history, in documentation order. */
export const HISTORY_SETTING_NAMES = [
  'AzureWebJobsStorage',
  'GATE_HISTORY_TABLE_NAME',
  'GATE_HISTORY_RETENTION_DAYS',
  'GATE_HISTORY_MAX_PER_SERIES',
  'GATE_PUBLIC_URL',
] as const;

export const DEFAULT_HISTORY_TABLE_NAME = 'unbreakablegatehistory';
const MAX_RETENTION_DAYS = 3650;
const MAX_PER_SERIES_LIMIT = 10_000;

/**
 * Reads the evaluation history's app settings. An empty value counts as unset. Every problem is collected
 * before anything is thrown.
 *
 * @throws GateSettingsError naming each setting that is invalid; the connection string is never echoed.
 */
export function readHistorySettings(source: SettingsSource): HistorySettings {
  const problems: SettingProblem[] = [];
  const text = (name: (typeof HISTORY_SETTING_NAMES)[number]): string | undefined => {
    const value = source[name]?.trim() ?? '';
    return value === '' ? undefined : value;
  };
  const whole = (name: (typeof HISTORY_SETTING_NAMES)[number], fallback: number, max: number): number => {
    const value = text(name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
      problems.push({ setting: name, message: `expected a whole number from 1 to ${max}, found "${value}"` });
      return fallback;
    }
    return Number(value);
  };

  const connectionString = text('AzureWebJobsStorage');
  if (connectionString !== undefined) {
    try {
      describeTableEndpoint(connectionString);
    } catch (error) {
      problems.push({
        setting: 'AzureWebJobsStorage',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  const tableName = text('GATE_HISTORY_TABLE_NAME') ?? DEFAULT_HISTORY_TABLE_NAME;
  if (!/^[A-Za-z][A-Za-z0-9]{2,62}$/.test(tableName)) {
    problems.push({
      setting: 'GATE_HISTORY_TABLE_NAME',
      message: `expected 3–63 letters and digits starting with a letter, found "${tableName}"`,
    });
  }
  const retentionDays = whole('GATE_HISTORY_RETENTION_DAYS', DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS);
  const maxPerSeries = whole('GATE_HISTORY_MAX_PER_SERIES', DEFAULT_MAX_PER_SERIES, MAX_PER_SERIES_LIMIT);
  const publicUrl = readPublicUrl(text('GATE_PUBLIC_URL'), problems);

  if (problems.length > 0) throw new GateSettingsError(problems);
  return {
    storage:
      connectionString === undefined
        ? undefined
        : { connectionString, tableName, retentionDays, maxPerSeries },
    publicUrl,
  };
}

function readPublicUrl(value: string | undefined, problems: SettingProblem[]): string | undefined {
  if (value === undefined) return undefined;
  const expected =
    'expected the absolute https address of the function app, e.g. https://my-gate.azurewebsites.net';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push({ setting: 'GATE_PUBLIC_URL', message: `${expected}, found "${value}"` });
    return undefined;
  }
  const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    problems.push({
      setting: 'GATE_PUBLIC_URL',
      message: `${expected} (plain http only for localhost), found "${url.protocol}//${url.host}"`,
    });
    return undefined;
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    // Never echoed: credentials or a key in the value would be secrets.
    problems.push({
      setting: 'GATE_PUBLIC_URL',
      message: `${expected}, without user name, password, query string or fragment`,
    });
    return undefined;
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
