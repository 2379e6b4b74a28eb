import assert from 'node:assert/strict';

import { TableClient } from '@azure/data-tables';

import { startAzurite } from '../../../scripts/azurite/start-azurite';

describe('startAzurite', function () {
  this.timeout(40_000);

  it('serves Table Storage in memory at the connection string it returns, until closed', async () => {
    const azurite = await startAzurite();
    try {
      const table = TableClient.fromConnectionString(azurite.connectionString, 'demotest', {
        allowInsecureConnection: true,
      });
      await table.createTable();
      await table.createEntity({ partitionKey: 'p', rowKey: 'r', value: 'stored' });
      assert.equal((await table.getEntity<{ value: string }>('p', 'r')).value, 'stored');
      assert.match(
        azurite.connectionString,
        /^DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=.+;TableEndpoint=http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1;$/,
      );
    } finally {
      await azurite.close();
    }
    await azurite.close();
  });

  it('stops Azurite and says so when it does not listen within the startup limit', async () => {
    await assert.rejects(
      startAzurite({ startupLimitMs: 0 }),
      /Azurite \(table service\) did not listen on 127\.0\.0\.1:\d+ within 0 ms/,
    );
  });
});
