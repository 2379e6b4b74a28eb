import assert from 'node:assert/strict';
import fc from 'fast-check';
import { JsonSyntaxError } from '../../../lib/json/json-syntax-error';
import { parseJsonc } from '../../../lib/monspec/parse-jsonc';
import { PROPERTY_SEED } from './monspec-test-kit';

function syntaxErrorOf(text: string): JsonSyntaxError {
  try {
    parseJsonc(text);
  } catch (error) {
    assert.ok(error instanceof JsonSyntaxError, `expected JsonSyntaxError, got ${String(error)}`);
    return error;
  }
  return assert.fail(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('parseJsonc', () => {
  it('parses JSON with comments and trailing commas', () => {
    const text = `// header
{
  "a": [1, 2, 3,], /* inline */
  "b": { "c": "d", },
}`;
    assert.deepEqual(parseJsonc(text), { a: [1, 2, 3], b: { c: 'd' } });
  });

  it('parses any JSON value exactly as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        assert.deepEqual(parseJsonc(text), JSON.parse(text));
      }),
      { seed: PROPERTY_SEED, numRuns: 300 },
    );
  });

  const cases: readonly [string, string, number, number, string][] = [
    ['a missing value', '{\n  "a": }', 2, 8, "expected a value, found '}'"],
    [
      'a missing comma between members',
      '{\n  "a": 1\n  "b": 2\n}',
      3,
      3,
      "expected ',' or '}' after the property value, found '\"'",
    ],
    [
      'a missing comma between elements',
      '[1, 2 3]',
      1,
      7,
      "expected ',' or ']' after the array element, found '3'",
    ],
    ['a missing colon', '{"a" 1}', 1, 6, "expected ':' after the property name, found '1'"],
    ['single quotes', "{'a': 1}", 1, 2, "expected a property name in double quotes or '}', found \"'\""],
    [
      'a bare word',
      '{"a": yes}',
      1,
      7,
      "expected a value, found 'yes' (JSON literals are true, false and null; strings need double quotes)",
    ],
    ['an unterminated string', '{"a": "b', 1, 7, 'unterminated string'],
    [
      'a line break in a string',
      '{"a": "b\nc"}',
      1,
      9,
      'unterminated string (a line break inside a string must be written as \\n)',
    ],
    ['an invalid escape', '{"a": "\\x"}', 1, 8, 'invalid escape sequence in string'],
    ['a leading zero', '{"a": 01}', 1, 8, "expected ',' or '}' after the property value, found '1'"],
    ['content after the value', '{}\n}', 2, 1, "unexpected '}' after the end of the JSON value"],
    ['an empty text', '', 1, 1, 'unexpected end of input; expected a JSON value'],
    ['a text that ends early', '{"a": [1,', 1, 10, 'unexpected end of input; expected a value'],
    ['a non-breaking space', '{"a":\u00a01}', 1, 6, 'expected a value, found the invisible character U+00A0'],
    ['an unterminated block comment', '{"a": 1 /* x', 1, 9, 'unterminated /* comment'],
    ['a comma without a value', '[1,,2]', 1, 4, "expected a value, found ','"],
  ];
  for (const [what, text, line, column, detail] of cases) {
    it(`locates ${what} by line and column`, () => {
      const error = syntaxErrorOf(text);
      assert.deepEqual([error.line, error.column, error.detail], [line, column, detail]);
      assert.equal(error.message, `line ${line}, column ${column}: ${detail}`);
    });
  }

  it('counts lines of Windows text once per CRLF', () => {
    const error = syntaxErrorOf('{\r\n  "a": 1,\r\n  "b" 2\r\n}');
    assert.deepEqual([error.line, error.column], [3, 7]);
  });

  it('reports positions in the original text even after comments', () => {
    const error = syntaxErrorOf('{ /* a comment */ "a": 1 "b": 2 }');
    assert.deepEqual([error.line, error.column], [1, 26]);
  });

  it('keeps the JSON.parse error as the cause', () => {
    assert.ok(syntaxErrorOf('{').cause instanceof SyntaxError);
  });

  it('refuses objects and arrays nested deeper than 64 levels, pointing at where', () => {
    assert.doesNotThrow(() => parseJsonc('['.repeat(64) + ']'.repeat(64)));
    const error = syntaxErrorOf('{\n  "a": ' + '['.repeat(65) + ']'.repeat(65) + '\n}');
    assert.deepEqual([error.line, error.column], [2, 71]);
    assert.match(error.message, /nest more than 64 levels deep/);
  });

  it('does not count brackets inside comments towards the depth', () => {
    assert.doesNotThrow(() => parseJsonc(`// ${'['.repeat(100)}\n{"a": [1] /* ${']'.repeat(100)} */}`));
  });
});
