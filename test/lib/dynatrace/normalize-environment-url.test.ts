import assert from 'node:assert/strict';

import { normalizeEnvironmentUrl } from '../../../lib/dynatrace/normalize-environment-url';

describe('normalizeEnvironmentUrl', () => {
  it('accepts a SaaS environment URL as it is', () => {
    assert.equal(
      normalizeEnvironmentUrl('https://abc12345.live.dynatrace.com'),
      'https://abc12345.live.dynatrace.com',
    );
  });

  it('drops trailing slashes and surrounding whitespace', () => {
    assert.equal(
      normalizeEnvironmentUrl(' https://abc12345.live.dynatrace.com// \n'),
      'https://abc12345.live.dynatrace.com',
    );
  });

  it('keeps the /e/<environment-id> path and port of a Managed or ActiveGate URL', () => {
    assert.equal(
      normalizeEnvironmentUrl('https://dynatrace.example.com:9999/e/1a2b3c4d-0000/'),
      'https://dynatrace.example.com:9999/e/1a2b3c4d-0000',
    );
  });

  it('removes a mistakenly appended /api, /api/v1 or /api/v2', () => {
    for (const suffix of ['/api', '/api/', '/api/v2', '/api/v2/', '/API/V1']) {
      assert.equal(
        normalizeEnvironmentUrl(`https://abc.live.dynatrace.com${suffix}`),
        'https://abc.live.dynatrace.com',
        suffix,
      );
    }
    assert.equal(normalizeEnvironmentUrl('https://host/e/env-1/api/v2'), 'https://host/e/env-1');
  });

  it('accepts plain http only for loopback hosts', () => {
    assert.equal(normalizeEnvironmentUrl('http://127.0.0.1:41234'), 'http://127.0.0.1:41234');
    assert.equal(normalizeEnvironmentUrl('http://localhost:8021/'), 'http://localhost:8021');
    assert.equal(normalizeEnvironmentUrl('http://[::1]:8021'), 'http://[::1]:8021');
  });

  it('rejects plain http to any other host, naming the value', () => {
    assert.throws(
      () => normalizeEnvironmentUrl('http://abc.live.dynatrace.com'),
      /^TypeError: The Dynatrace environment URL "http:\/\/abc\.live\.dynatrace\.com\/" must use https/,
    );
  });

  it('rejects text that is not a URL, naming the value and giving examples', () => {
    assert.throws(
      () => normalizeEnvironmentUrl('abc.live.dynatrace.com'),
      /"abc\.live\.dynatrace\.com" is not an absolute URL; expected e\.g\. https:\/\/abc12345\.live\.dynatrace\.com/,
    );
  });

  it('rejects credentials without repeating them', () => {
    assert.throws(
      () => normalizeEnvironmentUrl('https://user:hunter2@abc.live.dynatrace.com'),
      (error: Error) =>
        /must not contain credentials/.test(error.message) && !error.message.includes('hunter2'),
    );
  });

  it('rejects a query string or fragment without repeating it', () => {
    assert.throws(
      () => normalizeEnvironmentUrl('https://abc.live.dynatrace.com/?api-token=dt0c01.secret'),
      (error: Error) =>
        /must not contain a query string/.test(error.message) && !error.message.includes('dt0c01'),
    );
    assert.throws(() => normalizeEnvironmentUrl('https://abc.live.dynatrace.com/#problems'), /fragment/);
  });

  it('points from the platform UI address to the API address', () => {
    assert.throws(
      () => normalizeEnvironmentUrl('https://abc12345.apps.dynatrace.com/ui/apps'),
      /platform UI address; the Environment API is served at https:\/\/abc12345\.live\.dynatrace\.com/,
    );
  });
});
