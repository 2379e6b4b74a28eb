import assert from 'node:assert/strict';

import { buildMetricSeries, evaluationLabel } from '../../../../gate-function/src/report/build-metric-series';
import { failureRate, FIXTURE_T0, recordedEvaluation, responseTime } from '../recorded-evaluation-fixture';

describe('buildMetricSeries', () => {
  it('makes one series per metric with the evaluations oldest first', () => {
    const series = buildMetricSeries([
      recordedEvaluation(2, { results: [responseTime({ source: 95 }), failureRate()] }),
      recordedEvaluation(1, { results: [responseTime({ source: 90 }), failureRate()] }),
    ]);
    assert.deepEqual(
      series.map((item) => [item.id, item.metric]),
      [
        ['metric-1', 'Response time'],
        ['metric-2', 'Failure rate'],
      ],
    );
    assert.deepEqual(
      series[0]?.points.map((point) => [point.evaluationId, point.source]),
      [
        ['evaluation-1', 90],
        ['evaluation-2', 95],
      ],
    );
  });

  it('tells metrics apart by key, aggregate and validate, and follows the newest label', () => {
    const series = buildMetricSeries([
      recordedEvaluation(2, {
        results: [responseTime({ metric: 'Latency' }), responseTime({ aggregate: 'max' })],
      }),
      recordedEvaluation(1, { results: [responseTime()] }),
    ]);
    assert.deepEqual(
      series.map((item) => `${item.metric} (${item.aggregate})`),
      ['Latency (avg)', 'Response time (max)'],
    );
    assert.deepEqual(
      series[1]?.points.map((point) => point.status),
      ['absent', 'pass'],
      'the max entry did not exist in the first evaluation',
    );
  });

  it('keeps a metric only older evaluations had, after the current ones', () => {
    const series = buildMetricSeries([
      recordedEvaluation(2, { results: [responseTime()] }),
      recordedEvaluation(1, { results: [failureRate(), responseTime()] }),
    ]);
    assert.deepEqual(
      series.map((item) => item.metric),
      ['Response time', 'Failure rate'],
    );
    assert.deepEqual(
      series[1]?.points.map((point) => [point.status, point.source]),
      [
        ['pass', 0],
        ['absent', null],
      ],
    );
  });

  it('takes the environments of the newest evaluation', () => {
    const older = recordedEvaluation(1);
    const series = buildMetricSeries([
      recordedEvaluation(2, { source: { ...older.source, environment: 'Staging-EU' } }),
      older,
    ]);
    assert.equal(series[0]?.sourceEnvironment, 'Staging-EU');
  });
});

describe('evaluationLabel', () => {
  it('names the release, else the run, else the time', () => {
    assert.equal(evaluationLabel(recordedEvaluation(1)), 'Release-101');
    assert.equal(
      evaluationLabel(recordedEvaluation(1, { pipeline: { runName: '20260302.4' } })),
      '20260302.4',
    );
    assert.equal(evaluationLabel(recordedEvaluation(1, { pipeline: { runId: '812' } })), 'Run 812');
    assert.equal(evaluationLabel(recordedEvaluation(0, { pipeline: { releaseId: '7' } })), 'Release 7');
    const { pipeline: _, ...withoutPipeline } = recordedEvaluation(0);
    assert.equal(evaluationLabel(withoutPipeline), '03-02 08:00');
    assert.equal(FIXTURE_T0, Date.parse('2026-03-02T08:00:00Z'));
  });
});
