import assert from 'node:assert/strict';
import { AzureDevOpsError, type AzureDevOpsErrorKind } from '../../../lib/azure-devops';
import { HttpError, type HttpErrorKind } from '../../../lib/http';
import { actionFailure } from '../../../selfheal-function/src/action-failure';

const adoError = (kind: AzureDevOpsErrorKind, status?: number): AzureDevOpsError =>
  new AzureDevOpsError({
    kind,
    method: 'PATCH',
    path: '/x',
    attempts: 1,
    ...(status === undefined ? {} : { status }),
  });
const httpError = (kind: HttpErrorKind, status?: number): HttpError =>
  new HttpError({
    kind,
    message: 'm',
    serviceName: 'Remediation action',
    method: 'POST',
    path: '/x',
    attempts: 1,
    ...(status === undefined ? {} : { status }),
  });

describe('actionFailure', () => {
  it('makes every failure of a read retryable', () => {
    for (const error of [
      adoError('timeout'),
      adoError('status', 500),
      httpError('network'),
      new Error('boom'),
    ]) {
      assert.equal(actionFailure(error, 'reading', false).retryable, true);
    }
  });

  const changes: readonly { name: string; error: unknown; retryable: boolean }[] = [
    { name: 'a refused change (400)', error: adoError('status', 400), retryable: true },
    { name: 'a change without permission (403)', error: adoError('status', 403), retryable: true },
    {
      name: 'a change the credential was refused for',
      error: adoError('authentication', 401),
      retryable: true,
    },
    { name: 'a change on something that does not exist', error: adoError('not-found', 404), retryable: true },
    { name: 'a throttled change', error: adoError('rate-limited', 429), retryable: true },
    { name: 'a change answered with 500', error: adoError('status', 500), retryable: false },
    { name: 'a change answered with 408', error: adoError('status', 408), retryable: false },
    { name: 'a change that timed out', error: adoError('timeout'), retryable: false },
    { name: 'a change whose connection broke', error: adoError('network'), retryable: false },
    {
      name: 'a change answered with something unexpected',
      error: adoError('invalid-response', 200),
      retryable: false,
    },
    { name: 'a remediation call refused with 422', error: httpError('status', 422), retryable: true },
    { name: 'a remediation call answered with 502', error: httpError('status', 502), retryable: false },
    { name: 'a remediation call that timed out', error: httpError('timeout'), retryable: false },
    { name: 'a throttled remediation call', error: httpError('rate-limited', 429), retryable: true },
    { name: 'a change that failed in an unknown way', error: new Error('boom'), retryable: false },
  ];
  for (const { name, error, retryable } of changes) {
    it(`${retryable ? 'retries' : 'does not retry'} ${name}`, () => {
      assert.equal(actionFailure(error, 'changing', true).retryable, retryable);
    });
  }

  it('keeps the message and says what was being done', () => {
    const failure = actionFailure(adoError('status', 503), 'redeploying Release-4', true);
    assert.equal(failure.during, 'redeploying Release-4');
    assert.equal(failure.message, 'Azure DevOps PATCH /x failed with 503');
  });
});
