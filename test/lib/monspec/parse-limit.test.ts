import assert from 'node:assert/strict';
import { parseLimit } from '../../../lib/monspec/parse-limit';

describe('parseLimit', () => {
  const accepted: readonly [unknown, number][] = [
    [100, 100],
    [-2.5, -2.5],
    ['100', 100],
    [' 2.5 ', 2.5],
    ['.5', 0.5],
    ['1e3', 1000],
    ['-7.', -7],
  ];
  for (const [value, expected] of accepted) {
    it(`reads ${JSON.stringify(value)} as ${expected}`, () => assert.equal(parseLimit(value), expected));
  }
  for (const value of ['abc', '', ' ', '0x10', 'Infinity', '1,5', '10ms', null, true, [], {}]) {
    it(`rejects ${JSON.stringify(value)}`, () => assert.equal(parseLimit(value), undefined));
  }
});
