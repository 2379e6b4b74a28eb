import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { AzureDevOpsError, createAzureDevOpsConnection } from '../../../lib/azure-devops';
import { classicReleaseDefaults } from '../../../sim/azure-devops';
import { startConnectedSimulator, type ConnectedSimulator } from './connected-simulator';

const project = classicReleaseDefaults.project;

async function failure(promise: Promise<unknown>): Promise<AzureDevOpsError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AzureDevOpsError, `expected an AzureDevOpsError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

describe('createAzureDevOpsConnection', () => {
  describe('options', () => {
    const valid = {
      collectionUrl: 'https://dev.azure.com/fabrikam',
      token: { kind: 'pat', value: 'x'.repeat(52) },
    } as const;

    it('normalises the organization URL', () => {
      assert.equal(createAzureDevOpsConnection(valid).collectionUrl, 'https://dev.azure.com/fabrikam/');
    });

    it('rejects invalid settings with messages that name them', () => {
      assert.throws(
        () => createAzureDevOpsConnection({ ...valid, collectionUrl: 'dev.azure.com/fabrikam' }),
        /^RangeError: collectionUrl: expected an absolute URL/,
      );
      assert.throws(
        () => createAzureDevOpsConnection({ ...valid, token: { kind: 'pat', value: ' ' } }),
        /token\.value: expected a personal access token/,
      );
      assert.throws(
        () => createAzureDevOpsConnection({ ...valid, maxRetries: -1 }),
        /maxRetries: expected a whole number/,
      );
      assert.throws(
        () => createAzureDevOpsConnection({ ...valid, timeoutMs: 0 }),
        /timeoutMs: expected a positive number/,
      );
      assert.throws(
        () => createAzureDevOpsConnection({ ...valid, retry: { maxDelayMs: Number.NaN } }),
        /retry\.maxDelayMs/,
      );
    });
  });

  describe('over HTTP against the simulator', () => {
    let fixture: ConnectedSimulator;

    beforeEach(async () => {
      fixture = await startConnectedSimulator();
    });
    afterEach(async () => {
      await fixture.close();
    });

    it('sends nothing until the first call, then discovers the Release host like node-api does', async () => {
      assert.equal(fixture.sim.requests.length, 0);
      const release = await fixture.connection.getRelease(project, 4);
      assert.equal(release.id, 4);
      assert.deepEqual(
        fixture.sim.requests.map((request) => `${request.method} ${request.path}`),
        [
          'OPTIONS /fabrikam/_apis/Location',
          'GET /fabrikam/_apis/ResourceAreas',
          'OPTIONS /vsrm/fabrikam/_apis/Release',
          'GET /vsrm/fabrikam/Fabrikam Fiber/_apis/Release/releases/4',
        ],
      );
      await fixture.connection.getRelease(project, 5);
      assert.equal(fixture.sim.requests.length, 5, 'discovery happens once per area');
    });

    it('sends the PAT as Basic, the api-version in the Accept header and X-TFS-FedAuthRedirect: Suppress', async () => {
      await fixture.connection.getRelease(project, 4);
      const request = fixture.sim.requests.at(-1);
      assert.equal(
        request?.headers['authorization'],
        `Basic ${Buffer.from(`PAT:${fixture.sim.pat}`).toString('base64')}`,
      );
      assert.equal(request?.headers['accept'], 'application/json;api-version=7.2-preview.9');
      assert.equal(request?.headers['x-tfs-fedauthredirect'], 'Suppress');
    });

    it('sends a bearer token as Bearer', async () => {
      const connection = createAzureDevOpsConnection({
        collectionUrl: fixture.sim.collectionUrl,
        token: { kind: 'bearer', value: fixture.sim.pat },
      });
      await connection.getRelease(project, 4);
      assert.equal(fixture.sim.requests.at(-1)?.headers['authorization'], `Bearer ${fixture.sim.pat}`);
    });

    it('reports a PAT the service does not accept as an authentication failure (401, not a sign-in page)', async () => {
      const connection = createAzureDevOpsConnection({
        collectionUrl: fixture.sim.collectionUrl,
        token: { kind: 'pat', value: 'not-the-right-token' },
        maxRetries: 0,
      });
      const error = await failure(connection.getRelease(project, 4));
      assert.equal(error.kind, 'authentication');
      assert.equal(error.status, 401);
      assert.equal(error.typeKey, 'UnauthorizedRequestException');
      assert.match(error.message, /TF400813/);
      assert.ok(fixture.sim.requests.every((request) => request.status === 401));
    });

    it('finds no Release API on the collection host: 404 there, and a discovery error when node-api falls back to it', async () => {
      const onCollection = await fixture.connection.webApi.rest.get(
        `${fixture.sim.collectionUrl}${encodeURIComponent(project)}/_apis/release/releases`,
      );
      assert.equal(onCollection.statusCode, 404);
      // Without ResourceAreas node-api assumes an on-premises server and uses the collection URL for releases.
      fixture.sim.faults.add({ path: '/_apis/ResourceAreas', kind: 'status', status: 404 });
      const connection = createAzureDevOpsConnection({
        collectionUrl: fixture.sim.collectionUrl,
        token: { kind: 'pat', value: fixture.sim.pat },
      });
      const error = await failure(connection.getRelease(project, 4));
      assert.equal(error.kind, 'discovery');
      assert.equal(error.path, '/fabrikam/_apis/Release');
    });

    it('fails clearly when Azure DevOps answers 5xx beyond the retries, and succeeds on the next call', async () => {
      fixture.sim.faults.add({
        method: 'GET',
        path: '/_apis/Release/releases/4',
        kind: 'status',
        status: 503,
        times: 4,
      });
      const error = await failure(fixture.connection.getRelease(project, 4));
      assert.equal(error.kind, 'status');
      assert.equal(error.status, 503);
      assert.equal(error.attempts, 4);
      assert.deepEqual(fixture.sleeps, [125, 250, 500]);
      assert.equal(fixture.logs.filter((line) => line.startsWith('warn: ')).length, 3);
      assert.equal((await fixture.connection.getRelease(project, 4)).id, 4);
    });

    it('waits out a 429 for as long as Retry-After says, then succeeds', async () => {
      fixture.sim.faults.add({
        method: 'GET',
        path: '/_apis/Release/releases/4',
        kind: 'rateLimit',
        retryAfterSeconds: 2,
        times: 1,
      });
      assert.equal((await fixture.connection.getRelease(project, 4)).id, 4);
      assert.equal(fixture.sleeps.length, 1);
      assert.ok(
        (fixture.sleeps[0] ?? 0) >= 2_000 && (fixture.sleeps[0] ?? 0) < 2_250,
        `waited ${fixture.sleeps[0]} ms`,
      );
    });

    it('sends a PATCH that answered 503 exactly once', async () => {
      fixture.sim.faults.add({ method: 'PATCH', path: /\/environments\/\d+$/, kind: 'status', status: 503 });
      const environmentId = fixture.sim.state.releases.environment(4, 'Production')?.id ?? -1;
      const error = await failure(
        fixture.connection.redeployReleaseEnvironment({
          project,
          releaseId: 4,
          releaseEnvironmentId: environmentId,
          comment: 'rollback',
        }),
      );
      assert.equal(error.attempts, 1);
      assert.equal(fixture.sim.requests.filter((request) => request.method === 'PATCH').length, 1);
    });

    it('times out a hanging request within the configured bounds', async function () {
      this.timeout(10_000);
      const local = await startConnectedSimulator({ connection: { timeoutMs: 200, maxRetries: 1 } });
      try {
        await local.connection.getRelease(project, 1);
        local.sim.faults.add({ method: 'GET', path: '/_apis/Release/releases/4', kind: 'hang' });
        const error = await failure(local.connection.getRelease(project, 4));
        assert.equal(error.kind, 'timeout');
        assert.equal(error.attempts, 2);
        assert.match(error.message, /no answer within 0\.2 s per attempt/);
      } finally {
        await local.close();
      }
    });

    it('never puts the PAT, raw or base64-encoded, into errors or log lines', async () => {
      const errors: unknown[] = [];
      const attempt = async (promise: Promise<unknown>): Promise<void> => {
        try {
          await promise;
        } catch (error) {
          errors.push(error);
        }
      };
      fixture.sim.faults.add({
        method: 'GET',
        path: '/_apis/Release/releases/1',
        kind: 'status',
        status: 500,
      });
      await attempt(fixture.connection.getRelease(project, 1));
      await attempt(fixture.connection.getRelease(project, 404));
      await attempt(
        fixture.connection.redeployReleaseEnvironment({
          project,
          releaseId: 4,
          releaseEnvironmentId: 999,
          comment: 'x',
        }),
      );
      const wrong = createAzureDevOpsConnection({
        collectionUrl: fixture.sim.collectionUrl,
        token: { kind: 'pat', value: `${fixture.sim.pat}-revoked` },
        logger: { warn: (line) => fixture.logs.push(line), debug: (line) => fixture.logs.push(line) },
      });
      await attempt(wrong.getRelease(project, 1));
      assert.equal(errors.length, 4);
      const text = `${errors.map((error) => `${String(error)}\n${inspect(error, { depth: 10 })}`).join('\n')}\n${fixture.logs.join('\n')}`;
      for (const secret of [
        fixture.sim.pat,
        Buffer.from(`PAT:${fixture.sim.pat}`).toString('base64'),
        Buffer.from(`:${fixture.sim.pat}`).toString('base64'),
      ]) {
        assert.ok(!text.includes(secret), 'a form of the PAT leaked');
      }
    });
  });
});
