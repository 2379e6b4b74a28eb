import assert from 'node:assert/strict';

import { buildRequestUrl, pathWithoutQuery } from '../../../lib/http/build-request-url';

describe('buildRequestUrl', () => {
  it('joins base URL and path without doubling slashes', () => {
    assert.equal(
      buildRequestUrl('https://abc.live.dynatrace.com/', '/api/v2/events'),
      'https://abc.live.dynatrace.com/api/v2/events',
    );
    assert.equal(
      buildRequestUrl('https://host/e/env-1', '/api/v2/events'),
      'https://host/e/env-1/api/v2/events',
    );
  });

  it('percent-encodes keys and values, spaces as %20 and plus signs as %2B', () => {
    assert.equal(
      buildRequestUrl('http://h', '/p', { fields: '+tags,+lastSeenTms', q: 'a b&c=d' }),
      'http://h/p?fields=%2Btags%2C%2BlastSeenTms&q=a%20b%26c%3Dd',
    );
  });

  it('repeats a parameter for each array value and skips undefined values', () => {
    assert.equal(
      buildRequestUrl('http://h', '/p', { entity: ['a', 'b'], none: undefined, n: 5, b: false }),
      'http://h/p?entity=a&entity=b&n=5&b=false',
    );
  });

  it('appends to a query string already in the path', () => {
    assert.equal(
      buildRequestUrl('http://h', '/p?api-version=7.1', { top: 5 }),
      'http://h/p?api-version=7.1&top=5',
    );
  });

  it('rejects a path that does not start with a slash', () => {
    assert.throws(() => buildRequestUrl('http://h', 'api/v2'), /must start with "\/"; found "api\/v2"/);
  });
});

describe('pathWithoutQuery', () => {
  it('drops the query string and fragment', () => {
    assert.equal(pathWithoutQuery('/api/v2/events?nextPageKey=abc'), '/api/v2/events');
    assert.equal(pathWithoutQuery('/a#b'), '/a');
    assert.equal(pathWithoutQuery('/plain'), '/plain');
  });
});
