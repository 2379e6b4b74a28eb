import assert from 'node:assert/strict';

import { InputError } from '../../../../tasks/push-deployment-event/src/input-error';
import { parseCustomProperties } from '../../../../tasks/push-deployment-event/src/parse-custom-properties';

describe('parseCustomProperties', () => {
  it('reads key=value lines, splitting at the first = and trimming both sides', () => {
    assert.deepEqual(
      parseCustomProperties(' owner = team-a \r\nquery=a=b&c=d\nempty=\n', 'customProperties'),
      {
        owner: 'team-a',
        query: 'a=b&c=d',
        empty: '',
      },
    );
  });

  it('skips blank lines and # comments, and reads nothing from an empty input', () => {
    assert.deepEqual(parseCustomProperties('# who to call\n\nowner=team-a', 'customProperties'), {
      owner: 'team-a',
    });
    assert.deepEqual(parseCustomProperties('', 'customProperties'), {});
  });

  const invalid: readonly [string, string, RegExp][] = [
    ['a line without =', 'owner=a\njust text', /line 2: expected key=value, found "just text"/],
    ['an empty key', '=value', /line 1: expected a key before "="/],
    ['a duplicate key', 'a=1\na=2', /line 2: "a" is given twice/],
    [
      'a contract property',
      'dt.event.deployment.version=9',
      /line 1: "dt\.event\.deployment\.version" belongs to the deployment event contract/,
    ],
    ['an identity property', 'azuredevops.release.id=1', /belongs to the deployment event contract/],
    [
      'a key over 100 characters',
      `${'k'.repeat(101)}=v`,
      /has 101 characters; Dynatrace accepts at most 100/,
    ],
    ['a value over 4096 characters', `k=${'v'.repeat(4097)}`, /the value of "k" has 4097 characters/],
  ];
  for (const [what, text, pattern] of invalid) {
    it(`refuses ${what}, naming the input and the line`, () => {
      assert.throws(
        () => parseCustomProperties(text, 'customProperties'),
        (error: unknown) =>
          error instanceof InputError && error.input === 'customProperties' && pattern.test(error.message),
      );
    });
  }
});
