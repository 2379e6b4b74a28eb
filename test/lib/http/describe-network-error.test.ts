import assert from 'node:assert/strict';

import { describeNetworkError, isTransientNetworkError } from '../../../lib/http/describe-network-error';

describe('describeNetworkError', () => {
  it('names the failure in words and keeps the code', () => {
    assert.equal(describeNetworkError('ECONNRESET'), 'the connection was reset (ECONNRESET)');
    assert.equal(describeNetworkError('ENOTFOUND'), 'the host name could not be resolved (ENOTFOUND)');
  });

  it('falls back to the bare code, or a generic sentence without one', () => {
    assert.equal(describeNetworkError('EWHATEVER'), 'the request failed (EWHATEVER)');
    assert.equal(describeNetworkError(undefined), 'the request failed before an answer arrived');
  });
});

describe('isTransientNetworkError', () => {
  it('retries broken and refused connections and temporary DNS failures', () => {
    for (const code of ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'EAI_AGAIN', 'ETIMEDOUT']) {
      assert.equal(isTransientNetworkError(code), true, code);
    }
  });

  it('does not retry unknown hosts, certificate errors or unknown failures', () => {
    for (const code of ['ENOTFOUND', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', undefined]) {
      assert.equal(isTransientNetworkError(code), false, String(code));
    }
  });
});
