import assert from 'node:assert/strict';

import { toRecordedEvaluation } from '../../../gate-function/src/to-recorded-evaluation';
import { gateRecord } from './evaluation-record-fixture';

describe('toRecordedEvaluation', () => {
  it('keeps the verdict, the windows, each entry and who asked', () => {
    assert.deepEqual(toRecordedEvaluation(gateRecord()), {
      evaluationId: '0b7c5d0e-3f1a-4c55-9f0e-1d2c3b4a5968',
      evaluatedAt: Date.parse('2026-03-02T08:00:00Z'),
      service: 'SampleJSonService',
      comparison: 'StagingToProduction',
      status: 'fail',
      summary: 'fail: 1 of 1 metrics violated — Failure rate (avg) in Staging 50 % > 1.15 %',
      totalViolations: 1,
      windowMinutes: 5,
      source: gateRecord().result.source,
      compare: gateRecord().result.compare,
      results: [
        {
          metric: 'Failure rate',
          key: 'com.dynatrace.builtin:service.failurerate',
          aggregate: 'avg',
          validate: 'upper',
          unit: '%',
          source: 50,
          compare: 1,
          threshold: 1.15,
          limitKind: 'relative',
          status: 'violation',
          outcome: 'fail',
          reason: '50 % > threshold 1.15 % (Production 1 % + 15 %)',
        },
      ],
      pipeline: {
        collectionUri: 'https://dev.azure.com/contoso/',
        hubName: 'release',
        planId: 'plan-1',
        releaseId: '42',
        releaseName: 'Release-42',
        stage: 'Production',
      },
      requestContext: { releaseId: '42', releaseName: 'Release-42', stage: 'Production', build: '1.4.2' },
      monspecOrigin: 'https://raw.githubusercontent.com/contoso/app/main/monspec.json',
    });
  });

  it('records a call without Azure DevOps context without a pipeline', () => {
    const recorded = toRecordedEvaluation(gateRecord({ context: {} }));
    assert.equal(recorded.pipeline, undefined);
    assert.equal(recorded.requestContext, undefined);
  });
});
