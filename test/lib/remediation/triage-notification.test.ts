import assert from 'node:assert/strict';
import {
  TEST_NOTIFICATION_TITLE,
  triageNotification,
  type ProblemNotification,
} from '../../../lib/remediation';

const open: ProblemNotification = { state: 'OPEN', problemId: '1_2V2', entities: [], tags: [], notes: [] };

describe('triageNotification', () => {
  const cases: readonly { name: string; notification: ProblemNotification; expected: string }[] = [
    { name: 'acts on an OPEN problem', notification: open, expected: 'act' },
    {
      name: 'ignores a RESOLVED problem',
      notification: { ...open, state: 'RESOLVED' },
      expected: 'not-open',
    },
    {
      name: 'ignores a MERGED notification',
      notification: { ...open, state: 'MERGED' },
      expected: 'not-open',
    },
    {
      name: "ignores Dynatrace's test notification by its title, in any case",
      notification: { ...open, title: TEST_NOTIFICATION_TITLE.toUpperCase() },
      expected: 'test-notification',
    },
    {
      name: "ignores Dynatrace's test notification by its PID",
      notification: { ...open, problemId: '99999' },
      expected: 'test-notification',
    },
  ];
  for (const { name, notification, expected } of cases) {
    it(name, () => {
      const triage = triageNotification(notification);
      assert.equal(triage.kind === 'act' ? 'act' : triage.reason, expected);
    });
  }

  it('says why it ignores a notification', () => {
    assert.deepEqual(triageNotification({ ...open, state: 'RESOLVED' }), {
      kind: 'ignore',
      reason: 'not-open',
      message: "The problem's state is RESOLVED; only OPEN problems are remediated. Nothing was done.",
    });
  });
});
