import { type EvaluationHistory } from '../../lib/store';
import { type EvaluationRecorder } from './evaluation-record';
import { toRecordedEvaluation } from './to-recorded-evaluation';

/**
 * The gate's recorder for the evaluation history. It stops when the gate's deadline passes (the verdict is
 * never late because of the history) and throws when the evaluation could not be stored, which the gate
 * logs without changing its verdict. That old rows could not be deleted is only a warning: the next write
 * tries again.
 */
export function createHistoryRecorder(history: EvaluationHistory): EvaluationRecorder {
  return async (record, options) => {
    const outcome = await history.record(toRecordedEvaluation(record), { signal: options.signal });
    if (outcome.pruneFailure !== undefined) {
      options.warn(
        `the evaluation was recorded, but old evaluations could not be deleted: ${outcome.pruneFailure.message}`,
      );
    }
  };
}
