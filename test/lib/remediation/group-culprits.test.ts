import assert from 'node:assert/strict';
import { deploymentKey, groupCulprits } from '../../../lib/remediation';
import { classic, east, found, MINUTE, none, ourEvent, T0, west, yaml } from './remediation-test-kit';

describe('groupCulprits', () => {
  it('groups the entities of one release stage into one culprit, keeping the most recent event', () => {
    const groups = groupCulprits([
      found(east, ourEvent('east-5', T0 - 30 * MINUTE, { deployment: classic(5) })),
      found(west, ourEvent('west-5', T0 - 29 * MINUTE, { deployment: classic(5, { attempt: 2 }) })),
      none({ id: 'HOST-0000000000000001' }),
    ]);
    assert.equal(groups.length, 1);
    assert.equal(groups[0]?.key, deploymentKey(classic(5)));
    assert.equal(groups[0]?.event.eventId, 'west-5');
    assert.deepEqual(groups[0]?.entities, [east, west]);
  });

  it('keeps different deployments apart, most recent first', () => {
    const groups = groupCulprits([
      found(east, ourEvent('release', T0 - 30 * MINUTE, { deployment: classic(5) })),
      found(west, ourEvent('run', T0 - 20 * MINUTE, { deployment: yaml(44) })),
    ]);
    assert.deepEqual(
      groups.map((group) => group.event.eventId),
      ['run', 'release'],
    );
  });

  it('keeps events of ours without an Azure DevOps identity apart, by event id', () => {
    const groups = groupCulprits([found(east, ourEvent('manual', T0 - MINUTE))]);
    assert.equal(groups[0]?.key, 'event manual');
  });

  it('finds nothing in findings without a deployment', () => {
    assert.deepEqual(groupCulprits([none(east), none(west)]), []);
  });
});
