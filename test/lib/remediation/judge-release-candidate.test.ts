import assert from 'node:assert/strict';
import { judgeReleaseCandidate, type ReleaseDeploymentCandidate } from '../../../lib/remediation';
import { classic } from './remediation-test-kit';

const culprit = classic(5);
const candidate = (
  releaseId: number,
  deploymentStatus: string,
  extra: Partial<ReleaseDeploymentCandidate> = {},
) => ({
  releaseId,
  releaseName: `Release-${releaseId}`,
  definitionId: 1,
  definitionEnvironmentId: 2,
  releaseEnvironmentId: releaseId * 10 + 2,
  deploymentStatus,
  ...extra,
});

describe('judgeReleaseCandidate', () => {
  const cases: readonly {
    name: string;
    candidate: ReleaseDeploymentCandidate;
    acceptPartialSuccess?: boolean;
    expected: true | string;
  }[] = [
    {
      name: 'accepts an earlier release that succeeded in the stage',
      candidate: candidate(4, 'succeeded'),
      expected: true,
    },
    {
      name: 'rejects the bad release itself',
      candidate: candidate(5, 'succeeded'),
      expected: 'Release-5 is not earlier than the release to roll back',
    },
    {
      name: 'rejects a later release',
      candidate: candidate(6, 'succeeded'),
      expected: 'Release-6 is not earlier than the release to roll back',
    },
    {
      name: 'rejects a release whose deployment failed',
      candidate: candidate(3, 'failed'),
      expected: 'the latest deployment of Release-3 to Production is failed',
    },
    {
      name: 'rejects a deployment still in progress',
      candidate: candidate(3, 'inProgress'),
      expected: 'the latest deployment of Release-3 to Production is inProgress',
    },
    {
      name: 'rejects a partial success by default',
      candidate: candidate(4, 'partiallySucceeded'),
      expected: 'the latest deployment of Release-4 to Production is partiallySucceeded',
    },
    {
      name: 'accepts a partial success when the policy allows it',
      candidate: candidate(4, 'partiallySucceeded'),
      acceptPartialSuccess: true,
      expected: true,
    },
    {
      name: 'rejects another stage of the definition',
      candidate: candidate(4, 'succeeded', { definitionEnvironmentId: 1 }),
      expected: 'Release-4 is a deployment of definition 1 stage 1, not of definition 1 stage 2',
    },
    {
      name: 'rejects another definition',
      candidate: candidate(4, 'succeeded', { definitionId: 9 }),
      expected: 'Release-4 is a deployment of definition 9 stage 2, not of definition 1 stage 2',
    },
  ];
  for (const { name, candidate: tried, acceptPartialSuccess, expected } of cases) {
    it(name, () => {
      const verdict = judgeReleaseCandidate(culprit, tried, {
        acceptPartialSuccess: acceptPartialSuccess ?? false,
      });
      assert.equal(verdict.accept ? true : verdict.reason, expected);
    });
  }

  it('picks release 4 from the issue-5 history when fed newest first', () => {
    const history = [
      candidate(5, 'succeeded'),
      candidate(4, 'succeeded'),
      candidate(3, 'failed'),
      candidate(2, 'succeeded'),
    ];
    const target = history.find(
      (tried) => judgeReleaseCandidate(culprit, tried, { acceptPartialSuccess: false }).accept,
    );
    assert.equal(target?.releaseId, 4);
  });
});
