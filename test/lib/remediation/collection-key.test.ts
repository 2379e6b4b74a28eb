import assert from 'node:assert/strict';
import { collectionKey, matchAllowedCollection } from '../../../lib/remediation';

describe('collectionKey', () => {
  it('ignores case and the trailing slash', () => {
    assert.equal(
      collectionKey('https://dev.azure.com/Fabrikam'),
      collectionKey(' https://DEV.azure.com/fabrikam/ '),
    );
  });

  it('keeps the scheme and the URL style apart', () => {
    assert.notEqual(
      collectionKey('http://dev.azure.com/fabrikam/'),
      collectionKey('https://dev.azure.com/fabrikam/'),
    );
    assert.notEqual(
      collectionKey('https://fabrikam.visualstudio.com/'),
      collectionKey('https://dev.azure.com/fabrikam/'),
    );
  });
});

describe('matchAllowedCollection', () => {
  const allowed = ['https://dev.azure.com/fabrikam/', 'https://tfs.contoso.example/tfs/DefaultCollection/'];

  it('returns the configured URL for an event URI that names the same collection', () => {
    assert.equal(
      matchAllowedCollection('https://dev.azure.com/FABRIKAM', allowed),
      'https://dev.azure.com/fabrikam/',
    );
    assert.equal(
      matchAllowedCollection('https://tfs.contoso.example/tfs/defaultcollection', allowed),
      'https://tfs.contoso.example/tfs/DefaultCollection/',
    );
  });

  it('finds nothing for other organizations, sub-paths or garbage', () => {
    for (const uri of [
      'https://dev.azure.com/fabrikam-evil/',
      'https://dev.azure.com/fabrikam/project/',
      'not a url',
      '',
    ]) {
      assert.equal(matchAllowedCollection(uri, allowed), undefined, uri);
    }
  });
});
