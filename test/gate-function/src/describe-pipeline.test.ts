import assert from 'node:assert/strict';

import { describePipeline } from '../../../gate-function/src/describe-pipeline';

describe('describePipeline', () => {
  it('links a classic release to its summary', () => {
    assert.deepEqual(
      describePipeline({
        collectionUri: 'https://dev.azure.com/contoso',
        project: 'Sample App',
        releaseId: '42',
        releaseName: 'Release-42',
        stage: 'Production',
        attempt: '2',
      }),
      {
        label: 'Release-42 · Production · attempt 2',
        url: 'https://dev.azure.com/contoso/Sample%20App/_release?releaseId=42&_a=release-summary',
      },
    );
  });

  it('links a YAML run to its results, by project id when the name is unknown', () => {
    assert.deepEqual(
      describePipeline({ collectionUri: 'https://dev.azure.com/contoso/', projectId: 'p-1', runId: '812' }),
      {
        label: 'Run 812',
        url: 'https://dev.azure.com/contoso/p-1/_build/results?buildId=812&view=results',
      },
    );
  });

  it('describes without a link what cannot be linked', () => {
    assert.deepEqual(describePipeline({ releaseName: 'Release-42' }), { label: 'Release-42' });
    assert.deepEqual(describePipeline({ hubName: 'checks', planId: 'plan-1' }), {
      label: 'checks plan plan-1',
    });
    assert.equal(describePipeline({ jobId: 'j' }), undefined);
    assert.equal(describePipeline(undefined), undefined);
  });

  it('never links to anything but http(s)', () => {
    assert.equal(
      describePipeline({ collectionUri: 'javascript:alert(1)//', project: 'p', runId: '1' })?.url,
      undefined,
    );
  });
});
