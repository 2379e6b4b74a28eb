import { type RecordedEvaluation, type RecordedResult } from '../../../lib/store';

/** 2026-03-02T08:00:00Z: the first evaluation of the fixtures. */
export const FIXTURE_T0 = Date.parse('2026-03-02T08:00:00Z');
export const HOUR = 3_600_000;

/** A response-time entry of the sample app; override what a test is about. */
export function responseTime(overrides: Partial<RecordedResult> = {}): RecordedResult {
  return {
    metric: 'Response time',
    key: 'com.dynatrace.builtin:service.responsetime',
    aggregate: 'avg',
    validate: 'upper',
    unit: 'ms',
    source: 91.3,
    compare: 100,
    threshold: 115,
    limitKind: 'relative',
    status: 'pass',
    outcome: 'pass',
    reason: '91.3 ms ≤ threshold 115 ms (Production 100 ms + 15 %)',
    ...overrides,
  };
}

/** A failure-rate entry of the sample app. */
export function failureRate(overrides: Partial<RecordedResult> = {}): RecordedResult {
  return {
    metric: 'Failure rate',
    key: 'com.dynatrace.builtin:service.failurerate',
    aggregate: 'avg',
    validate: 'upper',
    unit: '%',
    source: 0,
    compare: 1,
    threshold: 1.15,
    limitKind: 'relative',
    status: 'pass',
    outcome: 'pass',
    reason: '0 % ≤ threshold 1.15 % (Production 1 % + 15 %)',
    ...overrides,
  };
}

/** Evaluation number `index` of the sample app's StagingToProduction, one hour apart, release 100 + index. */
export function recordedEvaluation(
  index: number,
  overrides: Partial<RecordedEvaluation> = {},
): RecordedEvaluation {
  const evaluatedAt = FIXTURE_T0 + index * HOUR;
  const from = new Date(evaluatedAt - 6 * 60_000).toISOString();
  const to = new Date(evaluatedAt - 60_000).toISOString();
  return {
    evaluationId: `evaluation-${index}`,
    evaluatedAt,
    service: 'SampleJSonService',
    comparison: 'StagingToProduction',
    status: 'pass',
    summary: 'pass: all 2 metrics within their thresholds',
    totalViolations: 0,
    windowMinutes: 5,
    source: {
      environment: 'Staging',
      from,
      to,
      entitySelector: 'type(SERVICE),tag("DeploymentGroup:Staging")',
    },
    compare: {
      environment: 'Production',
      from,
      to,
      entitySelector: 'type(SERVICE),tag("DeploymentGroup:Production")',
    },
    results: [responseTime(), failureRate()],
    pipeline: {
      collectionUri: 'https://dev.azure.com/contoso/',
      project: 'Sample App',
      releaseId: String(100 + index),
      releaseName: `Release-${100 + index}`,
      stage: 'Production',
    },
    ...overrides,
  };
}
