import assert from 'node:assert/strict';

import { GateRequestError } from '../../../gate-function/src/gate-request-error';
import { readEvaluationsQuery } from '../../../gate-function/src/read-evaluations-query';

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

describe('readEvaluationsQuery', () => {
  it('defaults to the latest 50 of everything', () => {
    assert.deepEqual(readEvaluationsQuery(query('')), { limit: 50 });
  });

  it('reads service, comparison, since (ISO or epoch ms) and limit; code is the key and ignored', () => {
    assert.deepEqual(
      readEvaluationsQuery(
        query('service=A%20B&comparison=C&since=2026-03-01T00:00:00%2B01:00&limit=500&code=k'),
      ),
      { service: 'A B', comparison: 'C', since: Date.parse('2026-02-28T23:00:00Z'), limit: 500 },
    );
    assert.equal(readEvaluationsQuery(query('since=1772323200000')).since, 1772323200000);
  });

  it('names the parameter at fault', () => {
    assert.equal(refusal(() => readEvaluationsQuery(query('limit=0'))).path, 'limit');
    assert.match(
      refusal(() => readEvaluationsQuery(query('limit=501'))).message,
      /limit: expected a whole number from 1 to 500, found "501"/,
    );
    const since = refusal(() => readEvaluationsQuery(query('since=yesterday')));
    assert.equal(since.path, 'since');
    assert.match(since.message, /since: expected epoch milliseconds or an ISO 8601 time with a zone/);
    assert.match(
      refusal(() => readEvaluationsQuery(query('since=2026-03-01T00:00:00'))).message,
      /with a zone/,
    );
    assert.match(
      refusal(() => readEvaluationsQuery(query('service='))).message,
      /service: must not be empty/,
    );
    assert.match(
      refusal(() => readEvaluationsQuery(query('service=a&service=b'))).message,
      /service: expected one value, found 2/,
    );
    const unknown = refusal(() => readEvaluationsQuery(query('servce=a')));
    assert.equal(unknown.path, 'servce');
    assert.match(
      unknown.message,
      /"servce": unknown query parameter; expected service, comparison, since, limit/,
    );
  });
});
