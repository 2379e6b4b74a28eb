import { HISTORY_SETTING_NAMES } from '../../../../gate-function/src/history-settings';

/** Sets the history's app settings in `process.env` for one test file and restores them afterwards. */
export function useHistoryEnvironment(): {
  set(values: Partial<Record<(typeof HISTORY_SETTING_NAMES)[number], string>>): void;
} {
  const saved = new Map<string, string | undefined>();
  before(() => {
    for (const name of HISTORY_SETTING_NAMES) saved.set(name, process.env[name]);
  });
  beforeEach(() => {
    for (const name of HISTORY_SETTING_NAMES) delete process.env[name];
  });
  after(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  return {
    set: (values) => {
      for (const [name, value] of Object.entries(values)) process.env[name] = value;
    },
  };
}
