import assert from 'node:assert/strict';
import { judgeRunCandidate, type RunStageCandidate } from '../../../lib/remediation';
import { yaml } from './remediation-test-kit';

const culprit = yaml(44);
const run = (
  runId: number,
  stage: RunStageCandidate['stage'],
  extra: Partial<RunStageCandidate> = {},
): RunStageCandidate => ({
  runId,
  runName: `20260115.${runId}`,
  pipelineId: 7,
  sourceBranch: 'refs/heads/main',
  ...(stage === undefined ? {} : { stage }),
  ...extra,
});
const succeeded = { identifier: 'Production', state: 'completed', result: 'succeeded' };

describe('judgeRunCandidate', () => {
  const cases: readonly {
    name: string;
    candidate: RunStageCandidate;
    acceptPartialSuccess?: boolean;
    expected: true | string;
  }[] = [
    { name: 'accepts an earlier run whose stage succeeded', candidate: run(41, succeeded), expected: true },
    {
      name: 'rejects the bad run itself',
      candidate: run(44, succeeded),
      expected: 'run 20260115.44 (44) is not earlier than the run to roll back',
    },
    {
      name: 'rejects a run of another pipeline',
      candidate: run(41, succeeded, { pipelineId: 8 }),
      expected: 'run 20260115.41 (41) belongs to pipeline 8, not 7',
    },
    {
      name: 'rejects a run from another branch',
      candidate: run(41, succeeded, { sourceBranch: 'refs/heads/feature' }),
      expected: 'run 20260115.41 (41) was built from refs/heads/feature, not refs/heads/main',
    },
    {
      name: 'compares branches case-insensitively',
      candidate: run(41, succeeded, { sourceBranch: 'refs/heads/MAIN' }),
      expected: true,
    },
    {
      name: 'rejects a run without the stage',
      candidate: run(41, undefined),
      expected: 'run 20260115.41 (41) has no stage Production',
    },
    {
      name: 'rejects a skipped stage',
      candidate: run(43, { state: 'completed', result: 'skipped' }),
      expected: 'stage Production of run 20260115.43 (43) ended skipped',
    },
    {
      name: 'rejects a stage that is not completed',
      candidate: run(43, { state: 'inProgress' }),
      expected: 'stage Production of run 20260115.43 (43) is inProgress',
    },
    {
      name: 'rejects a stage that succeeded with issues by default',
      candidate: run(42, { state: 'completed', result: 'succeededWithIssues' }),
      expected: 'stage Production of run 20260115.42 (42) ended succeededWithIssues',
    },
    {
      name: 'accepts a stage that succeeded with issues when the policy allows it',
      candidate: run(42, { state: 'completed', result: 'succeededWithIssues' }),
      acceptPartialSuccess: true,
      expected: true,
    },
  ];
  for (const { name, candidate, acceptPartialSuccess, expected } of cases) {
    it(name, () => {
      const verdict = judgeRunCandidate(culprit, candidate, {
        acceptPartialSuccess: acceptPartialSuccess ?? false,
      });
      assert.equal(verdict.accept ? true : verdict.reason, expected);
    });
  }

  it('accepts any branch when the bad run does not say which', () => {
    const verdict = judgeRunCandidate(
      yaml(44, { sourceBranch: undefined }),
      run(41, succeeded, { sourceBranch: 'refs/heads/x' }),
      {
        acceptPartialSuccess: false,
      },
    );
    assert.equal(verdict.accept, true);
  });
});
