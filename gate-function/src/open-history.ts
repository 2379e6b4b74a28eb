import {
  createTableEvaluationHistory,
  type EvaluationHistory,
  type TableEvaluationHistoryOptions,
} from '../../lib/store';
import { type SettingsSource } from './gate-settings';
import { HISTORY_SETTING_NAMES, type HistorySettings, readHistorySettings } from './history-settings';

/** The evaluation history as the app settings configure it, or why there is none. */
export type HistoryAccess =
  | {
      readonly enabled: true;
      readonly history: EvaluationHistory;
      /** `GATE_PUBLIC_URL`, for report links. */
      readonly publicUrl: string | undefined;
    }
  | {
      readonly enabled: false;
      /** Says which setting to set, e.g. for a 503 answer or the gate's log. */
      readonly reason: string;
      readonly publicUrl: string | undefined;
    };

/** Why there is no history when `AzureWebJobsStorage` is not set. */
export const HISTORY_OFF_REASON =
  'evaluation history is off: the app setting AzureWebJobsStorage is not set, so evaluations are not recorded';

/** Opens the history the settings describe; `create` is replaceable for tests. */
export function openHistory(
  settings: HistorySettings,
  create: (options: TableEvaluationHistoryOptions) => EvaluationHistory = createTableEvaluationHistory,
): HistoryAccess {
  if (settings.storage === undefined) {
    return { enabled: false, reason: HISTORY_OFF_REASON, publicUrl: settings.publicUrl };
  }
  return {
    enabled: true,
    history: create({
      connectionString: settings.storage.connectionString,
      tableName: settings.storage.tableName,
      retentionDays: settings.storage.retentionDays,
      maxPerSeries: settings.storage.maxPerSeries,
    }),
    publicUrl: settings.publicUrl,
  };
}

let cached: { readonly key: string; readonly access: HistoryAccess } | undefined;

/**
 * The history for the app settings in `source` (`process.env`), shared by the gate, evaluations and report
 * functions of one process: one table client, opened again only when the settings change.
 *
 * @throws GateSettingsError naming each history setting that is invalid.
 */
export function historyFromSettings(source: SettingsSource): HistoryAccess {
  const key = JSON.stringify(HISTORY_SETTING_NAMES.map((name) => source[name] ?? ''));
  if (cached?.key !== key) cached = { key, access: openHistory(readHistorySettings(source)) };
  return cached.access;
}
