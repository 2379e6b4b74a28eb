import assert from 'node:assert/strict';

import { isUnexpandedMacro } from '../../../gate-function/src/is-unexpanded-macro';

describe('isUnexpandedMacro', () => {
  it('recognises a variable Azure DevOps left as written', () => {
    for (const value of ['$(Release.ReleaseId)', '$(system.PlanId)', '$(Unbreakable-Service_1)']) {
      assert.equal(isUnexpandedMacro(value), true, value);
    }
  });

  it('takes anything else for a value, including text that merely contains a macro', () => {
    for (const value of ['42', 'Release-42', 'see $(Release.ReleaseId)', '$()', '$(a b)', '']) {
      assert.equal(isUnexpandedMacro(value), false, value);
    }
  });
});
