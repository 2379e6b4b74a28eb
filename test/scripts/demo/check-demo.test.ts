import assert from 'node:assert/strict';

import { type DemoFacts, checkDemo } from '../../../scripts/demo/check-demo';
import { goodFacts, goodStories, verdict } from './demo-fixtures';

function failed(facts: DemoFacts): string[] {
  return checkDemo(facts)
    .filter((check) => !check.ok)
    .map((check) => check.description);
}

describe('checkDemo', () => {
  it('holds every check when the demo goes as the stories say', () => {
    const checks = checkDemo(goodFacts());
    assert.deepEqual(
      checks.filter((check) => !check.ok),
      [],
    );
    assert.equal(checks.length, 21);
    for (const check of checks) assert.ok(check.expected !== '' && check.actual !== '', check.description);
  });

  it('fails the early break when build 2 passes its gate and reaches Production', () => {
    const facts = goodFacts();
    const [, second] = facts.stories;
    assert.ok(second);
    const outcome = {
      ...second.outcome,
      gates: [{ ...second.outcome.gates[0]!, verdict: verdict('StagingToProduction', 'pass') }],
      deployments: [
        ...second.outcome.deployments,
        { ...second.outcome.deployments[0]!, stage: 'Production' },
      ],
    };
    const broken = {
      ...facts,
      stories: facts.stories.map((entry) => (entry === second ? { ...entry, outcome } : entry)),
    };
    assert.deepEqual(failed(broken), [
      'Story 2 (Release-2, build 2): the StagingToProduction gate fails',
      'Story 2 (Release-2, build 2): the gate names the failure rate as the violation',
      'Story 2 (Release-2, build 2): the pipeline stops before Production',
    ]);
  });

  it('fails "exactly one rollback" on a second redeploy request, or one aimed at the wrong stage or without the marker', () => {
    const facts = goodFacts();
    const [request] = facts.redeployRequests;
    assert.ok(request);
    const label =
      "Story 4 (Release-4, build 4): exactly one rollback — one redeploy request, to Release-3's Production stage, marked with the problem";
    assert.deepEqual(failed({ ...facts, redeployRequests: [request, request] }), [label]);
    assert.deepEqual(failed({ ...facts, redeployRequests: [{ ...request, releaseEnvironmentId: 5 }] }), [
      label,
    ]);
    assert.deepEqual(failed({ ...facts, redeployRequests: [{ ...request, variables: {} }] }), [label]);
    assert.deepEqual(failed({ ...facts, redeployRequests: [{ ...request, httpStatus: 400 }] }), [label]);
  });

  it('fails the comment check for a second comment or one that does not name both releases', () => {
    const facts = goodFacts();
    const label =
      'Story 4 (Release-4, build 4): exactly one comment on the problem, naming Release-4 and Release-3';
    const withComments = (comments: string[]): DemoFacts => ({
      ...facts,
      problems: facts.problems.map((problem) =>
        problem.displayId === 'P-240002' ? { ...problem, comments } : problem,
      ),
    });
    assert.deepEqual(failed(withComments(['Rolled back Release-4', 'again Release-3'])), [label]);
    assert.deepEqual(failed(withComments(['Rolled back Release-4'])), [label]);
    assert.deepEqual(failed(withComments([])), [label]);
  });

  it('fails when the problem stays open or its RESOLVED notification does something', () => {
    const facts = goodFacts();
    const label =
      'Story 4 (Release-4, build 4): the problem closes as the metrics recover, and its RESOLVED notification changes nothing';
    assert.deepEqual(
      failed({
        ...facts,
        problems: facts.problems.map((problem) => ({ ...problem, status: 'OPEN' as const })),
      }),
      [label],
    );
    assert.deepEqual(
      failed({
        ...facts,
        notifications: facts.notifications.map((notification) =>
          notification.state === 'RESOLVED' ? { ...notification, answer: 'remediated' } : notification,
        ),
      }),
      [label],
    );
  });

  it('fails the rollback story when Dynatrace never calls the webhook', () => {
    const facts = goodFacts();
    const failures = failed({
      ...facts,
      notifications: facts.notifications.filter((notification) => notification.test),
    });
    assert.ok(
      failures.includes(
        'Story 4 (Release-4, build 4): Dynatrace opens a problem on the Production services and calls the self-healing webhook once',
      ),
    );
    assert.ok(
      failures.includes('Story 4 (Release-4, build 4): the self-healing function remediates the problem'),
    );
  });

  it('fails when a deployment could not push its event, when a secret leaked, or when Production ends on another build', () => {
    const facts = goodFacts();
    const stories = goodStories();
    const [first] = stories;
    assert.ok(first);
    const silent = {
      ...first,
      deployments: [
        { ...first.deployments[0]!, taskResult: 'Failed', events: 0 },
        ...first.deployments.slice(1),
      ],
    };
    assert.deepEqual(
      failed({
        ...facts,
        stories: facts.stories.map((entry, index) => (index === 0 ? { ...entry, outcome: silent } : entry)),
      }),
      ['Every deployment pushes its deployment event to Dynatrace'],
    );
    assert.deepEqual(failed({ ...facts, leakedSecrets: ['function key'] }), [
      'No secret (API token, PAT, function key, shared secret) appears in the narration, the host log or the summary',
    ]);
    assert.deepEqual(failed({ ...facts, finalProductionBuild: '4' }), [
      "Story 4 (Release-4, build 4): Production serves Release-3's build again",
    ]);
  });

  it('fails the test notification check when the test notification is not ignored', () => {
    const facts = goodFacts();
    assert.deepEqual(
      failed({ ...facts, notifications: facts.notifications.filter((notification) => !notification.test) }),
      ['The test notification reaches the self-healing function, which does nothing'],
    );
  });
});
