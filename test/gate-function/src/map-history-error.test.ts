import assert from 'node:assert/strict';

import { GateRequestError } from '../../../gate-function/src/gate-request-error';
import { GateSettingsError } from '../../../gate-function/src/gate-settings-error';
import { mapHistoryError } from '../../../gate-function/src/map-history-error';
import { StoredRecordError, StoreUnavailableError } from '../../../lib/store';

describe('mapHistoryError', () => {
  it('answers a bad query 400 with the parameter', () => {
    assert.deepEqual(mapHistoryError(new GateRequestError('limit: too big', { path: 'limit' })), {
      status: 400,
      message: 'limit: too big',
      path: 'limit',
    });
  });

  it('answers misconfiguration and unreadable rows 500 with what to fix', () => {
    const settings = new GateSettingsError([{ setting: 'GATE_HISTORY_TABLE_NAME', message: 'bad' }]);
    assert.deepEqual(mapHistoryError(settings), { status: 500, message: settings.message });
    const row = new StoredRecordError('history', 'p', 'r', 'property x is wrong');
    assert.deepEqual(mapHistoryError(row), { status: 500, message: row.message });
  });

  it('answers an unreachable store 503, to be retried', () => {
    const error = new StoreUnavailableError(
      'list evaluations',
      'history',
      undefined,
      'no answer within 10000 ms',
    );
    assert.deepEqual(mapHistoryError(error), { status: 503, message: error.message });
  });

  it('answers anything else 500 without its message, which could say anything', () => {
    assert.deepEqual(mapHistoryError(new TypeError('secret-ish internals')), {
      status: 500,
      message:
        'the history could not be read because of an unexpected error; the function log has the details',
    });
  });
});
