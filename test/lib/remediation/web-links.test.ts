import assert from 'node:assert/strict';
import { problemWebUrl, releaseWebUrl, runWebUrl } from '../../../lib/remediation';

describe('web links', () => {
  it('builds the problem page from the environment URL', () => {
    assert.equal(
      problemWebUrl('https://abc12345.live.dynatrace.com/', '-64_16V2'),
      'https://abc12345.live.dynatrace.com/#problems/problemdetails;pid=-64_16V2',
    );
  });

  it('builds release and run pages with the project name encoded', () => {
    assert.equal(
      releaseWebUrl('https://dev.azure.com/fabrikam', 'Fabrikam Fiber', 4),
      'https://dev.azure.com/fabrikam/Fabrikam%20Fiber/_release?releaseId=4&_a=release-summary',
    );
    assert.equal(
      runWebUrl('https://dev.azure.com/fabrikam/', 'Fabrikam Fiber', 41),
      'https://dev.azure.com/fabrikam/Fabrikam%20Fiber/_build/results?buildId=41',
    );
  });
});
