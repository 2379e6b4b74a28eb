import assert from 'node:assert/strict';
import {
  groupCulprits,
  renderProblemComment,
  reportEscalation,
  reportFailure,
  reportNothingToDo,
  reportReleaseRollback,
  reportRemediationAction,
  reportStageReRun,
  type ProblemReference,
} from '../../../lib/remediation';
import { classic, east, found, MINUTE, none, ourEvent, T0, west, yaml } from './remediation-test-kit';

const problem: ProblemReference = {
  problemId: '-64_16V2',
  displayId: 'P-240001',
  title: 'Response time degradation',
  url: 'https://abc.live.dynatrace.com/#problems/problemdetails;pid=-64_16V2',
};
const releaseCulprit = groupCulprits([
  found(east, ourEvent('e', T0 - 30 * MINUTE, { deployment: classic(5) })),
])[0]!;
const runCulprit = groupCulprits([
  found(west, ourEvent('w', T0 - 30 * MINUTE, { deployment: yaml(44) })),
])[0]!;

describe('remediation reports and their problem comments', () => {
  it('says what a release rollback did, why, and links both releases and the problem', () => {
    const report = reportReleaseRollback({
      problem,
      problemStart: T0 - 10 * MINUTE,
      culprit: releaseCulprit,
      deployment: classic(5),
      culpritUrl: 'https://dev.azure.com/fabrikam/p/_release?releaseId=5',
      target: { releaseName: 'Release-4', url: 'https://dev.azure.com/fabrikam/p/_release?releaseId=4' },
    });
    assert.equal(
      renderProblemComment(report),
      [
        '[Unbreakable Pipeline self-healing] Remediated: Rolled back stage Production of SampleNodeJsService-CD: redeployed Release-4 in place of Release-5.',
        '',
        'Release-5 was deployed to Production at 2026-01-15T11:30:00Z, the most recent deployment of ours on east before problem P-240001 started at 2026-01-15T11:50:00Z. ' +
          'Release-4 is the most recent earlier release whose Production deployment succeeded; it was redeployed with the variable ' +
          'UnbreakablePipeline.RollbackOfProblem=P-240001, which marks the new deployment as a rollback so that it is never rolled back automatically.',
        '',
        '- Release-5 (rolled back): https://dev.azure.com/fabrikam/p/_release?releaseId=5',
        '- Release-4 (redeployed): https://dev.azure.com/fabrikam/p/_release?releaseId=4',
        '- Problem P-240001: https://abc.live.dynatrace.com/#problems/problemdetails;pid=-64_16V2',
      ].join('\n'),
    );
    assert.equal(
      report.outcome === 'remediated' && report.target,
      'Release-4 of SampleNodeJsService-CD, stage Production',
    );
  });

  it('says which run a stage re-run came from', () => {
    const report = reportStageReRun({
      problem,
      problemStart: T0,
      culprit: runCulprit,
      deployment: yaml(44),
      culpritUrl: 'https://x/44',
      target: { runName: '20260115.41', runId: 41, url: 'https://x/41' },
    });
    assert.equal(
      report.summary,
      'Rolled back stage Production of SampleNodeJsService-CD: re-ran it from run 20260115.41 in place of run 20260115.44.',
    );
    assert.deepEqual(
      report.links.map((link) => link.label),
      ['run 20260115.44 (rolled back)', 'run 20260115.41 (stage re-run)', 'Problem P-240001'],
    );
  });

  it('says where a remediation action was sent', () => {
    const report = reportRemediationAction({
      problem,
      problemStart: T0,
      culprit: releaseCulprit,
      endpoint: 'https://tower.example.com/api/v2/job_templates/12/launch/',
      status: 201,
    });
    assert.match(
      report.summary,
      /^Called the remediation action of Release-5 .*: https:\/\/tower\.example\.com\/api\/v2\/job_templates\/12\/launch\/ answered 201\.$/,
    );
  });

  it('lists each entity and what was found on it when there is nothing to do', () => {
    const report = reportNothingToDo({
      problem,
      message: 'No deployment of ours.',
      findings: [
        none({ ...east, name: 'east' }, 'no deployment event between a and b'),
        none({ id: west.id }),
      ],
    });
    const comment = renderProblemComment(report);
    assert.match(comment, /^\[Unbreakable Pipeline self-healing\] Nothing to do: /);
    assert.match(
      comment,
      /\nImpacted entities:\n- east \(SERVICE-9E5F2A3B4C6D7182\): no deployment event between a and b\n- SERVICE-AF6A3B4C5D7E8293: no deployment event\n/,
    );
  });

  it('names the reason of an escalation and the suspected deployments', () => {
    const report = reportEscalation({
      problem,
      reason: 'culprit-is-rollback',
      message: 'It is a rollback.',
      culprits: [releaseCulprit],
    });
    assert.equal(
      report.summary,
      'Not remediated automatically (culprit is rollback): a person has to decide.',
    );
    assert.deepEqual(report.outcome === 'escalated' && report.culprits, [
      'Release-5 of SampleNodeJsService-CD, stage Production',
    ]);
  });

  it('tells a retryable failure from one that must be finished by hand', () => {
    const retryable = reportFailure({
      problem,
      retryable: true,
      during: 'searching',
      error: 'Azure DevOps answered 503.',
    });
    const unknown = reportFailure({ problem, retryable: false, during: 'redeploying', error: 'timed out' });
    assert.equal(
      retryable.explanation,
      'Azure DevOps answered 503. Nothing was changed; the next notification for this problem will try again.',
    );
    assert.match(
      unknown.explanation,
      /^timed out\. The change may or may not have been made, so it will not be repeated automatically/,
    );
    assert.match(
      renderProblemComment(unknown),
      /^\[Unbreakable Pipeline self-healing\] Failed: Remediation failed while redeploying\./,
    );
  });
});
