import assert from 'node:assert/strict';
import { formatMonspecIssue, MonspecValidationError } from '../../../lib/monspec/monspec-validation-error';

describe('MonspecValidationError', () => {
  it('names the first issue and counts the others', () => {
    const error = new MonspecValidationError([
      { path: 'A.etype', message: 'first' },
      { path: 'A.name', message: 'second' },
    ]);
    assert.equal(error.message, 'monspec is invalid: A.etype: first (and 1 more issue)');
    assert.equal(error.name, 'MonspecValidationError');
    assert.ok(error instanceof Error);
  });

  it('omits the path of document-level issues', () => {
    assert.equal(
      new MonspecValidationError([{ path: '', message: 'not JSON' }]).message,
      'monspec is invalid: not JSON',
    );
    assert.equal(formatMonspecIssue({ path: '', message: 'x' }), 'x');
  });

  it('keeps the cause and the warnings', () => {
    const cause = new SyntaxError('bad');
    const warnings = [{ path: 'A.x', message: 'unknown key' }];
    const error = new MonspecValidationError([{ path: '', message: 'm' }], { cause, warnings });
    assert.equal(error.cause, cause);
    assert.deepEqual(error.warnings, warnings);
  });
});
