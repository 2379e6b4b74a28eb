import assert from 'node:assert/strict';

import { describeDynatraceErrorBody, readErrorEnvelope } from '../../../lib/dynatrace/read-error-envelope';

describe('readErrorEnvelope', () => {
  it('reads code, message and constraint violations', () => {
    const envelope = readErrorEnvelope({
      error: {
        code: 400,
        message: 'Constraints violated.',
        constraintViolations: [
          { path: 'flavor', message: "'x' must be any of [...]", parameterLocation: 'QUERY', location: null },
        ],
      },
    });
    assert.deepEqual(envelope, {
      code: 400,
      message: 'Constraints violated.',
      constraintViolations: [
        { path: 'flavor', message: "'x' must be any of [...]", parameterLocation: 'QUERY' },
      ],
    });
  });

  it('treats constraintViolations: null as none, as a 429 envelope sends it', () => {
    assert.deepEqual(
      readErrorEnvelope({ error: { code: 429, message: 'Too many requests.', constraintViolations: null } })
        ?.constraintViolations,
      [],
    );
  });

  it('returns undefined for bodies that are not an envelope', () => {
    assert.equal(readErrorEnvelope('<html>Bad gateway</html>'), undefined);
    assert.equal(readErrorEnvelope({ message: 'x' }), undefined);
    assert.equal(readErrorEnvelope(undefined), undefined);
  });
});

describe('describeDynatraceErrorBody', () => {
  it('lists constraint violations after the message', () => {
    const body = {
      error: {
        code: 400,
        message: 'Constraints violated.',
        constraintViolations: [
          { path: 'metricSelector', message: 'Unknown metric key', parameterLocation: 'QUERY' },
          { path: 'from', message: 'Invalid time', parameterLocation: 'QUERY' },
        ],
      },
    };
    assert.equal(
      describeDynatraceErrorBody(400, body),
      'Constraints violated: metricSelector: Unknown metric key; from: Invalid time',
    );
  });

  it("passes Dynatrace's missing-scope text through for a 403", () => {
    const message = 'Token is missing required scope. Use one of: metrics.read (Read metrics)';
    assert.equal(describeDynatraceErrorBody(403, { error: { code: 403, message } }), message);
  });

  it('says what to check when the token failed authentication', () => {
    assert.equal(
      describeDynatraceErrorBody(401, { error: { code: 401, message: 'Token Authentication failed' } }),
      'Token Authentication failed (check that the API token is valid, not expired and belongs to this environment)',
    );
    assert.match(describeDynatraceErrorBody(401, '<html/>') ?? '', /^The API token failed authentication/);
  });

  it('explains a 403 without an envelope, and leaves other bodies to the generic reading', () => {
    assert.equal(
      describeDynatraceErrorBody(403, undefined),
      'The API token lacks a required scope or permission',
    );
    assert.equal(describeDynatraceErrorBody(502, '<html>Bad gateway</html>'), undefined);
  });
});
