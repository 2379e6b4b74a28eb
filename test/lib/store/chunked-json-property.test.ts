import assert from 'node:assert/strict';

import { CHUNK_CHARS, readChunkedJson, writeChunkedJson } from '../../../lib/store/chunked-json-property';

describe('chunked JSON properties', () => {
  it('stores small values in one property', () => {
    const row: Record<string, string | number | boolean> = {};
    assert.equal(writeChunkedJson(row, 'results', [1, 2], 3), true);
    assert.deepEqual(row, { results: '[1,2]' });
    assert.equal(readChunkedJson(row, 'results'), '[1,2]');
  });

  it('splits large values over name, name_2, … and joins them again', () => {
    const value = { text: 'x'.repeat(2 * CHUNK_CHARS) };
    const row: Record<string, string | number | boolean> = {};
    assert.equal(writeChunkedJson(row, 'context', value, 3), true);
    assert.deepEqual(Object.keys(row), ['context', 'context_2', 'context_3']);
    assert.ok(Object.values(row).every((chunk) => String(chunk).length <= CHUNK_CHARS));
    assert.deepEqual(JSON.parse(readChunkedJson(row, 'context') ?? ''), value);
  });

  it('writes nothing when the value needs more properties than allowed', () => {
    const row: Record<string, string | number | boolean> = {};
    assert.equal(writeChunkedJson(row, 'context', 'x'.repeat(CHUNK_CHARS), 1), false);
    assert.deepEqual(row, {});
  });

  it('reads an absent property as undefined', () => {
    assert.equal(readChunkedJson({ other: 'x' }, 'results'), undefined);
  });
});
