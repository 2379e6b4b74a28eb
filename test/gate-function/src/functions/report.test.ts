import assert from 'node:assert/strict';

import { HttpRequest, InvocationContext } from '@azure/functions';

import { report } from '../../../../gate-function/src/functions/report';
import { useHistoryEnvironment } from './history-environment';

describe('report (the registered function)', () => {
  const environment = useHistoryEnvironment();

  const call = async (): Promise<{
    status: number | undefined;
    body: string;
    headers: Record<string, string>;
  }> => {
    const request = new HttpRequest({ method: 'GET', url: 'http://localhost/api/report' });
    const response = await report(
      request,
      new InvocationContext({ functionName: 'report', logHandler: () => undefined }),
    );
    return {
      status: response.status,
      body: textOf(response.body),
      headers: response.headers as Record<string, string>,
    };
  };

  it('answers a 503 page naming AzureWebJobsStorage while the app has no storage', async () => {
    const { status, body, headers } = await call();
    assert.equal(status, 503);
    assert.equal(headers['Content-Type'], 'text/html; charset=utf-8');
    assert.match(body, /the app setting AzureWebJobsStorage is not set/);
  });

  it('answers a 500 page naming a history setting that is invalid', async () => {
    environment.set({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', GATE_HISTORY_MAX_PER_SERIES: '0' });
    const { status, body } = await call();
    assert.equal(status, 500);
    assert.match(
      body,
      /GATE_HISTORY_MAX_PER_SERIES: expected a whole number from 1 to 10000, found &quot;0&quot;/,
    );
  });
});

function textOf(body: unknown): string {
  assert.equal(typeof body, 'string', 'the report answers with an HTML string');
  return body as string;
}
