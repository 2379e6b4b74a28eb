import assert from 'node:assert/strict';
import { toRowKey } from '../../../lib/store';

describe('toRowKey', () => {
  it('keeps Dynatrace problem ids as they are, so the table stays readable', () => {
    assert.equal(toRowKey('-6478017825120311599_1641223491837V2'), '-6478017825120311599_1641223491837V2');
  });

  it('hashes values with characters Table Storage forbids in keys', () => {
    const key = toRowKey('classic|https://dev.azure.com/fabrikam/|release 4');
    assert.match(key, /^sha256-[0-9a-f]{64}$/);
    assert.equal(toRowKey('classic|https://dev.azure.com/fabrikam/|release 4'), key);
    assert.notEqual(toRowKey('classic|https://dev.azure.com/fabrikam/|release 5'), key);
  });

  it('hashes values longer than 200 characters', () => {
    assert.match(toRowKey('a'.repeat(201)), /^sha256-/);
    assert.equal(toRowKey('a'.repeat(200)), 'a'.repeat(200));
  });
});
