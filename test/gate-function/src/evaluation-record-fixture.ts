import { type EvaluationRecord } from '../../../gate-function/src/evaluation-record';

/** A gate record as createGateHandler hands it to the recorder. */
export function gateRecord(overrides: Partial<EvaluationRecord> = {}): EvaluationRecord {
  return {
    evaluationId: '0b7c5d0e-3f1a-4c55-9f0e-1d2c3b4a5968',
    evaluatedAt: '2026-03-02T08:00:00.000Z',
    context: {
      azureDevOps: { planUrl: 'https://dev.azure.com/contoso/', hubName: 'release', planId: 'plan-1' },
      request: { releaseId: '42', releaseName: 'Release-42', stage: 'Production', build: '1.4.2' },
    },
    monspecOrigin: 'https://raw.githubusercontent.com/contoso/app/main/monspec.json',
    dynatraceRequests: 2,
    result: {
      status: 'fail',
      summary: 'fail: 1 of 1 metrics violated — Failure rate (avg) in Staging 50 % > 1.15 %',
      totalViolations: 1,
      service: 'SampleJSonService',
      comparison: 'StagingToProduction',
      windowMinutes: 5,
      source: {
        environment: 'Staging',
        from: '2026-03-02T07:54:00.000Z',
        to: '2026-03-02T07:59:00.000Z',
        entitySelector: 'type(SERVICE),tag("DeploymentGroup:Staging")',
      },
      compare: {
        environment: 'Production',
        from: '2026-03-02T07:54:00.000Z',
        to: '2026-03-02T07:59:00.000Z',
        entitySelector: 'type(SERVICE),tag("DeploymentGroup:Production")',
      },
      results: [
        {
          path: 'perfsignature[0]',
          metric: 'Failure rate',
          key: 'com.dynatrace.builtin:service.failurerate',
          selector: 'builtin:service.errors.total.rate:splitBy():avg',
          aggregate: 'avg',
          validate: 'upper',
          unit: '%',
          source: 50,
          compare: 1,
          threshold: 1.15,
          limitKind: 'relative',
          scaleFactor: 15,
          status: 'violation',
          outcome: 'fail',
          reason: '50 % > threshold 1.15 % (Production 1 % + 15 %)',
          notes: ['a note'],
        },
      ],
    },
    ...overrides,
  };
}
