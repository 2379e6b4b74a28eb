import assert from 'node:assert/strict';

import { type RecordedEvaluation, StoredRecordError } from '../../../lib/store';
import { readEvaluationRow, toEvaluationRow } from '../../../lib/store/evaluation-row';

const EVALUATION: RecordedEvaluation = {
  evaluationId: 'e-1',
  evaluatedAt: Date.parse('2026-03-02T08:00:00Z'),
  service: 'SampleJSonService',
  comparison: 'StagingToProduction',
  status: 'fail',
  summary: 'fail: 1 of 1 metrics violated',
  totalViolations: 1,
  windowMinutes: 2.5,
  source: {
    environment: 'Staging',
    from: '2026-03-02T07:54:00.000Z',
    to: '2026-03-02T07:59:00.000Z',
    entitySelector: 's',
  },
  compare: {
    environment: 'Production',
    from: '2026-03-02T07:54:00.000Z',
    to: '2026-03-02T07:59:00.000Z',
    entitySelector: 'c',
  },
  results: [
    {
      metric: 'Failure rate',
      key: 'com.dynatrace.builtin:service.failurerate',
      aggregate: 'avg',
      validate: 'upper',
      unit: '%',
      source: 50,
      compare: null,
      threshold: null,
      limitKind: 'relative',
      status: 'nodata',
      outcome: 'warning',
      reason: 'no data in Production',
    },
  ],
  pipeline: { runId: '812', stage: 'Production' },
};

const read = (row: Record<string, unknown>) => readEvaluationRow('history', 'p', 'r', row);

function problem(row: Record<string, unknown>): string {
  try {
    read(row);
  } catch (error) {
    assert.ok(error instanceof StoredRecordError, String(error));
    assert.match(error.message, /^The row p\/r of table "history" is malformed: /);
    return error.message;
  }
  assert.fail('expected a StoredRecordError');
}

describe('evaluation rows', () => {
  it('read back what was written', () => {
    assert.deepEqual(read(toEvaluationRow(EVALUATION)), EVALUATION);
  });

  it('keep readable columns for Storage Explorer', () => {
    const row = toEvaluationRow(EVALUATION);
    assert.equal(row['evaluatedAt'], '2026-03-02T08:00:00.000Z');
    assert.equal(row['sourceEnvironment'], 'Staging');
    assert.equal(row['status'], 'fail');
  });

  it('clip a very long summary', () => {
    const row = toEvaluationRow({ ...EVALUATION, summary: 'x'.repeat(5_000) });
    assert.equal(String(row['summary']).length, 4_000);
    assert.ok(String(row['summary']).endsWith('…'));
  });

  it('refuse results that cannot fit a table entity', () => {
    const result = { ...EVALUATION.results[0]!, reason: 'r'.repeat(30_000) };
    assert.throws(
      () => toEvaluationRow({ ...EVALUATION, results: Array.from({ length: 13 }, () => result) }),
      /the evaluation e-1 has too many results to record: 13 entries take more than 12 table properties of JSON/,
    );
  });

  it('name the property that is malformed', () => {
    const row = toEvaluationRow(EVALUATION);
    assert.match(
      problem({ ...row, format: 2 }),
      /property format should be 1 \(an evaluation row of this version\), found 2/,
    );
    assert.match(
      problem({ ...row, totalViolations: -1 }),
      /property totalViolations should be a whole number ≥ 0, found -1/,
    );
    assert.match(
      problem({ ...row, windowMinutes: '5' }),
      /property windowMinutes should be a positive number, found "5"/,
    );
    assert.match(
      problem({ ...row, status: 'error' }),
      /property status should be one of pass, warning, fail, found "error"/,
    );
    assert.match(problem({ ...row, results: '{}' }), /property results should be a JSON array, found \{\}/);
    const { results: _, ...withoutResults } = row;
    assert.match(problem(withoutResults), /property results is missing/);
    assert.match(
      problem({ ...row, results: JSON.stringify([{ ...EVALUATION.results[0], status: 'unknown' }]) }),
      /results\[0\]\.status should be one of pass, violation, nodata, found "unknown"/,
    );
    assert.match(
      problem({ ...row, results: JSON.stringify([{ ...EVALUATION.results[0], source: 'high' }]) }),
      /results\[0\]\.source should be a number or null, found "high"/,
    );
    assert.match(
      problem({ ...row, pipeline: '{"runId": 812}' }),
      /pipeline\.runId should be a string, found 812/,
    );
    assert.match(
      problem({ ...row, requestContext: '[1]' }),
      /requestContext should be a JSON object, found \[1\]/,
    );
    assert.match(
      problem({ ...row, sourceSelector: '' }),
      /property sourceSelector should be a non-empty string, found ""/,
    );
  });
});
