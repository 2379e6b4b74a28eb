import assert from 'node:assert/strict';
import { describeTableEndpoint } from '../../../lib/store';

const KEY = 'c2VjcmV0LWFjY291bnQta2V5LXZhbHVlLTEyMzQ1Njc4OTA=';

describe('describeTableEndpoint', () => {
  const cases: readonly { name: string; connectionString: string; url: string; insecure: boolean }[] = [
    {
      name: 'derives the https endpoint of an Azure account from AccountName and EndpointSuffix',
      connectionString: `DefaultEndpointsProtocol=https;AccountName=fabrikamfn;AccountKey=${KEY};EndpointSuffix=core.windows.net`,
      url: 'https://fabrikamfn.table.core.windows.net',
      insecure: false,
    },
    {
      name: 'defaults to https and core.windows.net, with keys in any case',
      connectionString: `accountname=fabrikamfn;ACCOUNTKEY=${KEY}`,
      url: 'https://fabrikamfn.table.core.windows.net',
      insecure: false,
    },
    {
      name: 'uses an explicit TableEndpoint (sovereign clouds, private endpoints)',
      connectionString: `TableEndpoint=https://tables.example.net/;SharedAccessSignature=sv=2022&sig=abc`,
      url: 'https://tables.example.net',
      insecure: false,
    },
    {
      name: 'allows plain http to Azurite on loopback',
      connectionString: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${KEY};TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;`,
      url: 'http://127.0.0.1:10002/devstoreaccount1',
      insecure: true,
    },
    {
      name: 'understands UseDevelopmentStorage=true',
      connectionString: 'UseDevelopmentStorage=true',
      url: 'http://127.0.0.1:10002/devstoreaccount1',
      insecure: true,
    },
  ];
  for (const { name, connectionString, url, insecure } of cases) {
    it(name, () => {
      const endpoint = describeTableEndpoint(connectionString);
      assert.equal(endpoint.url, url);
      assert.equal(endpoint.allowInsecureConnection, insecure);
    });
  }

  it('lists the account key and the SAS token as secrets', () => {
    assert.deepEqual(
      describeTableEndpoint(`AccountName=a;AccountKey=${KEY};SharedAccessSignature=sig=xyz`).secrets,
      [KEY, 'sig=xyz'],
    );
  });

  const rejected: readonly { name: string; connectionString: string; message: RegExp }[] = [
    {
      name: 'plain http to a remote host',
      connectionString: `DefaultEndpointsProtocol=http;AccountName=fabrikamfn;AccountKey=${KEY}`,
      message:
        /points to http:\/\/fabrikamfn\.table\.core\.windows\.net\/; expected https \(plain http only for the local emulator/,
    },
    {
      name: 'no credential (identity-based connections are not supported)',
      connectionString: 'AccountName=fabrikamfn',
      message:
        /has neither AccountKey nor SharedAccessSignature \(identity-based connections are not supported\)/,
    },
    {
      name: 'no account and no endpoint',
      connectionString: `AccountKey=${KEY}`,
      message: /has no AccountName and no TableEndpoint/,
    },
    {
      name: 'text that is not Name=value pairs',
      connectionString: `AccountName=a;${KEY.replace(/=/g, '')}`,
      message: /is not a list of Name=value pairs separated by ";"/,
    },
  ];
  for (const { name, connectionString, message } of rejected) {
    it(`rejects ${name} without echoing the key`, () => {
      assert.throws(
        () => describeTableEndpoint(connectionString),
        (error: unknown) =>
          error instanceof RangeError && message.test(error.message) && !error.message.includes(KEY),
      );
    });
  }
});
