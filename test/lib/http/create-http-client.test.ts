import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { inspect } from 'node:util';

import { createHttpClient } from '../../../lib/http/create-http-client';
import { type HttpClientOptions } from '../../../lib/http/http-client';
import { HttpError } from '../../../lib/http/http-error';
import { arrayOf, number, object, string } from '../../../lib/http/wire-decoders';
import {
  hangReply,
  jsonReply,
  resetReply,
  startStubServer,
  type StubReply,
  type StubServer,
  textReply,
} from '../../support/stub-server';
import {
  createFakeClock,
  createRecordingLogger,
  FAKE_CLOCK_START,
  type FakeClock,
} from '../../support/fake-clock';

const TOKEN =
  'dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

/** Runs `action` and returns the HttpError it must throw. */
async function httpErrorOf(action: () => Promise<unknown>): Promise<HttpError> {
  try {
    await action();
  } catch (error: unknown) {
    assert.ok(error instanceof HttpError, `expected an HttpError, got ${inspect(error)}`);
    return error;
  }
  assert.fail('expected the request to fail');
}

describe('createHttpClient', () => {
  let stub: StubServer;
  let clock: FakeClock;
  let logger: ReturnType<typeof createRecordingLogger>;

  before(async () => {
    stub = await startStubServer();
  });
  after(async () => {
    await stub.close();
  });
  beforeEach(() => {
    stub.reset();
    clock = createFakeClock();
    logger = createRecordingLogger();
  });

  function client(overrides: Partial<HttpClientOptions> = {}): ReturnType<typeof createHttpClient> {
    return createHttpClient({
      baseUrl: stub.url,
      serviceName: 'Dynatrace',
      headers: { Authorization: `Api-Token ${TOKEN}` },
      secrets: [TOKEN],
      clock,
      logger,
      random: () => 0,
      ...overrides,
    });
  }

  describe('successful requests', () => {
    it('returns the status, the parsed JSON body and lower-case headers', async () => {
      stub.reply(jsonReply(200, { totalCount: 1 }, { 'X-RateLimit-Remaining': '49' }));

      const response = await client().request({ method: 'GET', path: '/api/v2/metrics' });

      assert.equal(response.status, 200);
      assert.deepEqual(response.data, { totalCount: 1 });
      assert.equal(response.headers['x-ratelimit-remaining'], '49');
    });

    it('sends the configured headers, a user agent and Accept: application/json', async () => {
      stub.reply(jsonReply(200, {}));

      await client({ userAgent: 'unbreakable-test/1.0' }).request({ method: 'GET', path: '/x' });

      const [received] = stub.requests;
      assert.equal(received?.headers.authorization, `Api-Token ${TOKEN}`);
      assert.equal(received?.headers['user-agent'], 'unbreakable-test/1.0');
      assert.equal(received?.headers.accept, 'application/json');
    });

    it('percent-encodes query values, repeats array values and leaves out undefined ones', async () => {
      stub.reply(jsonReply(200, {}));

      await client().request({
        method: 'GET',
        path: '/api/v1/timeseries/com.dynatrace.builtin:service.responsetime',
        query: {
          entity: ['SERVICE-1', 'SERVICE-2'],
          fields: '+tags',
          entitySelector: 'type(SERVICE),tag("DeploymentGroup:Staging")',
          includeData: true,
          startTimestamp: 1700000000000,
          omitted: undefined,
        },
      });

      const [received] = stub.requests;
      assert.deepEqual(received?.query.getAll('entity'), ['SERVICE-1', 'SERVICE-2']);
      assert.equal(received?.query.get('fields'), '+tags');
      assert.equal(received?.query.get('entitySelector'), 'type(SERVICE),tag("DeploymentGroup:Staging")');
      assert.equal(received?.query.get('includeData'), 'true');
      assert.equal(received?.query.get('startTimestamp'), '1700000000000');
      assert.equal(received?.query.has('omitted'), false);
      assert.match(received?.rawUrl ?? '', /fields=%2Btags/);
    });

    it('sends a body as JSON with a JSON content type', async () => {
      stub.reply(jsonReply(201, { reportCount: 1 }));

      await client().request({
        method: 'POST',
        path: '/api/v2/events/ingest',
        body: { title: 'Deploy 1.2' },
      });

      const [received] = stub.requests;
      assert.equal(received?.method, 'POST');
      assert.match(received?.headers['content-type'] ?? '', /^application\/json/);
      assert.deepEqual(JSON.parse(received?.body ?? ''), { title: 'Deploy 1.2' });
    });

    it('sends a string body unchanged when a content type is given', async () => {
      stub.reply(jsonReply(200, {}));

      await client().request({
        method: 'POST',
        path: '/logs/3',
        body: 'line 1\nline 2',
        contentType: 'text/plain',
      });

      assert.equal(stub.requests[0]?.body, 'line 1\nline 2');
      assert.equal(stub.requests[0]?.headers['content-type'], 'text/plain');
    });

    it('returns the text of the body when the response type is text', async () => {
      stub.reply(textReply(200, 'metricId,value\nbuiltin:x,1'));

      const response = await client().request({ method: 'GET', path: '/csv', responseType: 'text' });

      assert.equal(response.data, 'metricId,value\nbuiltin:x,1');
    });

    it('returns undefined data for an answer without a body, such as 201 from a comment post', async () => {
      stub.reply({ status: 201 });

      const response = await client().request({ method: 'POST', path: '/comments', body: { message: 'hi' } });

      assert.equal(response.status, 201);
      assert.equal(response.data, undefined);
    });

    it('treats a status listed in expectedStatus as success even outside 2xx', async () => {
      stub.reply(jsonReply(404, { error: { code: 404, message: 'not found' } }));

      const response = await client().request({ method: 'GET', path: '/maybe', expectedStatus: [200, 404] });

      assert.equal(response.status, 404);
    });

    it('types the data with the request decoder', async () => {
      stub.reply(jsonReply(200, { totalCount: 2, ids: ['a', 'b'], ignored: true }));

      const response = await client().request({
        method: 'GET',
        path: '/typed',
        decode: object({ totalCount: number, ids: arrayOf(string) }),
      });

      assert.deepEqual(response.data, { totalCount: 2, ids: ['a', 'b'] });
    });
  });

  describe('unusable answers', () => {
    it('reports a body that does not match the decoder as invalid-response naming the JSON path', async () => {
      stub.reply(jsonReply(200, { totalCount: 'two' }));

      const error = await httpErrorOf(() =>
        client().request({ method: 'GET', path: '/typed', decode: object({ totalCount: number }) }),
      );

      assert.equal(error.kind, 'invalid-response');
      assert.equal(
        error.message,
        'Dynatrace GET /typed answered 200 with an unexpected body: at $.totalCount: expected a number, found the string "two"',
      );
    });

    it('reports a 203 HTML sign-in page as invalid-response instead of success', async () => {
      stub.reply(
        textReply(203, '<html><body>Sign in</body></html>', { 'content-type': 'text/html; charset=utf-8' }),
      );

      const error = await httpErrorOf(() => client().request({ method: 'GET', path: '/_apis/projects' }));

      assert.equal(error.kind, 'invalid-response');
      assert.equal(error.status, 203);
      assert.match(
        error.message,
        /^Dynatrace GET \/_apis\/projects answered 203 with text\/html where JSON was expected/,
      );
      assert.match(error.message, /sign-in page/);
      assert.equal(stub.requests.length, 1);
    });

    it('reports malformed JSON as invalid-response', async () => {
      stub.reply(textReply(200, '{"totalCount": 1,', { 'content-type': 'application/json' }));

      const error = await httpErrorOf(() => client().request({ method: 'GET', path: '/broken' }));

      assert.equal(error.kind, 'invalid-response');
      assert.match(error.message, /answered 200 with a body that is not valid JSON/);
    });

    it('rejects an answer larger than maxResponseBytes without retrying', async () => {
      stub.reply(jsonReply(200, { blob: 'x'.repeat(4096) }));

      const error = await httpErrorOf(() =>
        client({ maxResponseBytes: 1024 }).request({ method: 'GET', path: '/big' }),
      );

      assert.equal(error.kind, 'invalid-response');
      assert.equal(
        error.message,
        'Dynatrace GET /big answered with more than 1 KB, the configured maxResponseBytes',
      );
      assert.equal(stub.requests.length, 1);
    });
  });

  describe('rate limiting', () => {
    it('waits until X-RateLimit-Reset, given in microseconds since the epoch, then retries', async () => {
      const resetMicros = (FAKE_CLOCK_START + 1200) * 1000;
      stub.reply(
        jsonReply(
          429,
          { error: { code: 429, message: 'Too many requests.' } },
          { 'X-RateLimit-Reset': String(resetMicros) },
        ),
        jsonReply(200, { ok: true }),
      );

      const response = await client().request({ method: 'GET', path: '/api/v2/metrics/query' });

      assert.deepEqual(response.data, { ok: true });
      assert.deepEqual(clock.sleeps, [1200]);
      assert.equal(stub.requests.length, 2);
      assert.ok(
        logger.lines.includes(
          'warn: Dynatrace GET /api/v2/metrics/query answered 429; retrying in 1.2 s (attempt 2 of 4)',
        ),
        logger.lines.join('\n'),
      );
    });

    it('adds up to 250 ms of jitter to a rate-limit wait', async () => {
      stub.reply(
        jsonReply(429, {}, { 'X-RateLimit-Reset': String((FAKE_CLOCK_START + 1000) * 1000) }),
        jsonReply(200, {}),
      );

      await client({ random: () => 0.5 }).request({ method: 'GET', path: '/x' });

      assert.deepEqual(clock.sleeps, [1125]);
    });

    it('honours Retry-After given in seconds', async () => {
      stub.reply(jsonReply(429, {}, { 'Retry-After': '3' }), jsonReply(200, {}));

      await client().request({ method: 'GET', path: '/x' });

      assert.deepEqual(clock.sleeps, [3000]);
    });

    it('honours Retry-After given as an HTTP date', async () => {
      const retryAt = new Date(FAKE_CLOCK_START + 5000).toUTCString();
      stub.reply(jsonReply(429, {}, { 'Retry-After': retryAt }), jsonReply(200, {}));

      await client().request({ method: 'GET', path: '/x' });

      assert.deepEqual(clock.sleeps, [5000]);
    });

    it('retries a POST answered with 429, because a throttled request was not processed', async () => {
      stub.reply(jsonReply(429, {}, { 'Retry-After': '1' }), jsonReply(201, { reportCount: 1 }));

      const response = await client().request({ method: 'POST', path: '/api/v2/events/ingest', body: {} });

      assert.equal(response.status, 201);
      assert.equal(stub.requests.length, 2);
    });

    it('falls back to exponential backoff when a 429 carries no reset hint', async () => {
      stub.reply(jsonReply(429, {}), jsonReply(429, {}), jsonReply(200, {}));

      await client({ random: () => 1 }).request({ method: 'GET', path: '/x' });

      assert.deepEqual(clock.sleeps, [250, 500]);
    });

    it('gives up at once, saying until when, when the wait exceeds maxRateLimitWaitMs', async () => {
      const resetAt = FAKE_CLOCK_START + 45_000;
      stub.reply(
        jsonReply(
          429,
          { error: { code: 429, message: 'Too many requests.' } },
          { 'X-RateLimit-Reset': String(resetAt * 1000) },
        ),
      );

      const error = await httpErrorOf(() =>
        client().request({ method: 'GET', path: '/api/v2/metrics/query' }),
      );

      assert.equal(error.kind, 'rate-limited');
      assert.equal(error.status, 429);
      assert.equal(error.rateLimitedUntil, resetAt);
      assert.equal(
        error.message,
        'Dynatrace GET /api/v2/metrics/query was rate limited (429) until 2024-01-01T00:00:45.000Z, ' +
          'waiting 45 s would exceed the 30 s the client may wait (maxRateLimitWaitMs)',
      );
      assert.deepEqual(clock.sleeps, []);
      assert.equal(stub.requests.length, 1);
    });

    it('gives up at once when the rate-limit wait would pass the request deadline', async () => {
      stub.reply(jsonReply(429, {}, { 'X-RateLimit-Reset': String((FAKE_CLOCK_START + 5000) * 1000) }));

      const error = await httpErrorOf(() =>
        client().request({ method: 'GET', path: '/x', deadline: FAKE_CLOCK_START + 2000 }),
      );

      assert.equal(error.kind, 'rate-limited');
      assert.match(error.message, /until 2024-01-01T00:00:05\.000Z, which is past the request's deadline/);
      assert.deepEqual(clock.sleeps, []);
    });

    it('reports rate-limited when every attempt up to the bound is throttled', async () => {
      const throttled = jsonReply(
        429,
        { error: { code: 429, message: 'Too many requests.' } },
        { 'Retry-After': '1' },
      );
      stub.reply(throttled, throttled, throttled);

      const error = await httpErrorOf(() =>
        client({ retry: { maxRetries: 2 } }).request({ method: 'GET', path: '/x' }),
      );

      assert.equal(error.kind, 'rate-limited');
      assert.equal(error.attempts, 3);
      assert.match(
        error.message,
        /^Dynatrace GET \/x was still rate limited \(429 until .*\) after 3 attempts/,
      );
    });
  });

  describe('server errors', () => {
    it('retries 5xx up to maxRetries with growing backoff, then fails naming status, message and attempts', async () => {
      const unavailable = jsonReply(503, { message: 'Service temporarily unavailable' });
      stub.reply(unavailable, unavailable, unavailable, unavailable);

      const error = await httpErrorOf(() =>
        client({ random: () => 1 }).request({ method: 'GET', path: '/api/v2/problems' }),
      );

      assert.equal(error.kind, 'status');
      assert.equal(error.status, 503);
      assert.equal(error.attempts, 4);
      assert.equal(error.serviceMessage, 'Service temporarily unavailable');
      assert.equal(
        error.message,
        'Dynatrace GET /api/v2/problems failed with 503: Service temporarily unavailable (4 attempts)',
      );
      assert.equal(stub.requests.length, 4);
      assert.deepEqual(clock.sleeps, [250, 500, 1000]);
    });

    it('caps backoff waits at maxDelayMs', async () => {
      const failing = jsonReply(500, {});
      stub.reply(failing, failing, failing, jsonReply(200, {}));

      await client({ random: () => 1, retry: { baseDelayMs: 1000, maxDelayMs: 1500 } }).request({
        method: 'GET',
        path: '/x',
      });

      assert.deepEqual(clock.sleeps, [1000, 1500, 1500]);
    });

    it('succeeds when a retry after a 5xx succeeds', async () => {
      stub.reply(jsonReply(502, {}), jsonReply(200, { ok: 1 }));

      const response = await client().request({ method: 'GET', path: '/x' });

      assert.deepEqual(response.data, { ok: 1 });
    });

    it('does not retry 4xx answers other than 429', async () => {
      stub.reply(jsonReply(400, { message: 'bad selector' }));

      const error = await httpErrorOf(() => client().request({ method: 'GET', path: '/x' }));

      assert.equal(error.kind, 'status');
      assert.equal(error.message, 'Dynatrace GET /x failed with 400: bad selector');
      assert.equal(stub.requests.length, 1);
    });

    it('uses describeErrorBody to read the service message', async () => {
      stub.reply(jsonReply(403, { error: { code: 403, message: 'Token is missing required scope.' } }));

      const error = await httpErrorOf(() =>
        client({ describeErrorBody: (status, body) => `${status} says ${JSON.stringify(body)}` }).request({
          method: 'GET',
          path: '/x',
        }),
      );

      assert.equal(
        error.message,
        'Dynatrace GET /x failed with 403: 403 says {"error":{"code":403,"message":"Token is missing required scope."}}',
      );
    });

    it('names the status when the error body says nothing useful', async () => {
      stub.reply(textReply(502, '<html>Bad gateway</html>', { 'content-type': 'text/html' }));

      const error = await httpErrorOf(() =>
        client({ retry: { maxRetries: 0 } }).request({ method: 'GET', path: '/x' }),
      );

      assert.equal(error.message, 'Dynatrace GET /x failed with 502: Bad Gateway');
    });

    it('reads an error body of the form { "error": "…" } and shortens a very long one', async () => {
      stub.reply(jsonReply(409, { error: 'conflict' }), textReply(400, 'x'.repeat(1000)));

      const conflict = await httpErrorOf(() => client().request({ method: 'GET', path: '/a' }));
      const long = await httpErrorOf(() => client().request({ method: 'GET', path: '/b' }));

      assert.equal(conflict.message, 'Dynatrace GET /a failed with 409: conflict');
      assert.equal(long.serviceMessage, `${'x'.repeat(300)}…`);
    });

    it('does not follow redirects', async () => {
      stub.reply({ status: 302, headers: { location: 'https://login.example.com/' } });

      const error = await httpErrorOf(() => client().request({ method: 'GET', path: '/x' }));

      assert.equal(error.kind, 'status');
      assert.equal(error.status, 302);
      assert.match(error.message, /redirects are not followed/);
    });

    it('lets a service client throw its own error subclass', async () => {
      class ServiceError extends HttpError {
        override readonly name = 'ServiceError';
      }
      stub.reply(jsonReply(404, { message: 'no such thing' }));

      const error = await httpErrorOf(() =>
        client({ createError: (init) => new ServiceError(init) }).request({ method: 'GET', path: '/x' }),
      );

      assert.ok(error instanceof ServiceError);
      assert.equal(error.status, 404);
    });
  });

  describe('timeouts and network errors', () => {
    it('times out a hanging server after timeoutMs and retries an idempotent request', async () => {
      stub.reply(hangReply, hangReply);

      const error = await httpErrorOf(() =>
        client({ timeoutMs: 150, retry: { maxRetries: 1 } }).request({ method: 'GET', path: '/slow' }),
      );

      assert.equal(error.kind, 'timeout');
      assert.equal(error.message, 'Dynatrace GET /slow timed out after 150 ms (2 attempts)');
      assert.equal(stub.requests.length, 2);
    });

    it('does not retry a POST that timed out, because the server may have acted on it', async () => {
      stub.reply(hangReply, jsonReply(201, {}));

      const error = await httpErrorOf(() =>
        client({ timeoutMs: 150 }).request({ method: 'POST', path: '/api/v2/events/ingest', body: {} }),
      );

      assert.equal(error.kind, 'timeout');
      assert.equal(
        error.message,
        'Dynatrace POST /api/v2/events/ingest timed out after 150 ms (not retried: POST requests are not idempotent)',
      );
      assert.equal(stub.requests.length, 1);
    });

    it('retries a POST after a timeout when the caller declares it idempotent', async () => {
      stub.reply(hangReply, jsonReply(201, {}));

      const response = await client({ timeoutMs: 150 }).request({
        method: 'POST',
        path: '/query',
        body: {},
        idempotent: true,
      });

      assert.equal(response.status, 201);
    });

    it('retries an idempotent request after the connection was reset', async () => {
      stub.reply(resetReply, jsonReply(200, { ok: true }));

      const response = await client().request({ method: 'GET', path: '/x' });

      assert.deepEqual(response.data, { ok: true });
      assert.ok(
        logger.lines.some((line) =>
          line.startsWith('warn: Dynatrace GET /x failed: the connection was reset'),
        ),
      );
    });

    it('does not retry a POST after the connection was reset', async () => {
      stub.reply(resetReply, jsonReply(201, {}));

      const error = await httpErrorOf(() => client().request({ method: 'POST', path: '/x', body: {} }));

      assert.equal(error.kind, 'network');
      assert.equal(error.networkCode, 'ECONNRESET');
      assert.match(error.message, /not retried: POST requests are not idempotent/);
      assert.equal(stub.requests.length, 1);
    });

    it('reports a refused connection as a network error naming the host', async () => {
      const closedPort = await findClosedPort();

      const error = await httpErrorOf(() =>
        client({ baseUrl: `http://127.0.0.1:${closedPort}`, retry: { maxRetries: 1 } }).request({
          method: 'GET',
          path: '/x',
        }),
      );

      assert.equal(error.kind, 'network');
      assert.equal(error.networkCode, 'ECONNREFUSED');
      assert.equal(
        error.message,
        `Dynatrace GET /x failed: the connection was refused (ECONNREFUSED) at 127.0.0.1:${closedPort} (2 attempts)`,
      );
    });
  });

  describe('deadlines and cancellation', () => {
    it('does not send a request whose deadline has passed', async () => {
      const error = await httpErrorOf(() =>
        client().request({ method: 'GET', path: '/x', deadline: FAKE_CLOCK_START - 1 }),
      );

      assert.equal(error.kind, 'deadline');
      assert.equal(error.attempts, 0);
      assert.equal(stub.requests.length, 0);
    });

    it('stops retrying when the next backoff would end past the deadline', async () => {
      const failing = jsonReply(503, {});
      stub.reply(failing, failing, failing, failing);

      const error = await httpErrorOf(() =>
        client({ random: () => 1 }).request({ method: 'GET', path: '/x', deadline: FAKE_CLOCK_START + 600 }),
      );

      assert.equal(error.kind, 'deadline');
      assert.equal(error.attempts, 2);
      assert.equal(error.status, 503);
      assert.deepEqual(clock.sleeps, [250]);
      assert.equal(
        error.message,
        'Dynatrace GET /x did not complete before its deadline (2024-01-01T00:00:00.600Z); last attempt answered 503 (2 attempts)',
      );
    });

    it('shortens an attempt to the time left before the deadline', async () => {
      stub.reply(hangReply);

      const error = await httpErrorOf(() =>
        client({ timeoutMs: 10_000 }).request({
          method: 'GET',
          path: '/slow',
          deadline: FAKE_CLOCK_START + 150,
        }),
      );

      assert.equal(error.kind, 'deadline');
      assert.match(error.message, /last attempt timed out after 150 ms$/);
    });

    it('fails as aborted without sending when the signal has already fired', async () => {
      const error = await httpErrorOf(() =>
        client().request({ method: 'GET', path: '/x', signal: AbortSignal.abort() }),
      );

      assert.equal(error.kind, 'aborted');
      assert.equal(stub.requests.length, 0);
    });

    it('fails as aborted when the caller aborts an attempt in flight', async () => {
      const controller = new AbortController();
      stub.reply(() => {
        controller.abort();
        return hangReply;
      });

      const error = await httpErrorOf(() =>
        client().request({ method: 'GET', path: '/x', signal: controller.signal }),
      );

      assert.equal(error.kind, 'aborted');
      assert.equal(error.message, 'Dynatrace GET /x was aborted by the caller');
    });
  });

  describe('secrets', () => {
    const forbidden = [
      TOKEN,
      `Api-Token ${TOKEN}`,
      `Bearer ${TOKEN}`,
      Buffer.from(TOKEN).toString('base64'),
      Buffer.from(`:${TOKEN}`).toString('base64'),
      encodeURIComponent(TOKEN),
    ];

    function assertNoSecret(text: string, where: string): void {
      for (const secret of forbidden) {
        assert.ok(!text.includes(secret), `${where} contains a form of the token: ${text}`);
      }
    }

    it('keeps the token out of every error message, error object and log line', async () => {
      const echoingAuthorization =
        (status: number): StubReply =>
        (request) =>
          jsonReply(status, {
            message: `rejected ${String(request.headers.authorization)} / ${Buffer.from(TOKEN).toString('base64')}`,
          });
      const scenarios: Array<{
        name: string;
        replies: StubReply[];
        options?: Partial<HttpClientOptions>;
      }> = [
        { name: '401 echoing the header', replies: [echoingAuthorization(401)] },
        {
          name: '5xx echoing the header',
          replies: [echoingAuthorization(500), echoingAuthorization(500)],
          options: { retry: { maxRetries: 1 } },
        },
        { name: 'a timeout', replies: [hangReply], options: { timeoutMs: 100, retry: { maxRetries: 0 } } },
        { name: 'a reset', replies: [resetReply], options: { retry: { maxRetries: 0 } } },
        {
          name: 'an HTML page with the token',
          replies: [textReply(203, `<p>${TOKEN}</p>`, { 'content-type': 'text/html' })],
        },
        {
          name: 'malformed JSON with the token',
          replies: [textReply(200, `{"token": "${TOKEN}"`, { 'content-type': 'application/json' })],
        },
        { name: 'a rate limit', replies: [jsonReply(429, { message: TOKEN }, { 'Retry-After': '3600' })] },
      ];

      for (const scenario of scenarios) {
        stub.reset();
        stub.reply(...scenario.replies);
        const error = await httpErrorOf(() =>
          client(scenario.options).request({
            method: 'GET',
            path: '/api/v2/metrics/query',
            query: { from: 'now-5m' },
          }),
        );
        assertNoSecret(error.message, `${scenario.name}: message`);
        assertNoSecret(error.serviceMessage ?? '', `${scenario.name}: serviceMessage`);
        assertNoSecret(inspect(error, { depth: 10, showHidden: true }), `${scenario.name}: inspected error`);
        assertNoSecret(JSON.stringify(error), `${scenario.name}: serialised error`);
        assert.equal(error.path, '/api/v2/metrics/query');
      }
      assertNoSecret(logger.lines.join('\n'), 'log');
      assert.ok(logger.lines.length > 0);
    });

    it('redacts a decoder failure that quotes the token', async () => {
      stub.reply(jsonReply(200, { totalCount: TOKEN }));

      const error = await httpErrorOf(() =>
        client().request({ method: 'GET', path: '/typed', decode: object({ totalCount: number }) }),
      );

      assert.equal(error.kind, 'invalid-response');
      assertNoSecret(error.message, 'message');
    });

    it('redacts values of per-request headers too', async () => {
      const pat = 'per-request-secret-value-123';
      stub.reply((request) => jsonReply(401, { message: `bad ${String(request.headers['x-extra'])}` }));

      const error = await httpErrorOf(() =>
        client().request({ method: 'GET', path: '/x', headers: { 'X-Extra': pat } }),
      );

      assert.ok(!error.message.includes(pat), error.message);
      assert.match(error.message, /bad \[REDACTED\]/);
    });
  });

  describe('configuration', () => {
    it('rejects a base URL with credentials in it', () => {
      assert.throws(
        () => createHttpClient({ baseUrl: 'https://user:secret@example.com', serviceName: 'Dynatrace' }),
        (error: Error) =>
          /must not contain credentials/.test(error.message) && !error.message.includes('secret@'),
      );
    });

    it('rejects a base URL that is not http(s)', () => {
      assert.throws(
        () => createHttpClient({ baseUrl: 'ftp://example.com', serviceName: 'X' }),
        /must use http or https/,
      );
      assert.throws(
        () => createHttpClient({ baseUrl: 'not a url', serviceName: 'X' }),
        /absolute http\(s\) URL/,
      );
    });

    it('rejects a non-positive timeout', () => {
      assert.throws(
        () => createHttpClient({ baseUrl: stub.url, serviceName: 'X', timeoutMs: 0 }),
        /timeoutMs must be a positive integer/,
      );
    });

    it('joins the base path and the request path', async () => {
      stub.reply(jsonReply(200, {}));

      await client({ baseUrl: `${stub.url}/e/env-1/` }).request({ method: 'GET', path: '/api/v2/entities' });

      assert.equal(stub.requests[0]?.path, '/e/env-1/api/v2/entities');
    });
  });
});

/** A port on 127.0.0.1 that nothing listens on: bind one, then release it. */
async function findClosedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return port;
}
