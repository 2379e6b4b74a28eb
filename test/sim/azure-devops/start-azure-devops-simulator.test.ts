import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { startAzureDevOpsSimulator, type AzureDevOpsSimulator } from '../../../sim/azure-devops';
import { basicAuth, rawCall } from './raw-call';

const now = Date.parse('2026-01-15T12:00:00Z');
const project = encodeURIComponent('Fabrikam Fiber');

describe('startAzureDevOpsSimulator', () => {
  let sim: AzureDevOpsSimulator;
  let auth: string;

  before(async () => {
    sim = await startAzureDevOpsSimulator({ now: () => now, pats: ['first-pat-value', 'second-pat-value'] });
    auth = basicAuth(sim.pat);
  });
  after(async () => {
    await sim.close();
  });
  afterEach(() => {
    sim.faults.clear();
  });

  describe('hosts', () => {
    it('plays dev.azure.com and vsrm.dev.azure.com under one port', () => {
      assert.match(sim.collectionUrl, /^http:\/\/127\.0\.0\.1:\d+\/fabrikam\/$/);
      assert.equal(sim.releaseUrl, sim.collectionUrl.replace('/fabrikam/', '/vsrm/fabrikam/'));
      assert.equal(sim.pat, 'first-pat-value');
    });

    it('serves the Release API on the vsrm base', async () => {
      const answer = await rawCall(`${sim.releaseUrl}${project}/_apis/release/releases`, {
        authorization: auth,
      });
      assert.equal(answer.status, 200);
      assert.equal(answer.json.count, 5);
    });

    it('answers 404 for the Release API on the collection base, as the service does', async () => {
      const answer = await rawCall(`${sim.collectionUrl}${project}/_apis/release/releases`, {
        authorization: auth,
      });
      assert.equal(answer.status, 404);
      assert.equal(answer.json.typeKey, 'HttpException');
      assert.match(answer.json.message, /was not found/);
    });

    it('answers 404 for the Build API on the vsrm base', async () => {
      const answer = await rawCall(`${sim.releaseUrl}${project}/_apis/build/builds`, { authorization: auth });
      assert.equal(answer.status, 404);
    });

    it('answers 404 for another organization', async () => {
      const answer = await rawCall(
        sim.collectionUrl.replace('/fabrikam/', '/contoso/') + '_apis/ResourceAreas',
        { authorization: auth },
      );
      assert.equal(answer.status, 404);
    });

    it('names an unknown project with TF200016', async () => {
      const answer = await rawCall(`${sim.releaseUrl}NoSuchProject/_apis/release/releases`, {
        authorization: auth,
      });
      assert.equal(answer.status, 404);
      assert.equal(answer.json.typeKey, 'ProjectDoesNotExistWithNameException');
      assert.match(answer.json.message, /^TF200016: The following project does not exist: NoSuchProject\./);
    });

    it('resolves the project by id as well as by name, case-insensitively', async () => {
      const id = sim.state.project('Fabrikam Fiber')?.id ?? '';
      for (const ref of [id, 'fabrikam fiber', id.toUpperCase()]) {
        const answer = await rawCall(`${sim.releaseUrl}${encodeURIComponent(ref)}/_apis/release/releases/4`, {
          authorization: auth,
        });
        assert.equal(answer.status, 200, ref);
        assert.equal(answer.json.id, 4);
      }
    });

    it('answers 405 for a method a resource does not support', async () => {
      const answer = await rawCall(`${sim.releaseUrl}${project}/_apis/release/releases/4`, {
        method: 'DELETE',
        authorization: auth,
      });
      assert.equal(answer.status, 405);
    });
  });

  describe('authentication', () => {
    it('accepts Basic with any user name and a known PAT as the password', async () => {
      for (const user of ['PAT', '', 'someone@fabrikam.example']) {
        const answer = await rawCall(`${sim.releaseUrl}${project}/_apis/release/releases/4`, {
          authorization: basicAuth('second-pat-value', user),
        });
        assert.equal(answer.status, 200, `user "${user}"`);
      }
    });

    it('accepts a known token as Bearer', async () => {
      const answer = await rawCall(`${sim.releaseUrl}${project}/_apis/release/releases/4`, {
        authorization: 'Bearer first-pat-value',
      });
      assert.equal(answer.status, 200);
    });

    it('answers 401 with the TF400813 envelope when the sign-in redirect is suppressed', async () => {
      const answer = await rawCall(`${sim.releaseUrl}${project}/_apis/release/releases/4`, {
        authorization: basicAuth('wrong-token'),
      });
      assert.equal(answer.status, 401);
      assert.deepEqual(answer.json, {
        $id: '1',
        innerException: null,
        message: 'TF400813: Resource not available for anonymous access. Client authentication required.',
        typeName:
          'Microsoft.TeamFoundation.Framework.Server.UnauthorizedRequestException, Microsoft.TeamFoundation.Framework.Server',
        typeKey: 'UnauthorizedRequestException',
        errorCode: 0,
        eventId: 3000,
      });
      assert.ok(answer.headers.get('www-authenticate'));
    });

    it('answers a missing credential like a wrong one', async () => {
      const answer = await rawCall(`${sim.releaseUrl}${project}/_apis/release/releases/4`, {
        authorization: null,
      });
      assert.equal(answer.status, 401);
    });

    it('answers 203 with an HTML sign-in page when the redirect is not suppressed', async () => {
      const answer = await rawCall(`${sim.releaseUrl}${project}/_apis/release/releases/4`, {
        authorization: basicAuth('wrong-token'),
        headers: { 'X-TFS-FedAuthRedirect': 'Allow' },
      });
      assert.equal(answer.status, 203);
      assert.match(answer.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(answer.text, /Sign In/);
    });

    it('does not accept a known token under an unknown scheme', async () => {
      const answer = await rawCall(`${sim.releaseUrl}${project}/_apis/release/releases/4`, {
        authorization: 'Token first-pat-value',
      });
      assert.equal(answer.status, 401);
    });
  });

  describe('discovery', () => {
    it('lists the Location area with the ResourceAreas location node-api looks up', async () => {
      const answer = await rawCall(`${sim.collectionUrl}_apis/Location`, {
        method: 'OPTIONS',
        authorization: auth,
        apiVersion: null,
      });
      assert.equal(answer.status, 200);
      assert.deepEqual(
        answer.json.value.map((location: { id: string; resourceName: string }) => [
          location.id,
          location.resourceName,
        ]),
        [['e81700f7-3be2-46de-8624-2eb35882fcaa', 'ResourceAreas']],
      );
    });

    it('tells which host serves the Release area', async () => {
      const answer = await rawCall(`${sim.collectionUrl}_apis/ResourceAreas`, { authorization: auth });
      const release = answer.json.value.find(
        (area: { id: string }) => area.id === 'efc2f575-36ef-48e9-b672-0c6fb4a48ac5',
      );
      assert.deepEqual(release, {
        id: 'efc2f575-36ef-48e9-b672-0c6fb4a48ac5',
        name: 'Release',
        locationUrl: sim.releaseUrl,
      });
      const single = await rawCall(
        `${sim.collectionUrl}_apis/ResourceAreas/efc2f575-36ef-48e9-b672-0c6fb4a48ac5`,
        { authorization: auth },
      );
      assert.equal(single.json.locationUrl, sim.releaseUrl);
    });

    it('advertises the Release locations with the preview versions node-api requests', async () => {
      const answer = await rawCall(`${sim.releaseUrl}_apis/Release`, {
        method: 'OPTIONS',
        authorization: auth,
        apiVersion: null,
      });
      const byId = new Map<
        string,
        { resourceName: string; routeTemplate: string; resourceVersion: number; maxVersion: string }
      >(answer.json.value.map((location: { id: string }) => [location.id, location]));
      assert.equal(
        byId.get('a166fde7-27ad-408e-ba75-703c2cc9d500')?.routeTemplate,
        '{project}/_apis/{area}/{resource}/{releaseId}',
      );
      assert.equal(byId.get('a166fde7-27ad-408e-ba75-703c2cc9d500')?.resourceVersion, 9);
      assert.equal(byId.get('b005ef73-cddc-448e-9ba2-5193bf36b19f')?.resourceName, 'deployments');
      assert.equal(byId.get('a7e426b1-03dc-48af-9dfe-c98bac612dcb')?.resourceVersion, 8);
      assert.equal(byId.get('a7e426b1-03dc-48af-9dfe-c98bac612dcb')?.maxVersion, '7.2');
    });

    it('advertises no Release locations on the collection host', async () => {
      const answer = await rawCall(`${sim.collectionUrl}_apis/Release`, {
        method: 'OPTIONS',
        authorization: auth,
        apiVersion: null,
      });
      assert.deepEqual(answer.json, { count: 0, value: [] });
    });

    it('advertises the build, pipelines and distributedtask locations on the collection host', async () => {
      const ids = async (area: string): Promise<string[]> =>
        (
          await rawCall(`${sim.collectionUrl}_apis/${area}`, {
            method: 'OPTIONS',
            authorization: auth,
            apiVersion: null,
          })
        ).json.value.map((location: { id: string }) => location.id);
      assert.deepEqual(await ids('build'), [
        '0cd358e1-9217-4d94-8269-1c1ee6f93dcf',
        '8baac422-4c6e-4de5-8532-db96d92acffa',
        'b8aac6c9-744b-46e1-88fc-3550969f9313',
      ]);
      assert.deepEqual(await ids('pipelines'), ['7859261e-d2e9-4a68-b820-a5d84cc5bb3d']);
      assert.deepEqual(await ids('distributedtask'), ['51bb5d21-4305-4ea6-9dbb-b7488af73334']);
    });
  });

  describe('api-version', () => {
    const environmentUrl = (): string =>
      `${sim.releaseUrl}${project}/_apis/Release/releases/1/environments/1`;

    it('is optional on GET', async () => {
      const answer = await rawCall(`${sim.releaseUrl}${project}/_apis/release/releases/1`, {
        authorization: auth,
        apiVersion: null,
      });
      assert.equal(answer.status, 200);
    });

    it('is required on PATCH, with VssVersionNotSpecifiedException naming the method', async () => {
      const answer = await rawCall(environmentUrl(), {
        method: 'PATCH',
        authorization: auth,
        apiVersion: null,
        body: { status: 'canceled' },
      });
      assert.equal(answer.status, 400);
      assert.equal(answer.json.typeKey, 'VssVersionNotSpecifiedException');
      assert.match(answer.json.message, /^No api-version was supplied for the "PATCH" request\./);
    });

    it('may be given as a query parameter instead of in the Accept header', async () => {
      const answer = await rawCall(`${environmentUrl()}?api-version=7.1`, {
        method: 'PATCH',
        authorization: auth,
        apiVersion: null,
        body: { status: 'canceled' },
      });
      // Reached the handler: release 1's stage is not running, so canceling it is refused on its merits.
      assert.equal(answer.status, 400);
      assert.equal(answer.json.typeKey, 'InvalidRequestException');
    });

    it('rejects a version newer than the service knows', async () => {
      const answer = await rawCall(`${sim.releaseUrl}${project}/_apis/release/releases/1`, {
        authorization: auth,
        apiVersion: '9.0',
      });
      assert.equal(answer.status, 400);
      assert.equal(answer.json.typeKey, 'VssVersionOutOfRangeException');
    });

    it('rejects a malformed version', async () => {
      const answer = await rawCall(`${sim.releaseUrl}${project}/_apis/release/releases/1`, {
        authorization: auth,
        apiVersion: 'latest',
      });
      assert.equal(answer.status, 400);
      assert.equal(answer.json.typeKey, 'VssInvalidApiVersionException');
    });

    it('echoes the version in the content type', async () => {
      const answer = await rawCall(`${sim.releaseUrl}${project}/_apis/release/releases/1`, {
        authorization: auth,
        apiVersion: '7.2-preview.9',
      });
      assert.equal(
        answer.headers.get('content-type'),
        'application/json; charset=utf-8; api-version=7.2-preview.9',
      );
    });
  });

  describe('request bodies', () => {
    it('rejects a body that is not JSON with 400', async () => {
      const answer = await rawCall(`${sim.releaseUrl}${project}/_apis/Release/releases/1/environments/1`, {
        method: 'PATCH',
        authorization: auth,
        body: '{"status": inProgress',
      });
      assert.equal(answer.status, 400);
      assert.equal(answer.json.typeKey, 'VssRequestContentException');
    });

    it('rejects a body over 1 MB with 413', async () => {
      const answer = await rawCall(`${sim.releaseUrl}${project}/_apis/Release/releases/1/environments/1`, {
        method: 'PATCH',
        authorization: auth,
        body: JSON.stringify({ comment: 'x'.repeat(1024 * 1024) }),
      });
      assert.equal(answer.status, 413);
    });
  });

  describe('request log', () => {
    it('records method, decoded path, query, headers, body, status and time', async () => {
      const before = sim.requests.length;
      await rawCall(`${sim.releaseUrl}${project}/_apis/Release/releases/1/environments/1?api-version=7.1`, {
        method: 'PATCH',
        authorization: auth,
        body: { status: 'canceled', comment: 'log me' },
      });
      const recorded = sim.requests[before];
      assert.ok(recorded);
      assert.equal(recorded.method, 'PATCH');
      assert.equal(recorded.path, '/vsrm/fabrikam/Fabrikam Fiber/_apis/Release/releases/1/environments/1');
      assert.deepEqual(recorded.query, { 'api-version': '7.1' });
      assert.equal(recorded.headers['x-tfs-fedauthredirect'], 'Suppress');
      assert.deepEqual(recorded.body, { status: 'canceled', comment: 'log me' });
      assert.equal(recorded.status, 400);
      assert.equal(recorded.receivedAt, now);
    });
  });

  describe('faults', () => {
    const releaseUrl = (): string => `${sim.releaseUrl}${project}/_apis/release/releases/2`;

    it('answers an injected status with the error envelope, for the given number of requests', async () => {
      sim.faults.add({ path: '/_apis/release/releases/2', kind: 'status', status: 503, times: 2 });
      assert.equal((await rawCall(releaseUrl(), { authorization: auth })).status, 503);
      const second = await rawCall(releaseUrl(), { authorization: auth });
      assert.equal(second.status, 503);
      assert.equal(second.json.typeKey, 'VssServiceException');
      assert.equal((await rawCall(releaseUrl(), { authorization: auth })).status, 200);
    });

    it('matches by method and by RegExp', async () => {
      sim.faults.add({ method: 'PATCH', path: /releases\/2$/, kind: 'status', status: 500 });
      assert.equal((await rawCall(releaseUrl(), { authorization: auth })).status, 200);
      sim.faults.clear();
      sim.faults.add({ method: 'get', path: /releases\/\d+$/, kind: 'status', status: 500, times: 1 });
      assert.equal((await rawCall(releaseUrl(), { authorization: auth })).status, 500);
    });

    it('answers 429 with Retry-After and the X-RateLimit headers', async () => {
      sim.faults.add({
        path: '/_apis/release/releases/2',
        kind: 'rateLimit',
        retryAfterSeconds: 7,
        times: 1,
      });
      const answer = await rawCall(releaseUrl(), { authorization: auth });
      assert.equal(answer.status, 429);
      assert.equal(answer.headers.get('retry-after'), '7');
      assert.equal(answer.headers.get('x-ratelimit-remaining'), '0');
      assert.equal(answer.headers.get('x-ratelimit-reset'), String(Math.ceil(now / 1000) + 7));
      assert.ok(answer.headers.get('x-ratelimit-resource'));
      assert.equal(answer.json.typeKey, 'RequestBlockedException');
    });

    it('applies faults before authentication, like an outage in front of the service', async () => {
      sim.faults.add({ path: '/_apis/release/releases/2', kind: 'status', status: 502, times: 1 });
      assert.equal((await rawCall(releaseUrl(), { authorization: null })).status, 502);
    });

    it('delays the answer on latency, then answers normally', async () => {
      sim.faults.add({ path: '/_apis/release/releases/2', kind: 'latency', ms: 20, times: 1 });
      assert.equal((await rawCall(releaseUrl(), { authorization: auth })).status, 200);
    });

    it('drops the connection on reset', async () => {
      sim.faults.add({ path: '/_apis/release/releases/2', kind: 'reset', times: 1 });
      await assert.rejects(rawCall(releaseUrl(), { authorization: auth }));
      const recorded = sim.requests.at(-1);
      assert.equal(recorded?.status, 0);
    });

    it('rejects a rule whose times is not a positive integer', () => {
      assert.throws(() => sim.faults.add({ path: '/x', kind: 'hang', times: 0 }), /positive integer/);
    });
  });

  describe('close', () => {
    it('ends hanging requests and leaves no open handle', async () => {
      const local = await startAzureDevOpsSimulator({ now: () => now });
      local.faults.add({ path: '/_apis/ResourceAreas', kind: 'hang' });
      const url = new URL(`${local.collectionUrl}_apis/ResourceAreas`);
      const outcome = new Promise<string>((resolve) => {
        const request = httpRequest(url, { headers: { Authorization: basicAuth(local.pat) } }, () =>
          resolve('answered'),
        );
        request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
        request.end();
      });
      while (local.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
      await local.close();
      assert.equal(await outcome, 'ECONNRESET');
    });

    it('rejects an organization name that is not a plain name', async () => {
      await assert.rejects(startAzureDevOpsSimulator({ organization: 'vsrm' }), /organization/);
      await assert.rejects(startAzureDevOpsSimulator({ organization: 'a/b' }), /organization/);
    });

    it('generates a 52-character PAT when none is given', async () => {
      const local = await startAzureDevOpsSimulator({ now: () => now });
      try {
        assert.match(local.pat, /^[a-z2-7]{52}$/);
      } finally {
        await local.close();
      }
    });
  });
});
