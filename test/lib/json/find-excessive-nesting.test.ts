import assert from 'node:assert/strict';

import fc from 'fast-check';

import { findExcessiveNesting } from '../../../lib/json/find-excessive-nesting';
import { PROPERTY_SEED } from '../monspec/monspec-test-kit';

/** The nesting depth of a parsed JSON value, computed independently of the scanner. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value as Record<string, unknown>);
  return 1 + Math.max(0, ...children.map(depthOf));
}

describe('findExcessiveNesting', () => {
  it('accepts text nested exactly as deep as allowed', () => {
    assert.equal(findExcessiveNesting('{"a":[{"b":[1]}]}', 4), undefined);
    assert.equal(findExcessiveNesting('"no containers"', 1), undefined);
  });

  it('points at the bracket that opens the first level too many', () => {
    assert.deepEqual(findExcessiveNesting('{"a":[{"b":[1]}]}', 3), { offset: 11, maxDepth: 3 });
    assert.deepEqual(findExcessiveNesting('[[], [[]]]', 2), { offset: 6, maxDepth: 2 });
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    assert.equal(findExcessiveNesting('{"a":"[[[{{{\\"[[["}', 1), undefined);
  });

  it('scans a body nested half a million levels deep without overflowing the stack', () => {
    const deep = '['.repeat(500_000) + ']'.repeat(500_000);
    assert.deepEqual(findExcessiveNesting(deep, 64), { offset: 64, maxDepth: 64 });
  });

  it('agrees with the depth of the parsed value for any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 1, max: 8 }), (value, limit) => {
        const text = JSON.stringify(value);
        assert.equal(findExcessiveNesting(text, limit) === undefined, depthOf(value) <= limit, text);
      }),
      { seed: PROPERTY_SEED, numRuns: 500 },
    );
  });

  it('refuses a limit that is not a positive integer', () => {
    assert.throws(() => findExcessiveNesting('[]', 0), /maxDepth must be a positive integer; found 0/);
  });
});
