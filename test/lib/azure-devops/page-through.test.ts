import assert from 'node:assert/strict';
import { AzureDevOpsError } from '../../../lib/azure-devops';
import { nodeApiRoutes } from '../../../lib/azure-devops/node-api-routes';
import { collect, pageThrough } from '../../../lib/azure-devops/page-through';
import { type AzureDevOpsRequest, type AzureDevOpsResponse } from '../../../lib/azure-devops/send-request';

/** A fake transport serving scripted pages keyed by continuation token. */
function pages(script: Record<string, { items: number[]; next?: string }>) {
  const requests: AzureDevOpsRequest[] = [];
  const send = (request: AzureDevOpsRequest): Promise<AzureDevOpsResponse> => {
    requests.push(request);
    const page = script[String(request.query?.['continuationToken'] ?? 'first')];
    assert.ok(page, 'unexpected token');
    return Promise.resolve({
      method: 'GET',
      path: '/fabrikam/p/_apis/Release/deployments',
      status: 200,
      body: { count: page.items.length, value: page.items.map((id) => ({ id })) },
      continuationToken: page.next,
      redact: (text) => text,
    });
  };
  return { send, requests };
}

describe('pageThrough', () => {
  const list = (send: (request: AzureDevOpsRequest) => Promise<AzureDevOpsResponse>, maxPages = 20) =>
    pageThrough({
      send,
      maxPages,
      describe: 'test items',
      parseItem: (item) => item.field('id').integer(),
      request: (continuationToken) => ({
        route: nodeApiRoutes.deployments,
        method: 'GET',
        expect: 'json',
        routeValues: { project: 'p' },
        query: { continuationToken },
      }),
    });

  it('follows the continuation token until the service sends none', async () => {
    const { send, requests } = pages({
      first: { items: [1, 2], next: 'a' },
      a: { items: [3], next: 'b' },
      b: { items: [] },
    });
    assert.deepEqual(await collect(list(send)), [1, 2, 3]);
    assert.deepEqual(
      requests.map((request) => request.query?.['continuationToken']),
      [undefined, 'a', 'b'],
    );
  });

  it('stops instead of looping when the service repeats a token', async () => {
    const { send } = pages({ first: { items: [1], next: 'a' }, a: { items: [2], next: 'a' } });
    await assert.rejects(
      collect(list(send)),
      (error: unknown) =>
        error instanceof AzureDevOpsError && /continuation token "a" a second time/.test(error.message),
    );
  });

  it('rejects a maxPages that is not a positive integer', async () => {
    const { send } = pages({ first: { items: [] } });
    await assert.rejects(collect(list(send, 0)), /maxPages must be a positive integer/);
  });
});
