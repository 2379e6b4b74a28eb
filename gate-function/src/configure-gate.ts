import { buildReportUrl } from './build-report-url';
import { createGateHandler, type GateHandler } from './create-gate-handler';
import { createHistoryRecorder } from './create-history-recorder';
import { readGateSettings, type SettingsSource } from './gate-settings';
import { GateSettingsError } from './gate-settings-error';
import { type HistoryAccess, historyFromSettings } from './open-history';

/** The gate as the app settings configure it. */
export interface ConfiguredGate {
  readonly handler: GateHandler;
  /** Set when the gate runs without history, saying why; logged once. */
  readonly historyNotice?: string;
}

/**
 * Builds the gate from the app settings: the evaluation itself (DESIGN §4) plus, when `AzureWebJobsStorage`
 * is set, recording every verdict and answering with its report link. History settings that are invalid do
 * not stop the gate: it evaluates without history and says why, because a typo in a history setting must not
 * block deployments.
 *
 * @throws GateSettingsError when the gate's own settings (DT_URL, …) are missing or invalid.
 */
export function configureGate(source: SettingsSource): ConfiguredGate {
  const settings = readGateSettings(source);
  let historyNotice: string | undefined;
  let access: HistoryAccess | undefined;
  try {
    access = historyFromSettings(source);
  } catch (error) {
    if (!(error instanceof GateSettingsError)) throw error;
    historyNotice = `evaluation history is off because its settings are invalid: ${error.message}`;
  }
  if (access !== undefined && !access.enabled) historyNotice = access.reason;
  if (access === undefined || !access.enabled) {
    return {
      handler: createGateHandler({ settings }),
      ...(historyNotice === undefined ? {} : { historyNotice }),
    };
  }
  const { history, publicUrl } = access;
  return {
    handler: createGateHandler({
      settings,
      recordEvaluation: createHistoryRecorder(history),
      reportUrl: (requestUrl, target) => buildReportUrl(requestUrl, publicUrl, target),
    }),
  };
}
