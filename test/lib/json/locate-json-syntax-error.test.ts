import assert from 'node:assert/strict';

import fc from 'fast-check';

import { locateJsonSyntaxError } from '../../../lib/json/locate-json-syntax-error';
import { PROPERTY_SEED } from '../monspec/monspec-test-kit';

describe('locateJsonSyntaxError', () => {
  it('agrees with JSON.parse on which texts are valid', () => {
    const jsonish = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'{}[]:,"\\ 0123456789.eE+-truefalsn\n\tx'.split('')) }),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc
        .tuple(fc.jsonValue(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', '0', ' '))
        .map(([value, at, insert]) => {
          const text = JSON.stringify(value);
          const position = at % (text.length + 1);
          return text.slice(0, position) + insert + text.slice(position + 1);
        }),
    );
    fc.assert(
      fc.property(jsonish, (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        assert.equal(locateJsonSyntaxError(text) === undefined, valid, JSON.stringify(text));
      }),
      { seed: PROPERTY_SEED, numRuns: 2000 },
    );
  });

  it('handles deeply nested input without overflowing the stack', () => {
    const depth = 100_000;
    assert.equal(locateJsonSyntaxError('['.repeat(depth) + ']'.repeat(depth)), undefined);
    assert.deepEqual(locateJsonSyntaxError('['.repeat(depth)), {
      offset: depth,
      detail: "unexpected end of input; expected a value or ']'",
    });
  });
});
