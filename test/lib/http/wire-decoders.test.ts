import assert from 'node:assert/strict';

import {
  arrayOf,
  boolean,
  decode,
  nullable,
  number,
  object,
  optional,
  recordOf,
  string,
  stringOrNumber,
  tuple,
  unknownValue,
  WireFormatError,
  withDefault,
} from '../../../lib/http/wire-decoders';

describe('wire decoders', () => {
  const series = object({
    metricId: string,
    dimensionMap: nullable(recordOf(string)),
    values: arrayOf(nullable(number)),
    warnings: optional(arrayOf(string)),
  });

  it('decodes a matching payload and drops unknown properties', () => {
    const decoded = decode(series, {
      metricId: 'builtin:service.response.time',
      dimensionMap: { 'dt.entity.service': 'SERVICE-1' },
      values: [1.5, null],
      extra: 'ignored',
    });
    assert.deepEqual(decoded, {
      metricId: 'builtin:service.response.time',
      dimensionMap: { 'dt.entity.service': 'SERVICE-1' },
      values: [1.5, null],
    });
  });

  it('leaves out an optional property that is missing or null', () => {
    const decoded = decode(series, { metricId: 'm', dimensionMap: null, values: [], warnings: null });
    assert.equal('warnings' in decoded, false);
  });

  it('names the JSON path, what was expected and what was found', () => {
    assert.throws(
      () => decode(arrayOf(series), [{ metricId: 'm', dimensionMap: null, values: [1, 'x'] }]),
      (error: unknown) =>
        error instanceof WireFormatError &&
        error.path === '$[0].values[1]' &&
        error.message === 'at $[0].values[1]: expected a number, found the string "x"',
    );
  });

  it('quotes property names that are not identifiers in paths', () => {
    assert.throws(
      () => decode(recordOf(number), { 'dt.entity.service': 'x' }),
      /at \$\["dt\.entity\.service"\]: expected a number/,
    );
  });

  it('describes missing values, arrays and objects in errors', () => {
    assert.throws(() => decode(object({ a: string }), {}), /at \$\.a: expected a string, found nothing/);
    assert.throws(
      () => decode(object({ a: string }), []),
      /at \$: expected an object, found an array of 0 items/,
    );
    assert.throws(() => decode(arrayOf(string), {}), /expected an array, found an object/);
    assert.throws(() => decode(boolean, 'true'), /expected a boolean, found the string "true"/);
    assert.throws(() => decode(number, Number.NaN), /expected a number, found the number NaN/);
  });

  it('decodes tuples such as v1 data points', () => {
    const point = tuple(number, nullable(number));
    assert.deepEqual(
      decode(arrayOf(point), [
        [1, 2],
        [3, null],
      ]),
      [
        [1, 2],
        [3, null],
      ],
    );
    assert.throws(() => decode(point, [1]), /expected an array of 2 items/);
  });

  it('accepts numbers where a string id may be sent as a number', () => {
    assert.equal(decode(stringOrNumber, 42), '42');
    assert.equal(decode(stringOrNumber, 'x'), 'x');
    assert.throws(() => decode(stringOrNumber, true), /expected a string or number, found true/);
  });

  it('passes any value through unknownValue', () => {
    assert.deepEqual(decode(unknownValue, { any: [1] }), { any: [1] });
  });

  it('substitutes a default for a missing or null value and still checks a present one', () => {
    const list = withDefault(arrayOf(string), []);
    assert.deepEqual(decode(object({ tags: list }), {}), { tags: [] });
    assert.deepEqual(decode(object({ tags: list }), { tags: null }), { tags: [] });
    assert.throws(() => decode(object({ tags: list }), { tags: 'x' }), /at \$\.tags: expected an array/);
  });
});
