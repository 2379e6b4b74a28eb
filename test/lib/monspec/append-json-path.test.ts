import assert from 'node:assert/strict';
import { appendJsonPath } from '../../../lib/monspec/append-json-path';

describe('appendJsonPath', () => {
  it('starts a path with a bare identifier', () =>
    assert.equal(appendJsonPath('', 'SampleJSonService'), 'SampleJSonService'));
  it('joins identifiers with dots', () =>
    assert.equal(appendJsonPath('A.comparisons[1]', 'source'), 'A.comparisons[1].source'));
  it('writes indices in brackets', () =>
    assert.equal(appendJsonPath('A.comparisons', 1), 'A.comparisons[1]'));
  it('quotes keys that are not identifiers', () => {
    assert.equal(appendJsonPath('', 'my service'), '["my service"]');
    assert.equal(appendJsonPath('["my service"]', 'etype'), '["my service"].etype');
    assert.equal(
      appendJsonPath('A.scalefactorperc', 'com.dynatrace.builtin:service.requestspermin'),
      'A.scalefactorperc["com.dynatrace.builtin:service.requestspermin"]',
    );
    assert.equal(appendJsonPath('A', 'say "hi"'), 'A["say \\"hi\\""]');
  });
});
