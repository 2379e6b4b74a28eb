import assert from 'node:assert/strict';

import { SelectorSyntaxError, parseCriteria } from '../../../sim/dynatrace/selector-criteria';

describe('parseCriteria', () => {
  it('reads bare and quoted arguments of several criteria', () => {
    assert.deepEqual(parseCriteria(' type(SERVICE) , tag("a:b", "c")'), [
      { name: 'type', args: [{ kind: 'value', value: 'SERVICE', quoted: false }] },
      {
        name: 'tag',
        args: [
          { kind: 'value', value: 'a:b', quoted: true },
          { kind: 'value', value: 'c', quoted: true },
        ],
      },
    ]);
  });

  it('unescapes ~" and ~~ inside quotes and keeps commas and parentheses there', () => {
    assert.deepEqual(parseCriteria('entityName.equals("Server(prod),1 ~"x~" ~~")')[0]?.args, [
      { kind: 'value', value: 'Server(prod),1 "x" ~', quoted: true },
    ]);
  });

  it('nests criteria and allows empty argument lists', () => {
    assert.deepEqual(parseCriteria('not(tag(x)),splitBy()'), [
      {
        name: 'not',
        args: [
          {
            kind: 'criterion',
            criterion: { name: 'tag', args: [{ kind: 'value', value: 'x', quoted: false }] },
          },
        ],
      },
      { name: 'splitBy', args: [] },
    ]);
  });

  for (const [text, message] of [
    ['type(SERVICE', /expected "," or "\)" in the arguments of type at position 13, found the end/],
    ['type SERVICE', /expected "\(" after type/],
    ['type(SERVICE) tag(x)', /expected "," or the end of the selector at position 15/],
    ['tag("unterminated)', /unterminated quoted string starting at position 5/],
    [
      'tag("bad ~x escape")',
      /invalid escape at position 10: inside quotes only ~" and ~~ are allowed, found ~x/,
    ],
    ['tag(,x)', /expected a value at position 5/],
    ['(x)', /expected a criterion such as type\(SERVICE\) at position 1/],
  ] as const) {
    it(`reports ${JSON.stringify(text)} with the position and what was expected`, () => {
      assert.throws(
        () => parseCriteria(text),
        (error: unknown) => {
          assert.ok(error instanceof SelectorSyntaxError);
          assert.match(error.message, message);
          return true;
        },
      );
    });
  }
});
