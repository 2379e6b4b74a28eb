import assert from 'node:assert/strict';
import { createSecretRedactor } from '../../../lib/azure-devops/secret-redactor';

describe('createSecretRedactor', () => {
  const token = 'pat-0123456789abcdef';

  it('removes the token and the forms it takes in headers and URLs', () => {
    const redactor = createSecretRedactor([token]);
    const forms = [
      token,
      Buffer.from(`PAT:${token}`).toString('base64'),
      Buffer.from(`:${token}`).toString('base64'),
      Buffer.from(token).toString('base64'),
    ];
    for (const form of forms)
      assert.equal(redactor.redact(`before ${form} after`), 'before [REDACTED] after');
    assert.equal(createSecretRedactor(['a b&c=d']).redact('q=a%20b%26c%3Dd'), 'q=[REDACTED]');
  });

  it('redacts secrets added later', () => {
    const redactor = createSecretRedactor();
    assert.equal(redactor.redact('value s3cret-value'), 'value s3cret-value');
    redactor.add('s3cret-value');
    assert.equal(redactor.redact('value s3cret-value'), 'value [REDACTED]');
  });

  it('ignores secrets too short to redact meaningfully', () => {
    assert.equal(createSecretRedactor(['ab']).redact('abc'), 'abc');
  });
});
