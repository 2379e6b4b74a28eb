import assert from 'node:assert/strict';

import { type DeliveryAttempt } from '../../../../tasks/push-deployment-event/src/delivery-attempt';
import { sendUntilMatched } from '../../../../tasks/push-deployment-event/src/send-until-matched';

/** Answers with the scripted attempts in order and records every wait and notice. */
function script(...attempts: DeliveryAttempt[]) {
  const log: string[] = [];
  let sends = 0;
  return {
    log,
    sends: () => sends,
    send: (): Promise<DeliveryAttempt> => {
      const attempt = attempts[sends] ?? attempts[attempts.length - 1];
      sends += 1;
      log.push(`send ${sends}`);
      return attempt === undefined
        ? Promise.reject(new Error('no attempt scripted'))
        : Promise.resolve(attempt);
    },
    plan: (retries: number) => ({
      retries,
      delayMs: 15_000,
      sleep: (ms: number) => {
        log.push(`sleep ${ms}`);
        return Promise.resolve();
      },
      onUnmatched: (attempt: number, total: number) => log.push(`unmatched ${attempt}/${total}`),
    }),
  };
}

const NO_MATCH: DeliveryAttempt = { matched: false };

describe('sendUntilMatched', () => {
  it('returns at once when the first attempt matches', async () => {
    const run = script({ matched: true, ids: ['a'] });
    assert.deepEqual(await sendUntilMatched(run.send, run.plan(3)), {
      matched: true,
      ids: ['a'],
      attempts: 1,
    });
    assert.deepEqual(run.log, ['send 1']);
  });

  it('waits the delay before each retry and stops at the first match', async () => {
    const run = script(NO_MATCH, NO_MATCH, { matched: true, ids: ['a', 'b'] });
    assert.deepEqual(await sendUntilMatched(run.send, run.plan(3)), {
      matched: true,
      ids: ['a', 'b'],
      attempts: 3,
    });
    assert.deepEqual(run.log, [
      'send 1',
      'unmatched 1/4',
      'sleep 15000',
      'send 2',
      'unmatched 2/4',
      'sleep 15000',
      'send 3',
    ]);
  });

  it('gives up after the retries without waiting after the last attempt', async () => {
    const run = script(NO_MATCH);
    assert.deepEqual(await sendUntilMatched(run.send, run.plan(2)), { matched: false, attempts: 3 });
    assert.equal(run.sends(), 3);
    assert.equal(run.log.at(-1), 'send 3');
  });

  it('sends once when no retries are allowed', async () => {
    const run = script(NO_MATCH);
    assert.deepEqual(await sendUntilMatched(run.send, run.plan(0)), { matched: false, attempts: 1 });
    assert.deepEqual(run.log, ['send 1']);
  });

  it('does not retry failures', async () => {
    const failure = new Error('403');
    let sends = 0;
    await assert.rejects(
      sendUntilMatched(() => {
        sends += 1;
        return Promise.reject(failure);
      }, script().plan(3)),
      (error: unknown) => error === failure,
    );
    assert.equal(sends, 1);
  });
});
