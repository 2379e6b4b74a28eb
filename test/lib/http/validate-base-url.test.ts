import assert from 'node:assert/strict';

import { validateBaseUrl } from '../../../lib/http/validate-base-url';

describe('validateBaseUrl', () => {
  it('returns the URL without a trailing slash, keeping its path', () => {
    assert.equal(validateBaseUrl('https://dev.azure.com/org/', 'Azure DevOps'), 'https://dev.azure.com/org');
    assert.equal(validateBaseUrl('http://127.0.0.1:8080', 'Dynatrace'), 'http://127.0.0.1:8080');
  });

  it('rejects credentials in the URL without repeating them', () => {
    assert.throws(
      () => validateBaseUrl('https://user:pw-123@example.com', 'Dynatrace'),
      (error: Error) =>
        error.message.includes('must not contain credentials') && !error.message.includes('pw-123'),
    );
  });

  it('rejects a query string without repeating it', () => {
    assert.throws(
      () => validateBaseUrl('https://example.com/?token=abc', 'Dynatrace'),
      (error: Error) =>
        error.message === 'The Dynatrace base URL must not contain a query string or fragment.',
    );
  });

  it('rejects other schemes and relative URLs, naming the service', () => {
    assert.throws(
      () => validateBaseUrl('file:///etc', 'Azure DevOps'),
      /^TypeError: The Azure DevOps base URL must use http or https/,
    );
    assert.throws(
      () => validateBaseUrl('/api', 'Dynatrace'),
      /must be an absolute http\(s\) URL; found "\/api"/,
    );
  });
});
