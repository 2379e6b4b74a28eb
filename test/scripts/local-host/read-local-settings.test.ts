import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { readLocalSettings } from '../../../scripts/local-host/read-local-settings';

describe('readLocalSettings', () => {
  let directory: string;

  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'local-settings-'));
  });

  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  const write = (content: string): void =>
    writeFileSync(path.join(directory, 'local.settings.json'), content);

  it('is empty for an app without local.settings.json, as on a fresh clone', () => {
    assert.deepEqual(readLocalSettings(directory), {});
  });

  it('reads the Values', () => {
    write(
      JSON.stringify({ IsEncrypted: false, Values: { DT_URL: 'https://x.live.dynatrace.com', EMPTY: '' } }),
    );
    assert.deepEqual(readLocalSettings(directory), { DT_URL: 'https://x.live.dynatrace.com', EMPTY: '' });
  });

  it('names the file and the problem when it cannot be used', () => {
    write('{ "Values": ');
    assert.throws(() => readLocalSettings(directory), /local\.settings\.json is not valid JSON/);
    write(JSON.stringify({ IsEncrypted: true, Values: {} }));
    assert.throws(() => readLocalSettings(directory), /is encrypted/);
    write(JSON.stringify({ Values: { GATE_DEADLINE_SECONDS: 15 } }));
    assert.throws(
      () => readLocalSettings(directory),
      /Values\.GATE_DEADLINE_SECONDS must be a string, found number/,
    );
  });
});
