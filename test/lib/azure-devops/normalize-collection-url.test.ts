import assert from 'node:assert/strict';
import { normalizeCollectionUrl } from '../../../lib/azure-devops';

describe('normalizeCollectionUrl', () => {
  it('accepts Azure DevOps Services, visualstudio.com and Server collections, adding the trailing slash', () => {
    assert.equal(normalizeCollectionUrl('https://dev.azure.com/fabrikam'), 'https://dev.azure.com/fabrikam/');
    assert.equal(
      normalizeCollectionUrl(' https://fabrikam.visualstudio.com/ '),
      'https://fabrikam.visualstudio.com/',
    );
    assert.equal(
      normalizeCollectionUrl('https://tfs.fabrikam.example/tfs/DefaultCollection//'),
      'https://tfs.fabrikam.example/tfs/DefaultCollection/',
    );
  });

  it('accepts plain http only for loopback hosts', () => {
    assert.equal(normalizeCollectionUrl('http://127.0.0.1:8080/fabrikam'), 'http://127.0.0.1:8080/fabrikam/');
    assert.equal(normalizeCollectionUrl('http://localhost/fabrikam/'), 'http://localhost/fabrikam/');
    assert.throws(
      () => normalizeCollectionUrl('http://dev.azure.com/fabrikam'),
      /collectionUrl: expected https/,
    );
  });

  it('rejects credentials in the URL without echoing them', () => {
    assert.throws(
      () => normalizeCollectionUrl('https://me:secret-pat@dev.azure.com/fabrikam'),
      (error: unknown) =>
        error instanceof RangeError &&
        /must not contain credentials/.test(error.message) &&
        !error.message.includes('secret-pat'),
    );
  });

  it('rejects the Release Management host, query strings and non-URLs', () => {
    assert.throws(
      () => normalizeCollectionUrl('https://vsrm.dev.azure.com/fabrikam'),
      /Release Management host/,
    );
    assert.throws(
      () => normalizeCollectionUrl('https://fabrikam.vsrm.visualstudio.com/'),
      /Release Management host/,
    );
    assert.throws(() => normalizeCollectionUrl('https://dev.azure.com/fabrikam?x=1'), /no query string/);
    assert.throws(() => normalizeCollectionUrl('fabrikam'), /expected an absolute URL/);
  });
});
