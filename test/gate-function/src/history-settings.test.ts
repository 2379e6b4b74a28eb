import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { GateSettingsError } from '../../../gate-function/src/gate-settings-error';
import {
  DEFAULT_HISTORY_TABLE_NAME,
  HISTORY_SETTING_NAMES,
  readHistorySettings,
} from '../../../gate-function/src/history-settings';

const ACCOUNT_KEY = 'c2VjcmV0LWFjY291bnQta2V5LXRoYXQtbXVzdC1uZXZlci1sZWFr';
const CONNECTION = `DefaultEndpointsProtocol=https;AccountName=gatestore;AccountKey=${ACCOUNT_KEY};EndpointSuffix=core.windows.net`;

function problemsOf(source: Record<string, string>): string {
  try {
    readHistorySettings(source);
  } catch (error) {
    assert.ok(error instanceof GateSettingsError, String(error));
    assert.ok(!error.message.includes(ACCOUNT_KEY), 'the account key leaked');
    return error.message;
  }
  assert.fail('expected a GateSettingsError');
}

describe('readHistorySettings', () => {
  it('turns history off when AzureWebJobsStorage is not set (or empty)', () => {
    assert.deepEqual(readHistorySettings({}), { storage: undefined, publicUrl: undefined });
    assert.deepEqual(readHistorySettings({ AzureWebJobsStorage: '  ' }).storage, undefined);
  });

  it('uses the defaults: own table, 90 days, 500 per series', () => {
    assert.deepEqual(readHistorySettings({ AzureWebJobsStorage: CONNECTION }).storage, {
      connectionString: CONNECTION,
      tableName: DEFAULT_HISTORY_TABLE_NAME,
      retentionDays: 90,
      maxPerSeries: 500,
    });
  });

  it('reads the table name, retention, maximum and public URL', () => {
    const settings = readHistorySettings({
      AzureWebJobsStorage: 'UseDevelopmentStorage=true',
      GATE_HISTORY_TABLE_NAME: 'gateruns',
      GATE_HISTORY_RETENTION_DAYS: '30',
      GATE_HISTORY_MAX_PER_SERIES: '2000',
      GATE_PUBLIC_URL: 'https://gate.contoso.com/functions/',
    });
    assert.deepEqual(settings, {
      storage: {
        connectionString: 'UseDevelopmentStorage=true',
        tableName: 'gateruns',
        retentionDays: 30,
        maxPerSeries: 2000,
      },
      publicUrl: 'https://gate.contoso.com/functions',
    });
  });

  it('names every invalid setting at once, without echoing the connection string', () => {
    const message = problemsOf({
      AzureWebJobsStorage: `DefaultEndpointsProtocol=http;AccountName=gatestore;AccountKey=${ACCOUNT_KEY};TableEndpoint=http://storage.example.com`,
      GATE_HISTORY_TABLE_NAME: 'gate-history',
      GATE_HISTORY_RETENTION_DAYS: '0',
      GATE_HISTORY_MAX_PER_SERIES: 'lots',
    });
    assert.match(
      message,
      /AzureWebJobsStorage: the storage connection string points to http:\/\/storage\.example\.com/,
    );
    assert.match(
      message,
      /GATE_HISTORY_TABLE_NAME: expected 3–63 letters and digits starting with a letter, found "gate-history"/,
    );
    assert.match(message, /GATE_HISTORY_RETENTION_DAYS: expected a whole number from 1 to 3650, found "0"/);
    assert.match(
      message,
      /GATE_HISTORY_MAX_PER_SERIES: expected a whole number from 1 to 10000, found "lots"/,
    );
  });

  it('accepts GATE_PUBLIC_URL only as https (http for localhost) without credentials, query or fragment', () => {
    assert.equal(
      readHistorySettings({ GATE_PUBLIC_URL: 'http://127.0.0.1:7071' }).publicUrl,
      'http://127.0.0.1:7071',
    );
    assert.match(
      problemsOf({ GATE_PUBLIC_URL: 'gate.contoso.com' }),
      /GATE_PUBLIC_URL: expected the absolute https address/,
    );
    assert.match(problemsOf({ GATE_PUBLIC_URL: 'http://gate.contoso.com' }), /plain http only for localhost/);
    const withKey = problemsOf({ GATE_PUBLIC_URL: 'https://gate.contoso.com/?code=function-key-123' });
    assert.match(withKey, /without user name, password, query string or fragment/);
    assert.ok(!withKey.includes('function-key-123'));
  });

  describe('local.settings.example.json', () => {
    const example = JSON.parse(
      readFileSync(path.join(__dirname, '../../../gate-function/local.settings.example.json'), 'utf8'),
    ) as { Values: Record<string, string> };

    it('lists every history setting', () => {
      for (const name of HISTORY_SETTING_NAMES) assert.ok(name in example.Values, `${name} is missing`);
    });

    it('holds values the history accepts: Azurite on its default port', () => {
      assert.deepEqual(
        readHistorySettings(example.Values).storage?.connectionString,
        'UseDevelopmentStorage=true',
      );
    });
  });
});
