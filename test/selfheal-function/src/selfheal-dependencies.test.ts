import assert from 'node:assert/strict';
import { createSelfHealDependencies } from '../../../selfheal-function/src/selfheal-dependencies';
import { readSelfHealSettings } from '../../../selfheal-function/src/selfheal-settings';

const settings = readSelfHealSettings({
  DT_URL: 'https://abc12345.live.dynatrace.com',
  DT_API_TOKEN: 'dt0c01.TOKEN.SECRET',
  AzureWebJobsStorage: 'UseDevelopmentStorage=true',
  AZURE_DEVOPS_ORGANIZATIONS: 'https://dev.azure.com/fabrikam/',
  AZURE_DEVOPS_PAT: 'the-personal-access-token',
  REMEDIATION_AUTH_HEADER_VALUE: 'Bearer remediation-token',
});

describe('createSelfHealDependencies', () => {
  const deps = createSelfHealDependencies(settings);

  it('connects to an allowed organization however its URL is spelled, and reuses the connection', () => {
    const connection = deps.azureDevOps('https://dev.azure.com/Fabrikam');
    assert.equal(connection.collectionUrl, 'https://dev.azure.com/fabrikam/');
    assert.equal(deps.azureDevOps('https://dev.azure.com/fabrikam/'), connection);
  });

  it('refuses to create a connection (and so to send the PAT) to any other organization', () => {
    assert.throws(
      () => deps.azureDevOps('https://dev.azure.com/attacker/'),
      /https:\/\/dev\.azure\.com\/attacker\/ is not one of the organizations in AZURE_DEVOPS_ORGANIZATIONS/,
    );
  });

  it('redacts every configured secret', () => {
    assert.equal(
      deps.redact('token dt0c01.TOKEN.SECRET pat the-personal-access-token auth Bearer remediation-token'),
      'token [REDACTED] pat [REDACTED] auth [REDACTED]',
    );
    assert.deepEqual(deps.redactValue({ nested: ['the-personal-access-token'] }), { nested: ['[REDACTED]'] });
  });
});
