import assert from 'node:assert/strict';

import { GateRequestError } from '../../../gate-function/src/gate-request-error';
import { mapGateError } from '../../../gate-function/src/map-gate-error';
import { MonspecFetchError } from '../../../gate-function/src/monspec-fetch-error';
import { HttpError } from '../../../lib/http';
import { MetricResponseError, MonspecRequestError } from '../../../lib/monspec';

const inTime = { passed: false, seconds: 15 };
const late = { passed: true, seconds: 15 };

function httpError(kind: ConstructorParameters<typeof HttpError>[0]['kind']): HttpError {
  return new HttpError({
    kind,
    message: `Dynatrace GET /api/v2/metrics/query ${kind}`,
    serviceName: 'Dynatrace',
    method: 'GET',
    path: '/api/v2/metrics/query',
    attempts: 1,
  });
}

describe('mapGateError', () => {
  it('answers bad requests with their status and path, the path leading the message', () => {
    assert.deepEqual(mapGateError(new GateRequestError('expected …', { path: 'window' }), inTime), {
      status: 400,
      message: 'window: expected …',
      path: 'window',
    });
    assert.equal(mapGateError(new GateRequestError('too big', { status: 413 }), inTime).status, 413);
  });

  it("names request fields in the callers' terms and monspec entries by their request path", () => {
    assert.equal(
      mapGateError(new MonspecRequestError('windowMinutes', 'out of range'), inTime).path,
      'window',
    );
    assert.equal(mapGateError(new MonspecRequestError('endMs', 'out of range'), inTime).path, 'end');
    assert.equal(
      mapGateError(new MonspecRequestError('Svc.perfsignature[2]', 'no v1 equivalent'), inTime).path,
      'monspec.Svc.perfsignature[2]',
    );
  });

  it('blames the request for a refused or missing monspec and the host for its failures', () => {
    const status = (error: MonspecFetchError, deadline = inTime): number =>
      mapGateError(error, deadline).status;
    assert.equal(status(new MonspecFetchError('refused', 'no')), 400);
    assert.equal(status(new MonspecFetchError('too-large', 'big')), 400);
    assert.equal(status(new MonspecFetchError('answered', '404', { status: 404 })), 400);
    assert.equal(status(new MonspecFetchError('answered', '503', { status: 503 })), 502);
    assert.equal(status(new MonspecFetchError('unreachable', 'dns')), 502);
    assert.equal(status(new MonspecFetchError('timeout', 'slow')), 502);
    assert.equal(status(new MonspecFetchError('aborted', 'gave up'), late), 504);
  });

  it('answers 502 for Dynatrace failures and 504 when the deadline cut them short', () => {
    assert.equal(mapGateError(httpError('status'), inTime).status, 502);
    assert.match(mapGateError(httpError('status'), inTime).message, /^Dynatrace failed: /);
    assert.equal(mapGateError(httpError('rate-limited'), inTime).status, 502);
    assert.equal(mapGateError(httpError('deadline'), inTime).status, 504);
    assert.equal(mapGateError(httpError('aborted'), late).status, 504);
    assert.equal(mapGateError(new MetricResponseError('responses[0]', 'no result'), inTime).status, 502);
  });

  it('hides unexpected errors behind a 500, unless the deadline explains them', () => {
    assert.deepEqual(mapGateError(new Error('secret detail'), inTime), {
      status: 500,
      message: 'the gate failed unexpectedly; the function log has the details',
    });
    assert.equal(mapGateError(new Error('x'), late).status, 504);
  });
});
