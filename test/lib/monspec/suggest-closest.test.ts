import assert from 'node:assert/strict';
import { suggestClosest } from '../../../lib/monspec/suggest-closest';

describe('suggestClosest', () => {
  const keys = [
    'name',
    'source',
    'compare',
    'scalefactorperc',
    'shiftsourcetimeframe',
    'shiftcomparetimeframe',
  ];
  const cases: readonly [string, string | undefined][] = [
    ['comapre', 'compare'],
    ['Compare', 'compare'],
    ['sorce', 'source'],
    ['scalefactor', 'scalefactorperc'],
    ['shiftcompare', 'shiftcomparetimeframe'],
    ['nmae', 'name'],
    ['owner', undefined],
    ['x', undefined],
  ];
  for (const [input, expected] of cases) {
    it(`suggests ${String(expected)} for ${input}`, () =>
      assert.equal(suggestClosest(input, keys), expected));
  }

  it('prefers the closest of several candidates', () => {
    assert.equal(suggestClosest('Stagin', ['Staging', 'Stage']), 'Staging');
  });

  it('does not guess for very short words', () => {
    assert.equal(suggestClosest('ab', ['abc']), undefined);
  });
});
