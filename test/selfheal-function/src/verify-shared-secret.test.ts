import assert from 'node:assert/strict';
import { verifySharedSecret } from '../../../selfheal-function/src/verify-shared-secret';

describe('verifySharedSecret', () => {
  const secret = 'webhook-secret-7f3a9c2e5b1d4086';
  const cases: readonly {
    name: string;
    presented: string | null;
    expected: string | undefined;
    result: string;
  }[] = [
    { name: 'accepts the configured secret', presented: secret, expected: secret, result: 'ok' },
    { name: 'rejects a missing header', presented: null, expected: secret, result: 'missing' },
    { name: 'rejects an empty header', presented: '', expected: secret, result: 'missing' },
    {
      name: 'rejects a wrong secret',
      presented: 'webhook-secret-7f3a9c2e5b1d4087',
      expected: secret,
      result: 'wrong',
    },
    {
      name: 'rejects a prefix of the secret',
      presented: secret.slice(0, -1),
      expected: secret,
      result: 'wrong',
    },
    {
      name: 'rejects the secret with more after it',
      presented: `${secret}x`,
      expected: secret,
      result: 'wrong',
    },
    {
      name: 'lets everything through when no secret is configured',
      presented: null,
      expected: undefined,
      result: 'ok',
    },
  ];
  for (const { name, presented, expected, result } of cases) {
    it(name, () => {
      const check = verifySharedSecret(presented, expected);
      assert.equal(check.ok ? 'ok' : check.reason, result);
    });
  }
});
