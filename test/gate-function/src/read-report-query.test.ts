import assert from 'node:assert/strict';

import { GateRequestError } from '../../../gate-function/src/gate-request-error';
import { readReportQuery } from '../../../gate-function/src/read-report-query';

const query = (text: string): URLSearchParams => new URLSearchParams(text);

function refusal(read: () => unknown): GateRequestError {
  try {
    read();
  } catch (error) {
    assert.ok(error instanceof GateRequestError, String(error));
    assert.equal(error.status, 400);
    return error;
  }
  assert.fail('expected a GateRequestError');
}

describe('readReportQuery', () => {
  it('asks for the list of series without service and comparison', () => {
    assert.deepEqual(readReportQuery(query('code=k')), { kind: 'series' });
  });

  it('reads a report of a series, 30 evaluations by default', () => {
    assert.deepEqual(readReportQuery(query('service=S&comparison=C&evaluation=e-1')), {
      kind: 'report',
      service: 'S',
      comparison: 'C',
      evaluationId: 'e-1',
      limit: 30,
    });
    assert.equal(
      (readReportQuery(query('service=S&comparison=C&limit=200')) as { limit: number }).limit,
      200,
    );
  });

  it('requires service and comparison together', () => {
    assert.equal(refusal(() => readReportQuery(query('service=S'))).path, 'comparison');
    assert.equal(refusal(() => readReportQuery(query('comparison=C'))).path, 'service');
    assert.equal(refusal(() => readReportQuery(query('evaluation=e'))).path, 'service');
    assert.equal(refusal(() => readReportQuery(query('service=S&comparison=C&limit=201'))).path, 'limit');
    assert.equal(refusal(() => readReportQuery(query('service=S&comparison=C&since=1'))).path, 'since');
  });
});
