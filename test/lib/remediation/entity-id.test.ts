import assert from 'node:assert/strict';
import { isEntityId } from '../../../lib/remediation';

describe('isEntityId', () => {
  it('accepts Dynatrace entity ids, including the test notification ones', () => {
    for (const id of [
      'SERVICE-5A1F0C3B7E9D2468',
      'PROCESS_GROUP_INSTANCE-1C2D3E4F5A6B7081',
      'HOST-XXXXXXXXXXXXX',
    ]) {
      assert.equal(isEntityId(id), true, id);
    }
  });

  it('refuses anything that could change a selector', () => {
    for (const id of ['SERVICE-1")', 'SERVICE-1,type(HOST)', 'SERVICE', '-123', 'SERVICE-1 2', '']) {
      assert.equal(isEntityId(id), false, id);
    }
  });
});
