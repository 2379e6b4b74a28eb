import assert from 'node:assert/strict';

import { HttpRequest, InvocationContext } from '@azure/functions';

import { evaluations } from '../../../../gate-function/src/functions/evaluations';
import { useHistoryEnvironment } from './history-environment';

describe('evaluations (the registered function)', () => {
  const environment = useHistoryEnvironment();

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read the fields of the error answer
  const call = async (): Promise<{ status: number | undefined; body: any }> => {
    const request = new HttpRequest({ method: 'GET', url: 'http://localhost/api/evaluations' });
    const response = await evaluations(
      request,
      new InvocationContext({ functionName: 'evaluations', logHandler: () => undefined }),
    );
    return { status: response.status, body: response.jsonBody };
  };

  it('answers 503 naming AzureWebJobsStorage while the app has no storage', async () => {
    const { status, body } = await call();
    assert.equal(status, 503);
    assert.match(body.error.message, /the app setting AzureWebJobsStorage is not set/);
  });

  it('answers 500 naming a history setting that is invalid', async () => {
    environment.set({
      AzureWebJobsStorage: 'UseDevelopmentStorage=true',
      GATE_HISTORY_TABLE_NAME: 'no_underscores',
    });
    const { status, body } = await call();
    assert.equal(status, 500);
    assert.match(body.error.message, /GATE_HISTORY_TABLE_NAME: expected 3–63 letters and digits/);
  });
});
