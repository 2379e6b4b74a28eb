import assert from 'node:assert/strict';
import { describeJsonValue } from '../../../lib/monspec/describe-json-value';

describe('describeJsonValue', () => {
  const cases: readonly [unknown, string][] = [
    [null, 'null'],
    [undefined, 'nothing'],
    [[], 'an empty array'],
    [[1], 'an array'],
    [{}, 'an object'],
    [Object.create(null), 'an object'],
    ['abc', 'the string "abc"'],
    ['x'.repeat(50), `the string "${'x'.repeat(40)}"…`],
    [-1.5, 'the number -1.5'],
    [false, 'false'],
  ];
  for (const [value, expected] of cases) {
    it(`describes ${expected}`, () => assert.equal(describeJsonValue(value), expected));
  }
});
