import assert from 'node:assert/strict';

import { describeGenericErrorBody } from '../../../lib/http/describe-generic-error-body';

describe('describeGenericErrorBody', () => {
  it('reads message, error.message and error fields', () => {
    assert.equal(describeGenericErrorBody({ message: 'a' }), 'a');
    assert.equal(describeGenericErrorBody({ error: { message: 'b' } }), 'b');
    assert.equal(describeGenericErrorBody({ error: 'c' }), 'c');
  });

  it('uses a short text body with collapsed whitespace, but not an HTML page', () => {
    assert.equal(describeGenericErrorBody('  upstream\n  busy '), 'upstream busy');
    assert.equal(describeGenericErrorBody('<!DOCTYPE html><html></html>'), undefined);
  });

  it('shortens long explanations to 300 characters', () => {
    assert.equal(describeGenericErrorBody({ message: 'y'.repeat(400) }), `${'y'.repeat(300)}…`);
  });

  it('says nothing about bodies without a recognisable message', () => {
    assert.equal(describeGenericErrorBody({ code: 5 }), undefined);
    assert.equal(describeGenericErrorBody(undefined), undefined);
    assert.equal(describeGenericErrorBody(42), undefined);
  });
});
