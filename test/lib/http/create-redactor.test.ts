import assert from 'node:assert/strict';

import { createRedactor, REDACTED } from '../../../lib/http/create-redactor';

const TOKEN = 'dt0c01.PUBLICPART.secretpart123';

describe('createRedactor', () => {
  it('replaces every occurrence of a secret', () => {
    const { redact } = createRedactor([TOKEN]);
    assert.equal(redact(`a ${TOKEN} b ${TOKEN}`), `a ${REDACTED} b ${REDACTED}`);
  });

  it('replaces the base64, base64url and URL-encoded forms of a secret', () => {
    const { redact } = createRedactor(['p@ss/word+?']);
    for (const form of [
      Buffer.from('p@ss/word+?').toString('base64'),
      Buffer.from('p@ss/word+?').toString('base64url'),
      Buffer.from(':p@ss/word+?').toString('base64'),
      Buffer.from('PAT:p@ss/word+?').toString('base64'),
      encodeURIComponent('p@ss/word+?'),
    ]) {
      assert.equal(redact(`x ${form} y`), `x ${REDACTED} y`, form);
    }
  });

  it('redacts the bare credential of an Authorization header value', () => {
    const { redact } = createRedactor([`Api-Token ${TOKEN}`]);
    assert.equal(redact(`token ${TOKEN} was rejected`), `token ${REDACTED} was rejected`);
    assert.equal(redact(`Bearer ${TOKEN}`), `Bearer ${REDACTED}`);
  });

  it('redacts the password inside a Basic header', () => {
    const basic = `Basic ${Buffer.from('PAT:my-personal-access-token').toString('base64')}`;
    const { redact } = createRedactor([basic]);
    assert.equal(redact('pat is my-personal-access-token'), `pat is ${REDACTED}`);
    assert.equal(redact(`Authorization: ${basic}`), `Authorization: ${REDACTED}`);
  });

  it('redacts strings anywhere inside a parsed JSON value, keys included', () => {
    const { redactValue } = createRedactor([TOKEN]);
    assert.deepEqual(redactValue({ a: [TOKEN, 1, null], [TOKEN]: { b: `x${TOKEN}` } }), {
      a: [REDACTED, 1, null],
      [REDACTED]: { b: `x${REDACTED}` },
    });
  });

  it('treats regular-expression characters in secrets literally', () => {
    const { redact } = createRedactor(['a.b*c']);
    assert.equal(redact('aXbbc a.b*c'), `aXbbc ${REDACTED}`);
  });

  it('leaves text alone when there are no secrets, and ignores empty ones', () => {
    const { redact } = createRedactor(['', '   ']);
    assert.equal(redact('nothing to hide'), 'nothing to hide');
  });

  it('redacts a very short secret only where it stands alone, so messages stay readable', () => {
    const { redact } = createRedactor(['x']);
    assert.equal(redact('token x expired'), `token ${REDACTED} expired`);
  });
});
