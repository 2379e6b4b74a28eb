import assert from 'node:assert/strict';
import { computeEventWindow, EVENT_TOLERANCE_MS, findEntityCulprit } from '../../../lib/remediation';
import { classic, east, foreignEvent, MINUTE, ourEvent, T0 } from './remediation-test-kit';

const window = computeEventWindow(T0, 180);
const eventIdOf = (finding: ReturnType<typeof findEntityCulprit>): string | undefined =>
  finding.kind === 'deployment' ? finding.event.eventId : undefined;

describe('findEntityCulprit', () => {
  it('picks the most recent deployment event of ours, whatever order the API returned', () => {
    const finding = findEntityCulprit(
      east,
      [
        ourEvent('older', T0 - 60 * MINUTE, { deployment: classic(4) }),
        ourEvent('newest', T0 - 10 * MINUTE, { deployment: classic(5) }),
        ourEvent('middle', T0 - 30 * MINUTE, { deployment: classic(5) }),
      ],
      window,
    );
    assert.equal(eventIdOf(finding), 'newest');
    assert.equal(finding.kind === 'deployment' && finding.parsed.deployment?.kind, 'classic-release');
  });

  it('passes over a later deployment written by another tool', () => {
    const finding = findEntityCulprit(
      east,
      [
        foreignEvent('jenkins', T0 - 5 * MINUTE),
        ourEvent('ours', T0 - 30 * MINUTE, { deployment: classic(5) }),
      ],
      window,
    );
    assert.equal(eventIdOf(finding), 'ours');
  });

  const outside: readonly { name: string; startTime: number }[] = [
    { name: 'before the lookback', startTime: T0 - 181 * MINUTE },
    {
      name: 'after the tolerance (e.g. a rollback made for this very problem)',
      startTime: T0 + EVENT_TOLERANCE_MS + 1,
    },
  ];
  for (const { name, startTime } of outside) {
    it(`ignores an event ${name}`, () => {
      const finding = findEntityCulprit(east, [ourEvent('e', startTime, { deployment: classic(5) })], window);
      assert.equal(finding.kind, 'none');
    });
  }

  it('counts both ends of the window in', () => {
    for (const startTime of [window.from, window.to]) {
      assert.equal(findEntityCulprit(east, [ourEvent('e', startTime)], window).kind, 'deployment');
    }
  });

  it('ignores events of other types', () => {
    const finding = findEntityCulprit(
      east,
      [{ ...ourEvent('e', T0 - MINUTE), eventType: 'CUSTOM_INFO' }],
      window,
    );
    assert.equal(finding.kind, 'none');
  });

  it('breaks ties of equal start times by event id, so the choice does not depend on the API order', () => {
    const a = ourEvent('a_1', T0 - MINUTE);
    const b = ourEvent('b_1', T0 - MINUTE);
    assert.equal(eventIdOf(findEntityCulprit(east, [a, b], window)), 'b_1');
    assert.equal(eventIdOf(findEntityCulprit(east, [b, a], window)), 'b_1');
  });

  it('says that there was no deployment event at all', () => {
    assert.deepEqual(findEntityCulprit(east, [], window), {
      kind: 'none',
      entity: east,
      reason: 'no deployment event between 2026-01-15T09:00:00.000Z and 2026-01-15T12:01:00.000Z',
    });
  });

  it('says how many deployment events there were, none of them ours', () => {
    const finding = findEntityCulprit(
      east,
      [foreignEvent('x', T0 - MINUTE), foreignEvent('y', T0 - 2 * MINUTE)],
      window,
    );
    assert.equal(
      finding.kind === 'none' && finding.reason,
      '2 deployment events between 2026-01-15T09:00:00.000Z and 2026-01-15T12:01:00.000Z, none written by Unbreakable Pipeline for Azure DevOps',
    );
  });
});
