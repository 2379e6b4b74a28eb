import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { type ClientApiBase } from 'azure-devops-node-api/ClientApiBases';
import { AzureDevOpsError } from '../../../lib/azure-devops';
import { nodeApiRoutes } from '../../../lib/azure-devops/node-api-routes';
import { defaultRetryPolicy } from '../../../lib/azure-devops/retry-policy';
import { createSecretRedactor } from '../../../lib/azure-devops/secret-redactor';
import {
  createRequestSender,
  type AzureDevOpsRequest,
  type SendRequest,
} from '../../../lib/azure-devops/send-request';

const token = 'abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst';
const now = Date.parse('2026-01-15T12:00:00Z');

type Answer = { statusCode: number; result: unknown; headers?: Record<string, string> } | Error;

/** An Error shaped like typed-rest-client's rejection of a >299 response. */
function httpFailure(
  statusCode: number,
  envelope?: { message: string; typeKey: string },
  headers: Record<string, string> = {},
): Error {
  return Object.assign(new Error(envelope?.message ?? `Failed request: (${statusCode})`), {
    statusCode,
    ...(envelope === undefined ? {} : { result: envelope }),
    responseHeaders: headers,
  });
}

function socketFailure(code: string): Error {
  return Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code });
}

/**
 * A stand-in for a node-api client: discovery answers a fixed URL, and each REST call takes the next
 * scripted answer. What matters here is how the sender reads statuses, errors and headers.
 */
function fakeClient(answers: Answer[], calls: string[]): ClientApiBase {
  const next = (method: string, url: string): Promise<unknown> => {
    calls.push(`${method} ${url}`);
    const answer = answers.shift();
    if (answer === undefined) return Promise.reject(new Error('no scripted answer left'));
    if (answer instanceof Error) return Promise.reject(answer);
    return Promise.resolve({ headers: {}, ...answer });
  };
  return {
    baseUrl: 'https://vsrm.dev.azure.com/fabrikam/',
    vsoClient: {
      getVersioningData: (apiVersion: string) =>
        Promise.resolve({
          apiVersion,
          requestUrl: 'https://vsrm.dev.azure.com/fabrikam/Fabrikam%20Fiber/_apis/Release/releases/4?x=1',
        }),
    },
    rest: {
      get: (url: string) => next('GET', url),
      update: (url: string) => next('PATCH', url),
      create: (url: string) => next('POST', url),
    },
    createRequestOptions: (type: string, apiVersion: string) => ({
      acceptHeader: `${type};api-version=${apiVersion}`,
    }),
  } as unknown as ClientApiBase;
}

describe('createRequestSender', () => {
  let calls: string[];
  let sleeps: number[];
  let warnings: string[];

  const sender = (
    answers: Answer[],
    options: { maxRetries?: number; clientFor?: () => Promise<ClientApiBase> } = {},
  ): SendRequest =>
    createRequestSender({
      clientFor: options.clientFor ?? (() => Promise.resolve(fakeClient(answers, calls))),
      discoveryPath: '/fabrikam/_apis/ResourceAreas',
      timeoutMs: 2_000,
      policy: { ...defaultRetryPolicy, maxRetries: options.maxRetries ?? defaultRetryPolicy.maxRetries },
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      random: () => 0.5,
      now: () => now,
      redactor: createSecretRedactor([token]),
      logger: { warn: (message) => warnings.push(message) },
    });

  const get: AzureDevOpsRequest = {
    route: nodeApiRoutes.releases,
    method: 'GET',
    expect: 'json',
    routeValues: { project: 'p', releaseId: 4 },
  };
  const patch: AzureDevOpsRequest = {
    ...get,
    route: nodeApiRoutes.releaseEnvironments,
    method: 'PATCH',
    body: { status: 2 },
  };

  async function failure(promise: Promise<unknown>): Promise<AzureDevOpsError> {
    try {
      await promise;
    } catch (error) {
      assert.ok(error instanceof AzureDevOpsError, `expected an AzureDevOpsError, got ${String(error)}`);
      return error;
    }
    assert.fail('expected the call to fail');
  }

  beforeEach(() => {
    calls = [];
    sleeps = [];
    warnings = [];
  });

  it('returns the status, the body and the continuation header of a success', async () => {
    const response = await sender([
      { statusCode: 200, result: { count: 0, value: [] }, headers: { 'x-ms-continuationtoken': '17' } },
    ])(get);
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { count: 0, value: [] });
    assert.equal(response.continuationToken, '17');
    assert.equal(response.path, '/fabrikam/Fabrikam Fiber/_apis/Release/releases/4');
  });

  it('reports a 404 as not-found with method and path, without retrying', async () => {
    const error = await failure(sender([{ statusCode: 404, result: null }])(get));
    assert.equal(error.kind, 'not-found');
    assert.equal(error.status, 404);
    assert.equal(error.method, 'GET');
    assert.equal(error.path, '/fabrikam/Fabrikam Fiber/_apis/Release/releases/4');
    assert.equal(calls.length, 1);
  });

  it('reports a 203 sign-in page as an authentication failure', async () => {
    const error = await failure(sender([{ statusCode: 203, result: null }])(get));
    assert.equal(error.kind, 'authentication');
    assert.match(error.message, /203 with a sign-in page/);
  });

  it('reports a success without the expected JSON body as invalid-response', async () => {
    const error = await failure(sender([{ statusCode: 200, result: null }])(get));
    assert.equal(error.kind, 'invalid-response');
  });

  it('accepts an empty success where no body is expected', async () => {
    const response = await sender([{ statusCode: 200, result: null }])({ ...patch, expect: 'empty' });
    assert.equal(response.body, undefined);
  });

  it('retries a GET answered 503 up to maxRetries with jittered exponential backoff, then fails with the service message', async () => {
    const outage = httpFailure(503, {
      message: 'The service is unavailable.',
      typeKey: 'VssServiceException',
    });
    const error = await failure(sender([outage, outage, outage, outage])(get));
    assert.equal(calls.length, 4);
    assert.deepEqual(sleeps, [125, 250, 500]);
    assert.equal(error.kind, 'status');
    assert.equal(error.status, 503);
    assert.equal(error.attempts, 4);
    assert.equal(error.typeKey, 'VssServiceException');
    assert.equal(
      error.message,
      'Azure DevOps GET /fabrikam/Fabrikam Fiber/_apis/Release/releases/4 failed with 503 (VssServiceException): The service is unavailable. (4 attempts)',
    );
  });

  it('succeeds when a retry succeeds', async () => {
    const response = await sender([httpFailure(500), { statusCode: 200, result: { id: 4 } }])(get);
    assert.deepEqual(response.body, { id: 4 });
    assert.equal(calls.length, 2);
  });

  it('honours Retry-After on 429, for a PATCH too, with a little jitter', async () => {
    const throttled = httpFailure(
      429,
      { message: 'TF400733: blocked', typeKey: 'RequestBlockedException' },
      { 'retry-after': '3' },
    );
    await sender([throttled, { statusCode: 200, result: { id: 8 } }])(patch);
    assert.equal(calls.length, 2);
    assert.deepEqual(sleeps, [3_000 + 125]);
  });

  it('waits until X-RateLimit-Reset when there is no Retry-After', async () => {
    const throttled = httpFailure(429, undefined, { 'x-ratelimit-reset': String(now / 1000 + 5) });
    await sender([throttled, { statusCode: 200, result: {} }])(get);
    assert.deepEqual(sleeps, [5_000 + 125]);
  });

  it('gives up at once on a 429 whose wait exceeds the limit, saying until when', async () => {
    const throttled = httpFailure(
      429,
      { message: 'TF400733: blocked', typeKey: 'RequestBlockedException' },
      { 'retry-after': '120' },
    );
    const error = await failure(sender([throttled])(get));
    assert.equal(error.kind, 'rate-limited');
    assert.deepEqual(error.retryAt, new Date(now + 120_000));
    assert.match(error.message, /rate limited with 429 until 2026-01-15T12:02:00\.000Z/);
    assert.deepEqual(sleeps, []);
  });

  it('never repeats a PATCH after a 5xx or a timeout: it may have taken effect', async () => {
    assert.equal((await failure(sender([httpFailure(503)])(patch))).attempts, 1);
    assert.equal((await failure(sender([new Error('Request timeout: /x')])(patch))).kind, 'timeout');
    assert.equal((await failure(sender([socketFailure('ECONNRESET')])(patch))).kind, 'network');
    assert.equal(calls.length, 3);
  });

  it('repeats a PATCH whose connection was refused: it never reached the service', async () => {
    await sender([socketFailure('ECONNREFUSED'), { statusCode: 200, result: {} }])(patch);
    assert.equal(calls.length, 2);
  });

  it('retries a GET that timed out, and says how long each attempt waited', async () => {
    const error = await failure(
      sender([new Error('Request timeout: /a'), new Error('Request timeout: /a')], { maxRetries: 1 })(get),
    );
    assert.equal(error.kind, 'timeout');
    assert.equal(error.attempts, 2);
    assert.match(error.message, /timed out \(2 attempts\); no answer within 2 s per attempt/);
  });

  it('does not retry a client error', async () => {
    const error = await failure(
      sender([httpFailure(400, { message: 'bad', typeKey: 'InvalidRequestException' })])(get),
    );
    assert.equal(error.status, 400);
    assert.equal(calls.length, 1);
  });

  it('reports a 401 as an authentication failure with what to check', async () => {
    const error = await failure(
      sender([
        httpFailure(401, {
          message: 'TF400813: Resource not available for anonymous access.',
          typeKey: 'UnauthorizedRequestException',
        }),
      ])(get),
    );
    assert.equal(error.kind, 'authentication');
    assert.match(error.message, /TF400813.*the credential was not accepted/);
  });

  it('retries a failing discovery and names the discovery call when it keeps failing', async () => {
    let lookups = 0;
    const clientFor = (): Promise<ClientApiBase> => {
      lookups += 1;
      if (lookups < 3) return Promise.reject(httpFailure(502));
      return Promise.resolve(fakeClient([{ statusCode: 200, result: {} }], calls));
    };
    await sender([], { clientFor })(get);
    assert.equal(lookups, 3);
    const error = await failure(
      sender([], { clientFor: () => Promise.reject(httpFailure(401)), maxRetries: 0 })(get),
    );
    assert.equal(error.method, 'GET');
    assert.equal(error.path, '/fabrikam/_apis/ResourceAreas');
    assert.equal(error.kind, 'authentication');
  });

  it('reports an API the host does not offer as a discovery failure, without retrying', async () => {
    const clientFor = (): Promise<ClientApiBase> => {
      const client = fakeClient([], calls);
      client.vsoClient.getVersioningData = () =>
        Promise.reject(
          new Error('Failed to find api location for area: Release id: a166fde7-27ad-408e-ba75-703c2cc9d500'),
        );
      return Promise.resolve(client);
    };
    const error = await failure(sender([], { clientFor })(get));
    assert.equal(error.kind, 'discovery');
    assert.equal(error.method, 'OPTIONS');
    assert.equal(error.path, '/fabrikam/_apis/Release');
    assert.match(error.message, /ReleaseApi\.getReleases/);
  });

  it('logs each retry with the call, what happened and the wait', async () => {
    await sender([httpFailure(503), { statusCode: 200, result: {} }])(get);
    assert.deepEqual(warnings, [
      'Azure DevOps GET /fabrikam/Fabrikam Fiber/_apis/Release/releases/4 answered 503; retrying in 0.1 s (attempt 2 of 4)',
    ]);
  });

  it('keeps the token out of messages, logs and causes even when the service echoes it', async () => {
    const basic = Buffer.from(`PAT:${token}`).toString('base64');
    const echo = httpFailure(500, {
      message: `Bad header Basic ${basic} for ${token}`,
      typeKey: 'VssServiceException',
    });
    const error = await failure(sender([echo, echo], { maxRetries: 1 })(get));
    const text = `${inspect(error, { depth: 10 })}\n${warnings.join('\n')}`;
    for (const secret of [token, basic, Buffer.from(`:${token}`).toString('base64')])
      assert.ok(!text.includes(secret), `leaked ${secret}`);
    assert.match(error.message, /Bad header Basic \[REDACTED\] for \[REDACTED\]/);
  });
});
