import assert from 'node:assert/strict';

import { createHistoryRecorder } from '../../../gate-function/src/create-history-recorder';
import {
  type EvaluationHistory,
  type HistoryCallOptions,
  type RecordedEvaluation,
  type RecordOutcome,
  StoreUnavailableError,
} from '../../../lib/store';
import { gateRecord } from './evaluation-record-fixture';

/** A history that remembers what it was asked to record and answers as told. */
function historyAnswering(answer: () => Promise<RecordOutcome>): {
  history: EvaluationHistory;
  calls: { evaluation: RecordedEvaluation; options: HistoryCallOptions | undefined }[];
} {
  const calls: { evaluation: RecordedEvaluation; options: HistoryCallOptions | undefined }[] = [];
  const unused = (): never => assert.fail('the recorder only records');
  return {
    calls,
    history: {
      record: (evaluation, options) => {
        calls.push({ evaluation, options });
        return answer();
      },
      list: unused,
      find: unused,
      listSeries: unused,
    },
  };
}

describe('createHistoryRecorder', () => {
  it('records the evaluation under the gate deadline signal', async () => {
    const { history, calls } = historyAnswering(() => Promise.resolve({ deleted: 0 }));
    const deadline = new AbortController();
    const warnings: string[] = [];
    await createHistoryRecorder(history)(gateRecord(), {
      signal: deadline.signal,
      warn: (line) => warnings.push(line),
    });
    assert.equal(calls.length, 1);
    assert.equal(calls[0]?.evaluation.evaluationId, gateRecord().evaluationId);
    assert.equal(calls[0]?.options?.signal, deadline.signal);
    assert.deepEqual(warnings, []);
  });

  it('only warns when old rows could not be deleted: the evaluation itself was recorded', async () => {
    const failure = new StoreUnavailableError('delete 3 old evaluations', 'history', 503, 'server busy');
    const { history } = historyAnswering(() => Promise.resolve({ deleted: 0, pruneFailure: failure }));
    const warnings: string[] = [];
    await createHistoryRecorder(history)(gateRecord(), {
      signal: new AbortController().signal,
      warn: (line) => warnings.push(line),
    });
    assert.deepEqual(warnings, [
      'the evaluation was recorded, but old evaluations could not be deleted: Azure Table Storage could not delete 3 old evaluations in table "history": server busy (HTTP 503)',
    ]);
  });

  it('fails when the evaluation could not be stored, for the gate to log', async () => {
    const { history } = historyAnswering(() =>
      Promise.reject(
        new StoreUnavailableError('record evaluation x', 'history', undefined, 'no answer within 10000 ms'),
      ),
    );
    await assert.rejects(
      createHistoryRecorder(history)(gateRecord(), {
        signal: new AbortController().signal,
        warn: () => undefined,
      }),
      StoreUnavailableError,
    );
  });
});
