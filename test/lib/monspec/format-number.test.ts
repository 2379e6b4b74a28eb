import assert from 'node:assert/strict';
import { formatNumber, formatQuantity, formatQuantityPair } from '../../../lib/monspec/format-number';

describe('formatNumber', () => {
  const cases: readonly [number, string][] = [
    [0, '0'],
    [-0, '0'],
    [1234.56, '1235'],
    [120.4, '120'],
    [33.75, '33.8'],
    [1.005, '1.01'],
    [2.5, '2.5'],
    [0.575, '0.58'],
    [0.5 * 1.15, '0.58'],
    [0.0123, '0.012'],
    [-0.575, '-0.58'],
    [1e-7, '0.0000001'],
    [1e21, '1e+21'],
  ];
  for (const [value, expected] of cases) {
    it(`prints ${value} as ${expected}`, () => assert.equal(formatNumber(value), expected));
  }

  it('adds decimals on request', () => assert.equal(formatNumber(120.456, 2), '120.46'));
});

describe('formatQuantity', () => {
  it('puts a space between number and unit', () => assert.equal(formatQuantity(33.7, '%'), '33.7 %'));
  it('prints a bare number for an empty unit', () => assert.equal(formatQuantity(42, ''), '42'));
});

describe('formatQuantityPair', () => {
  it('uses the normal rounding when the values already differ', () => {
    assert.deepEqual(formatQuantityPair(33.7, 0.575, '%'), ['33.7 %', '0.58 %']);
  });

  it('adds decimals until different values print differently', () => {
    assert.deepEqual(formatQuantityPair(0.5751, 0.575, '%'), ['0.5751 %', '0.575 %']);
    assert.deepEqual(formatQuantityPair(200.4, 200, 'ms'), ['200.4 ms', '200 ms']);
  });

  it('prints equal values once rounded', () => {
    assert.deepEqual(formatQuantityPair(130, 130, 'ms'), ['130 ms', '130 ms']);
  });
});
