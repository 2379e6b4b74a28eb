import assert from 'node:assert/strict';

import { readPipelineIdentity } from '../../../gate-function/src/read-pipeline-identity';

describe('readPipelineIdentity', () => {
  it('takes the identity headers of the gate or check', () => {
    assert.deepEqual(
      readPipelineIdentity({
        azureDevOps: {
          planUrl: 'https://dev.azure.com/contoso',
          projectId: '6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c',
          hubName: 'Gates',
          planId: 'b7d1e6a2-1111-4c3a-9d10-2f0f4c3a9d10',
          jobId: 'j',
          timelineId: 't',
          taskInstanceId: 'ti',
        },
      }),
      {
        collectionUri: 'https://dev.azure.com/contoso/',
        projectId: '6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c',
        hubName: 'Gates',
        planId: 'b7d1e6a2-1111-4c3a-9d10-2f0f4c3a9d10',
        jobId: 'j',
        timelineId: 't',
        taskInstanceId: 'ti',
      },
    );
  });

  it('completes them with the release or run fields of the request context, keys in any case', () => {
    assert.deepEqual(
      readPipelineIdentity({
        azureDevOps: { planUrl: 'https://dev.azure.com/contoso/', hubName: 'checks' },
        request: {
          Project: 'Sample App',
          BuildId: 812,
          buildNumber: '20260302.4',
          stageName: 'Production',
          stageAttempt: '2',
          other: 'kept elsewhere',
        },
      }),
      {
        collectionUri: 'https://dev.azure.com/contoso/',
        hubName: 'checks',
        project: 'Sample App',
        runId: '812',
        runName: '20260302.4',
        stage: 'Production',
        attempt: '2',
      },
    );
  });

  it('prefers the headers, which Azure DevOps sets, over the context a caller wrote', () => {
    const identity = readPipelineIdentity({
      azureDevOps: { planUrl: 'https://dev.azure.com/real/' },
      request: {
        collectionUri: 'https://dev.azure.com/claimed/',
        releaseId: '42',
        releaseName: 'Release-42',
      },
    });
    assert.equal(identity?.collectionUri, 'https://dev.azure.com/real/');
    assert.equal(identity?.releaseId, '42');
  });

  it('skips unexpanded macros, empty values, non-numeric ids and non-http collections', () => {
    assert.equal(
      readPipelineIdentity({
        request: {
          releaseId: '$(Release.ReleaseId)',
          runId: 'abc',
          attempt: '1.5',
          stage: '  ',
          collectionUri: 'javascript:alert(1)',
          project: { nested: true },
          releaseName: 'x'.repeat(257),
        },
      }),
      undefined,
    );
    assert.deepEqual(
      readPipelineIdentity({ request: { collectionUri: 'ftp://dev.azure.com/x', project: 'p' } }),
      {
        project: 'p',
      },
    );
  });

  it('is undefined when nothing is known', () => {
    assert.equal(readPipelineIdentity({}), undefined);
  });
});
