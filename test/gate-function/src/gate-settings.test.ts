import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { isAllowedHost } from '../../../gate-function/src/allowed-hosts';
import { GATE_SETTING_NAMES, readGateSettings } from '../../../gate-function/src/gate-settings';
import { GateSettingsError } from '../../../gate-function/src/gate-settings-error';

const TOKEN = 'dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX.secretsecretsecret';
const REQUIRED = { DT_URL: 'https://abc12345.live.dynatrace.com/api/v2/', DT_API_TOKEN: TOKEN };

function problemsOf(source: Record<string, string>): GateSettingsError {
  try {
    readGateSettings(source);
  } catch (error) {
    assert.ok(error instanceof GateSettingsError);
    assert.doesNotMatch(error.message, /secretsecret/);
    return error;
  }
  return assert.fail('expected the settings to be refused');
}

describe('readGateSettings', () => {
  it('applies the documented defaults', () => {
    const settings = readGateSettings(REQUIRED);
    assert.deepEqual(settings, {
      dynatraceUrl: 'https://abc12345.live.dynatrace.com',
      dynatraceToken: TOKEN,
      dynatraceApi: 'v2',
      monspecAllowedHosts: [],
      monspecBearerToken: undefined,
      monspecFetchTimeoutMs: 5000,
      ingestDelayMs: 60_000,
      defaultWindowMinutes: 5,
      deadlineMs: 15_000,
    });
  });

  it('reads every setting and treats empty values as unset', () => {
    const settings = readGateSettings({
      ...REQUIRED,
      DT_API_VERSION: 'V1',
      MONSPEC_ALLOWED_HOSTS: 'raw.githubusercontent.com, *.blob.core.windows.net',
      MONSPEC_BEARER_TOKEN: '',
      MONSPEC_FETCH_TIMEOUT_SECONDS: '3',
      GATE_INGEST_DELAY_SECONDS: '0',
      GATE_DEFAULT_WINDOW_MINUTES: '2.5',
      GATE_DEADLINE_SECONDS: '18',
    });
    assert.equal(settings.dynatraceApi, 'v1');
    assert.equal(isAllowedHost('acct.blob.core.windows.net', settings.monspecAllowedHosts), true);
    assert.equal(settings.monspecBearerToken, undefined);
    assert.equal(settings.monspecFetchTimeoutMs, 3000);
    assert.equal(settings.ingestDelayMs, 0);
    assert.equal(settings.defaultWindowMinutes, 2.5);
    assert.equal(settings.deadlineMs, 18_000);
  });

  it('names every missing required setting at once', () => {
    const error = problemsOf({});
    assert.deepEqual(
      error.problems.map((problem) => problem.setting),
      ['DT_URL', 'DT_API_TOKEN'],
    );
    assert.match(error.message, /^The gate function app is misconfigured: DT_URL: is not set/);
  });

  it('keeps the deadline under the 20 s Azure DevOps allows', () => {
    const error = problemsOf({ ...REQUIRED, GATE_DEADLINE_SECONDS: '20' });
    assert.match(
      error.message,
      /GATE_DEADLINE_SECONDS: expected a whole number of seconds from 1 to 18, found "20"/,
    );
  });

  it('gives the monspec fetch half of a short deadline unless told otherwise', () => {
    assert.equal(readGateSettings({ ...REQUIRED, GATE_DEADLINE_SECONDS: '4' }).monspecFetchTimeoutMs, 2000);
  });

  it('refuses a monspec fetch timeout that leaves no time for Dynatrace', () => {
    const error = problemsOf({ ...REQUIRED, GATE_DEADLINE_SECONDS: '5', MONSPEC_FETCH_TIMEOUT_SECONDS: '5' });
    assert.match(
      error.message,
      /MONSPEC_FETCH_TIMEOUT_SECONDS: must be less than GATE_DEADLINE_SECONDS \(5\)/,
    );
  });

  it('names invalid values without echoing secrets', () => {
    const error = problemsOf({
      DT_URL: 'http://tenant.example.com',
      DT_API_TOKEN: `Api-Token ${TOKEN}`,
      DT_API_VERSION: 'v3',
      MONSPEC_ALLOWED_HOSTS: 'https://example.com',
      MONSPEC_BEARER_TOKEN: 'Bearer secretsecret',
      GATE_DEFAULT_WINDOW_MINUTES: '0',
      GATE_INGEST_DELAY_SECONDS: '-1',
    });
    assert.deepEqual(
      error.problems.map((problem) => problem.setting),
      [
        'DT_URL',
        'DT_API_TOKEN',
        'DT_API_VERSION',
        'MONSPEC_ALLOWED_HOSTS',
        'MONSPEC_BEARER_TOKEN',
        'GATE_INGEST_DELAY_SECONDS',
        'GATE_DEFAULT_WINDOW_MINUTES',
      ],
    );
    assert.match(error.message, /DT_API_TOKEN: contains whitespace; expected a Dynatrace API token/);
  });

  describe('local.settings.example.json', () => {
    const example = JSON.parse(
      readFileSync(path.join(__dirname, '../../../gate-function/local.settings.example.json'), 'utf8'),
    ) as { IsEncrypted: boolean; Values: Record<string, string> };

    it('lists every setting the gate reads', () => {
      for (const name of GATE_SETTING_NAMES) assert.ok(name in example.Values, `${name} is missing`);
    });

    it('holds values the gate accepts', () => {
      assert.equal(example.IsEncrypted, false);
      assert.doesNotThrow(() => readGateSettings(example.Values));
    });
  });
});
