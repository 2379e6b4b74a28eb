import assert from 'node:assert/strict';

import { createDynatraceError, DynatraceApiError } from '../../../lib/dynatrace/dynatrace-api-error';
import { HttpError, type HttpErrorInit } from '../../../lib/http/http-error';

const base: HttpErrorInit = {
  kind: 'status',
  message: 'Dynatrace GET /api/v2/metrics/query failed with 400: Constraints violated: metricSelector: bad',
  serviceName: 'Dynatrace',
  method: 'GET',
  path: '/api/v2/metrics/query',
  attempts: 1,
  status: 400,
  responseBody: {
    error: {
      code: 400,
      message: 'Constraints violated.',
      constraintViolations: [{ path: 'metricSelector', message: 'bad', parameterLocation: 'QUERY' }],
    },
  },
};

describe('createDynatraceError', () => {
  it('makes a DynatraceApiError carrying the envelope when Dynatrace answered with an error', () => {
    const error = createDynatraceError(base);
    assert.ok(error instanceof DynatraceApiError);
    assert.ok(error instanceof HttpError);
    assert.equal(error.name, 'DynatraceApiError');
    assert.equal(error.status, 400);
    assert.equal(error.code, 400);
    assert.equal(error.errorMessage, 'Constraints violated.');
    assert.deepEqual(error.constraintViolations, [
      { path: 'metricSelector', message: 'bad', parameterLocation: 'QUERY' },
    ]);
    assert.equal(error.message, base.message);
  });

  it('makes a DynatraceApiError without envelope fields when the body was not an envelope', () => {
    const error = createDynatraceError({ ...base, status: 502, responseBody: '<html/>' });
    assert.ok(error instanceof DynatraceApiError);
    assert.equal(error.code, undefined);
    assert.deepEqual(error.constraintViolations, []);
  });

  it('makes a plain HttpError for failures without an answer', () => {
    const error = createDynatraceError({
      kind: 'timeout',
      message: 'Dynatrace GET /x timed out after 10 s',
      serviceName: 'Dynatrace',
      method: 'GET',
      path: '/x',
      attempts: 4,
    });
    assert.ok(!(error instanceof DynatraceApiError));
    assert.equal(error.kind, 'timeout');
  });
});
