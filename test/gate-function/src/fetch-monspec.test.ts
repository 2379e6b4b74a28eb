import assert from 'node:assert/strict';

import { parseAllowedHosts } from '../../../gate-function/src/allowed-hosts';
import {
  createMonspecFetcher,
  MAX_MONSPEC_BYTES,
  type MonspecFetcherOptions,
} from '../../../gate-function/src/fetch-monspec';
import { MonspecFetchError } from '../../../gate-function/src/monspec-fetch-error';
import { type HttpsTestServer, resolveTestHosts, startHttpsTestServer } from './https-test-server';

const MONSPEC = '{"Svc": {}}';
const BEARER = 'bearer-secret-4711';

describe('createMonspecFetcher', () => {
  let server: HttpsTestServer;

  before(async () => {
    server = await startHttpsTestServer();
    server.route('/monspec.json', (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(`\uFEFF${MONSPEC}`);
    });
    server.route('/moved', (_request, response) => {
      response.writeHead(302, { Location: '/monspec.json' }).end();
    });
    server.route('/elsewhere', (_request, response) => {
      response.writeHead(301, { Location: server.url('/monspec.json', 'other.test') }).end();
    });
    server.route('/loop', (_request, response) => {
      response.writeHead(307, { Location: '/loop' }).end();
    });
    server.route('/large', (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      // No Content-Length: the limit must hold for streamed bodies too.
      response.write(' '.repeat(MAX_MONSPEC_BYTES));
      response.end('{}');
    });
    server.route('/broken', (_request, response) => {
      response.writeHead(503).end('maintenance');
    });
    server.route('/slow', () => undefined);
  });

  after(async () => {
    await server.close();
  });

  /** A fetcher that may reach the test server: the address check is relaxed for 127.0.0.1 only, explicitly. */
  function relaxedFetcher(overrides: Partial<MonspecFetcherOptions> = {}) {
    return createMonspecFetcher({
      allowedHosts: parseAllowedHosts('monspec.test,other.test'),
      timeoutMs: 5000,
      resolve: resolveTestHosts,
      isAddressAllowed: (address) => address === '127.0.0.1',
      ca: server.ca,
      ...overrides,
    });
  }

  async function refusal(promise: Promise<unknown>): Promise<MonspecFetchError> {
    const error = await promise.then(
      () => assert.fail('expected the fetch to fail'),
      (reason: unknown) => reason,
    );
    assert.ok(error instanceof MonspecFetchError, String(error));
    return error;
  }

  it('fetches a monspec over https from an allowed host and drops a byte-order mark', async () => {
    const fetched = await relaxedFetcher()(server.url('/monspec.json'));
    assert.equal(fetched.text, MONSPEC);
    assert.equal(fetched.url, server.url('/monspec.json'));
  });

  it('sends the bearer token to the allowed host', async () => {
    const before = server.requests.length;
    await relaxedFetcher({ bearerToken: BEARER })(server.url('/monspec.json'));
    assert.equal(server.requests[before]?.headers.authorization, `Bearer ${BEARER}`);
  });

  it('refuses plain http without connecting', async () => {
    const error = await refusal(relaxedFetcher()(`http://monspec.test:${server.port}/monspec.json`));
    assert.equal(error.kind, 'refused');
    assert.match(error.message, /must use https; found http/);
  });

  it('refuses a host that is not on the allow list', async () => {
    const error = await refusal(relaxedFetcher()('https://evil.example.org/monspec.json'));
    assert.equal(error.kind, 'refused');
    assert.match(
      error.message,
      /host "evil\.example\.org" is not in MONSPEC_ALLOWED_HOSTS \(monspec\.test, other\.test\)/,
    );
  });

  it('refuses every URL while the allow list is empty', async () => {
    const error = await refusal(relaxedFetcher({ allowedHosts: [] })(server.url('/monspec.json')));
    assert.match(error.message, /MONSPEC_ALLOWED_HOSTS is empty/);
  });

  it('refuses a loopback address even when it is on the allow list', async () => {
    const fetcher = createMonspecFetcher({
      allowedHosts: parseAllowedHosts('127.0.0.1,[::1]'),
      timeoutMs: 5000,
    });
    for (const url of [
      `https://127.0.0.1:${server.port}/monspec.json`,
      `https://[::1]:${server.port}/m.json`,
    ]) {
      const error = await refusal(fetcher(url));
      assert.equal(error.kind, 'refused');
      assert.match(error.message, /which is not a public address/);
    }
  });

  it('refuses an allowed host name that resolves to a private address, by default', async () => {
    const before = server.requests.length;
    const fetcher = createMonspecFetcher({
      allowedHosts: parseAllowedHosts('monspec.test'),
      timeoutMs: 5000,
      resolve: resolveTestHosts,
      ca: server.ca,
    });
    const error = await refusal(fetcher(server.url('/monspec.json')));
    assert.equal(error.kind, 'refused');
    assert.match(error.message, /"monspec\.test" resolves to 127\.0\.0\.1, which is not a public address/);
    assert.equal(server.requests.length, before, 'the server must not have been contacted');
  });

  it('refuses a host when any of its addresses is private', async () => {
    const fetcher = relaxedFetcher({
      resolve: () =>
        Promise.resolve([
          { address: '127.0.0.1', family: 4 },
          { address: '10.1.2.3', family: 4 },
        ]),
    });
    const error = await refusal(fetcher(server.url('/monspec.json')));
    assert.match(error.message, /resolves to 10\.1\.2\.3/);
  });

  it('refuses URLs with credentials', async () => {
    const error = await refusal(relaxedFetcher()(`https://user:pw@monspec.test:${server.port}/monspec.json`));
    assert.match(error.message, /must not contain credentials/);
    assert.doesNotMatch(error.message, /pw@/);
  });

  it('follows a redirect on the same host', async () => {
    const fetched = await relaxedFetcher()(server.url('/moved'));
    assert.equal(fetched.text, MONSPEC);
    assert.equal(fetched.url, server.url('/monspec.json'));
  });

  it('refuses a redirect to another host, even an allowed one', async () => {
    const error = await refusal(relaxedFetcher()(server.url('/elsewhere')));
    assert.equal(error.kind, 'refused');
    assert.match(
      error.message,
      /redirected to https:\/\/other\.test:\d+\/monspec\.json; redirects are followed only to the same host/,
    );
  });

  it('gives up after three redirects', async () => {
    const error = await refusal(relaxedFetcher()(server.url('/loop')));
    assert.match(error.message, /redirected more than 3 times/);
  });

  it('refuses a document larger than 1 MB', async () => {
    const error = await refusal(relaxedFetcher()(server.url('/large')));
    assert.equal(error.kind, 'too-large');
  });

  it('reports an error status with the URL but without its query string', async () => {
    const error = await refusal(relaxedFetcher()(`${server.url('/broken')}?sig=SAS-SECRET`));
    assert.equal(error.kind, 'answered');
    assert.equal(error.status, 503);
    assert.match(error.message, /\/broken\?… answered 503 Service Unavailable/);
    assert.doesNotMatch(error.message, /SAS-SECRET/);
  });

  it('does not trust an unknown certificate authority', async () => {
    const error = await refusal(relaxedFetcher({ ca: undefined })(server.url('/monspec.json')));
    assert.equal(error.kind, 'unreachable');
    assert.match(error.message, /certificate/);
  });

  it('times out', async () => {
    const error = await refusal(relaxedFetcher({ timeoutMs: 50 })(server.url('/slow')));
    assert.equal(error.kind, 'timeout');
    assert.match(error.message, /MONSPEC_FETCH_TIMEOUT_SECONDS/);
  });

  it('stops when the caller aborts', async () => {
    const caller = new AbortController();
    const fetching = relaxedFetcher()(server.url('/slow'), caller.signal);
    caller.abort();
    const error = await refusal(fetching);
    assert.equal(error.kind, 'aborted');
  });
});
