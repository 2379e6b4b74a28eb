import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  readSelfHealSettings,
  secretsOf,
  SETTING_NAMES,
} from '../../../selfheal-function/src/selfheal-settings';
import { SettingsError } from '../../../selfheal-function/src/settings-error';

const TOKEN =
  'dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const PAT = 'pat52charactersxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';
const KEY = 'a2V5LWZvci10ZXN0cy1vbmx5LW5vdC1yZWFsLWF0LWFsbA==';
const minimal = {
  DT_URL: 'https://abc12345.live.dynatrace.com/api/v2/',
  DT_API_TOKEN: TOKEN,
  AzureWebJobsStorage: `DefaultEndpointsProtocol=https;AccountName=fabrikamfn;AccountKey=${KEY};EndpointSuffix=core.windows.net`,
};

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    readSelfHealSettings(env);
  } catch (error) {
    assert.ok(error instanceof SettingsError);
    for (const secret of [TOKEN, PAT, KEY, 'short-secret'])
      assert.ok(!error.message.includes(secret), 'a value leaked');
    return error.problems;
  }
  assert.fail('expected a SettingsError');
}

describe('readSelfHealSettings', () => {
  it('reads the minimal settings and fills in the documented defaults', () => {
    assert.deepEqual(readSelfHealSettings(minimal), {
      dynatraceUrl: 'https://abc12345.live.dynatrace.com',
      dynatraceToken: TOKEN,
      storageConnectionString: minimal.AzureWebJobsStorage,
      tableName: 'unbreakableselfheal',
      azureDevOpsOrganizations: [],
      remediationAllowedHosts: [],
      lookbackMinutes: 180,
      claimLeaseSeconds: 600,
      duplicateWaitSeconds: 10,
      acceptPartialSuccess: false,
      searchPageSize: 25,
    });
  });

  it('reads every optional setting', () => {
    const settings = readSelfHealSettings({
      ...minimal,
      SELFHEAL_TABLE_NAME: 'selfhealprod',
      SELFHEAL_SHARED_SECRET: 'a-long-enough-shared-secret',
      AZURE_DEVOPS_ORGANIZATIONS:
        'https://dev.azure.com/fabrikam, https://tfs.contoso.example/tfs/DefaultCollection;',
      AZURE_DEVOPS_PAT: PAT,
      REMEDIATION_ALLOWED_HOSTS: 'Tower.Example.com *.runbooks.example.net,awx.example.com:8443',
      REMEDIATION_AUTH_HEADER_NAME: 'X-Api-Key',
      REMEDIATION_AUTH_HEADER_VALUE: 'Bearer abc',
      SELFHEAL_LOOKBACK_MINUTES: '60',
      SELFHEAL_CLAIM_LEASE_SECONDS: '300',
      SELFHEAL_DUPLICATE_WAIT_SECONDS: '0',
      SELFHEAL_ACCEPT_PARTIAL_SUCCESS: 'TRUE',
      SELFHEAL_SEARCH_PAGE_SIZE: '100',
    });
    assert.deepEqual(settings.azureDevOpsOrganizations, [
      'https://dev.azure.com/fabrikam/',
      'https://tfs.contoso.example/tfs/DefaultCollection/',
    ]);
    assert.deepEqual(settings.remediationAllowedHosts, [
      'tower.example.com',
      '*.runbooks.example.net',
      'awx.example.com:8443',
    ]);
    assert.deepEqual(settings.remediationAuthHeader, { name: 'X-Api-Key', value: 'Bearer abc' });
    assert.equal(settings.sharedSecret, 'a-long-enough-shared-secret');
    assert.equal(settings.azureDevOpsPat, PAT);
    assert.equal(settings.lookbackMinutes, 60);
    assert.equal(settings.claimLeaseSeconds, 300);
    assert.equal(settings.duplicateWaitSeconds, 0);
    assert.equal(settings.acceptPartialSuccess, true);
    assert.equal(settings.searchPageSize, 100);
    assert.equal(settings.tableName, 'selfhealprod');
  });

  it('lists every missing required setting at once', () => {
    assert.deepEqual(problemsOf({}), [
      'DT_URL is missing; set it to the Dynatrace environment URL, e.g. https://abc12345.live.dynatrace.com',
      'DT_API_TOKEN is missing; set it to a Dynatrace API token with events.read, problems.read and problems.write',
      'AzureWebJobsStorage is missing; set it to the storage account connection string of the function app',
    ]);
  });

  const invalid: readonly { name: string; env: Record<string, string>; problem: RegExp }[] = [
    {
      name: 'a plain-http Dynatrace URL',
      env: { DT_URL: 'http://abc.live.dynatrace.com' },
      problem: /^DT_URL: The Dynatrace environment URL .* must use https/,
    },
    {
      name: 'a token with a prefix',
      env: { DT_API_TOKEN: `Api-Token ${TOKEN}` },
      problem: /^DT_API_TOKEN contains whitespace/,
    },
    {
      name: 'a storage connection string without a key',
      env: { AzureWebJobsStorage: 'AccountName=fabrikamfn' },
      problem:
        /^AzureWebJobsStorage: the storage connection string has neither AccountKey nor SharedAccessSignature/,
    },
    {
      name: 'an invalid table name',
      env: { SELFHEAL_TABLE_NAME: 'self_heal' },
      problem: /^SELFHEAL_TABLE_NAME is "self_heal"; expected 3–63 letters and digits/,
    },
    {
      name: 'a short shared secret',
      env: { SELFHEAL_SHARED_SECRET: 'short-secret' },
      problem: /^SELFHEAL_SHARED_SECRET is too short \(12 characters\); use at least 16/,
    },
    {
      name: 'organizations without a PAT',
      env: { AZURE_DEVOPS_ORGANIZATIONS: 'https://dev.azure.com/fabrikam/' },
      problem:
        /^AZURE_DEVOPS_PAT is missing; it is required when AZURE_DEVOPS_ORGANIZATIONS lists organizations/,
    },
    {
      name: 'an organization URL with credentials, without echoing them',
      env: { AZURE_DEVOPS_ORGANIZATIONS: `https://me:${PAT}@dev.azure.com/fabrikam/`, AZURE_DEVOPS_PAT: PAT },
      problem: /^AZURE_DEVOPS_ORGANIZATIONS entry 1: must not contain credentials/,
    },
    {
      name: 'a plain-http organization URL',
      env: { AZURE_DEVOPS_ORGANIZATIONS: 'http://dev.azure.com/fabrikam/', AZURE_DEVOPS_PAT: PAT },
      problem: /^AZURE_DEVOPS_ORGANIZATIONS entry 1: expected https/,
    },
    {
      name: 'a remediation host that is a URL',
      env: { REMEDIATION_ALLOWED_HOSTS: 'tower.example.com, https://awx.example.com/' },
      problem: /^REMEDIATION_ALLOWED_HOSTS entry 2 is not a host name, host:port or \*\.domain/,
    },
    {
      name: 'an invalid header name',
      env: { REMEDIATION_AUTH_HEADER_NAME: 'X Api Key' },
      problem: /^REMEDIATION_AUTH_HEADER_NAME is "X Api Key"/,
    },
    {
      name: 'a lookback out of range',
      env: { SELFHEAL_LOOKBACK_MINUTES: '2' },
      problem: /^SELFHEAL_LOOKBACK_MINUTES is "2"; expected a whole number from 5 to 43200 \(default 180\)/,
    },
    {
      name: 'a lease that is not a number',
      env: { SELFHEAL_CLAIM_LEASE_SECONDS: '10m' },
      problem: /^SELFHEAL_CLAIM_LEASE_SECONDS is "10m"/,
    },
    {
      name: 'a page size of 0',
      env: { SELFHEAL_SEARCH_PAGE_SIZE: '0' },
      problem: /^SELFHEAL_SEARCH_PAGE_SIZE is "0"; expected a whole number from 1 to 100/,
    },
    {
      name: 'a boolean that is not one',
      env: { SELFHEAL_ACCEPT_PARTIAL_SUCCESS: 'sometimes' },
      problem: /^SELFHEAL_ACCEPT_PARTIAL_SUCCESS is "sometimes"; expected true or false/,
    },
  ];
  for (const { name, env, problem } of invalid) {
    it(`rejects ${name}, naming the setting`, () => {
      const problems = problemsOf({ ...minimal, ...env });
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.match(problems[0] ?? '', problem);
    });
  }

  it('collects the secrets for redaction, including the storage account key', () => {
    const settings = readSelfHealSettings({
      ...minimal,
      SELFHEAL_SHARED_SECRET: 'a-long-enough-shared-secret',
      AZURE_DEVOPS_ORGANIZATIONS: 'https://dev.azure.com/fabrikam',
      AZURE_DEVOPS_PAT: PAT,
      REMEDIATION_AUTH_HEADER_VALUE: 'Bearer abc',
    });
    assert.deepEqual(
      new Set(secretsOf(settings)),
      new Set([TOKEN, minimal.AzureWebJobsStorage, 'a-long-enough-shared-secret', PAT, 'Bearer abc', KEY]),
    );
  });

  it('documents every setting it reads in local.settings.example.json', () => {
    const path = resolve(__dirname, '../../../selfheal-function/local.settings.example.json');
    const example = JSON.parse(readFileSync(path, 'utf8')) as { Values: Record<string, string> };
    for (const name of SETTING_NAMES)
      assert.ok(name in example.Values, `${name} is not in local.settings.example.json`);
  });
});
