import assert from 'node:assert/strict';
import fc from 'fast-check';
import { JsonSyntaxError } from '../../../lib/json/json-syntax-error';
import { stripJsonc } from '../../../lib/monspec/strip-jsonc';
import { PROPERTY_SEED } from './monspec-test-kit';

describe('stripJsonc', () => {
  it('blanks line comments but keeps the line break', () => {
    assert.equal(stripJsonc('{"a": 1, // note\n"b": 2}'), '{"a": 1,        \n"b": 2}');
  });

  it('blanks block comments, keeping line breaks inside them', () => {
    assert.equal(stripJsonc('{/* one\ntwo */"a": 1}'), '{      \n      "a": 1}');
  });

  it('removes trailing commas before } and ], across whitespace and comments', () => {
    assert.equal(stripJsonc('[1, 2, ]'), '[1, 2  ]');
    assert.equal(stripJsonc('{"a": 1, // last\n}'), `{"a": 1${' '.repeat(9)}\n}`);
  });

  it('leaves comment markers and commas inside strings alone', () => {
    const text = '{"url": "https://x//y", "glob": "/* not a comment */", "list": "a,]"}';
    assert.equal(stripJsonc(text), text);
  });

  it('handles escaped quotes inside strings', () => {
    const text = '{"quote": "say \\"hi\\" // still text"}';
    assert.equal(stripJsonc(text), text);
  });

  it('does not invent a trailing comma where no value precedes it', () => {
    assert.equal(stripJsonc('[,]'), '[,]');
    assert.equal(stripJsonc('{"a":,}'), '{"a":,}');
    assert.equal(stripJsonc('[1,,]'), '[1,,]');
  });

  it('replaces a byte-order mark with a space', () => {
    assert.equal(stripJsonc('\uFEFF{}'), ' {}');
  });

  it('rejects an unterminated block comment at its start', () => {
    assert.throws(
      () => stripJsonc('{\n  /* open'),
      (error: unknown) => error instanceof JsonSyntaxError && error.line === 2 && error.column === 3,
    );
  });

  it('keeps the length of any text, so offsets map back to the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        try {
          assert.equal(stripJsonc(text).length, text.length);
        } catch (error) {
          if (!(error instanceof JsonSyntaxError)) throw error;
        }
      }),
      { seed: PROPERTY_SEED, numRuns: 500 },
    );
  });
});
