import assert from 'node:assert/strict';

import { lineAndColumn } from '../../../lib/json/line-and-column';

describe('lineAndColumn', () => {
  it('counts from line 1, column 1', () => {
    assert.deepEqual(lineAndColumn('abc', 0), { line: 1, column: 1 });
    assert.deepEqual(lineAndColumn('abc', 2), { line: 1, column: 3 });
  });

  it('ends lines at \\n, \\r\\n and a lone \\r, counting \\r\\n once', () => {
    assert.deepEqual(lineAndColumn('a\nb', 2), { line: 2, column: 1 });
    assert.deepEqual(lineAndColumn('a\r\nb', 3), { line: 2, column: 1 });
    assert.deepEqual(lineAndColumn('a\rb', 2), { line: 2, column: 1 });
  });

  it('clamps an offset past the end to the end', () => {
    assert.deepEqual(lineAndColumn('ab\ncd', 99), { line: 2, column: 3 });
  });
});
