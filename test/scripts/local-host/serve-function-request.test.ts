import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { type LocalHost, startLocalHost } from '../../../scripts/local-host/start-local-host';

const KEY = 'fixture-key-0042';

/**
 * Writes two function apps the way their authors would, into a temporary repository root: `demo-app`
 * with its own route prefix, settings, several triggers and a handler that throws; `broken-app`, which
 * fails to load. They require @azure/functions by its resolved path because the root is outside the
 * repository's node_modules.
 */
function writeFixtureApps(root: string): void {
  const library = JSON.stringify(require.resolve('@azure/functions'));
  const demo = path.join(root, 'demo-app');
  mkdirSync(path.join(demo, 'src', 'functions'), { recursive: true });
  writeFileSync(
    path.join(demo, 'host.json'),
    JSON.stringify({ version: '2.0', extensions: { http: { routePrefix: 'v1' } } }),
  );
  writeFileSync(
    path.join(demo, 'local.settings.json'),
    JSON.stringify({
      IsEncrypted: false,
      Values: { DEMO_FROM_FILE: 'file', DEMO_ENV_WINS: 'file', DEMO_OPTION_WINS: 'file' },
    }),
  );
  writeFileSync(
    path.join(demo, 'src', 'functions', 'items.js'),
    `const { app, HttpResponse } = require(${library});
app.http('items', {
  methods: ['GET'],
  authLevel: 'anonymous',
  route: 'items/{id}/{detail?}',
  handler: async (request, context) => {
    context.log('reading item', request.params.id);
    return new HttpResponse({
      status: 203,
      headers: { 'x-demo': 'yes' },
      jsonBody: {
        id: request.params.id,
        detail: request.params.detail ?? null,
        q: request.query.get('q'),
        settings: [process.env.DEMO_FROM_FILE, process.env.DEMO_ENV_WINS, process.env.DEMO_OPTION_WINS],
      },
    });
  },
});
app.http('boom', { methods: ['POST'], authLevel: 'function', handler: async () => { throw new Error('kaboom'); } });
app.http('echo', { methods: ['POST'], authLevel: 'admin', handler: async (request) => ({ body: await request.text() }) });
app.timer('tick', { schedule: '0 */5 * * * *', handler: () => undefined });
`,
  );
  const broken = path.join(root, 'broken-app');
  mkdirSync(path.join(broken, 'src', 'functions'), { recursive: true });
  writeFileSync(
    path.join(broken, 'src', 'functions', 'bad.js'),
    "throw new Error('cannot load this app');\n",
  );
}

describe('serveFunctionRequest, through startLocalHost with arbitrary function apps', () => {
  let root: string;
  let host: LocalHost;
  const lines: string[] = [];
  const saved = process.env.DEMO_ENV_WINS;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'local-host-apps-'));
    writeFixtureApps(root);
    process.env.DEMO_ENV_WINS = 'environment';
    host = await startLocalHost({
      port: 0,
      key: KEY,
      root,
      apps: ['demo-app', 'broken-app', 'missing-app'],
      dynatraceUrl: 'https://tenant.example.invalid',
      dynatraceToken: 'dt0c01.unused',
      settings: { DEMO_OPTION_WINS: 'option' },
      log: (line) => void lines.push(line),
    });
  });

  after(async () => {
    await host.close();
    rmSync(root, { recursive: true, force: true });
    if (saved === undefined) delete process.env.DEMO_ENV_WINS;
    else process.env.DEMO_ENV_WINS = saved;
  });

  it('serves HTTP routes under the app route prefix with their parameters and the handler response', async () => {
    const response = await fetch(`${host.url}/v1/items/42/full?q=x`);
    assert.equal(response.status, 203);
    assert.equal(response.headers.get('x-demo'), 'yes');
    const body = (await response.json()) as { id: string; detail: string | null; q: string };
    assert.deepEqual({ id: body.id, detail: body.detail, q: body.q }, { id: '42', detail: 'full', q: 'x' });
    const optional = (await (await fetch(`${host.url}/v1/items/7`)).json()) as { detail: string | null };
    assert.equal(optional.detail, null);
    assert.ok(lines.some((line) => /\[items\] information: reading item 42/.test(line)));
  });

  it('gives the apps local.settings.json values, the environment winning over the file and options over both', async () => {
    const body = (await (await fetch(`${host.url}/v1/items/1`)).json()) as { settings: string[] };
    assert.deepEqual(body.settings, ['file', 'environment', 'option']);
  });

  it('does not ask anonymous routes for the key but asks function and admin routes', async () => {
    assert.equal((await fetch(`${host.url}/v1/items/1`)).status, 203);
    assert.equal((await fetch(`${host.url}/v1/echo`, { method: 'POST', body: 'hi' })).status, 401);
    const echoed = await fetch(`${host.url}/v1/echo`, {
      method: 'POST',
      body: 'hi',
      headers: { 'x-functions-key': KEY },
    });
    assert.equal(echoed.status, 200);
    assert.equal(await echoed.text(), 'hi');
  });

  it('answers a bare 500 when a handler throws and logs why', async () => {
    const response = await fetch(`${host.url}/v1/boom?code=${KEY}`, { method: 'POST' });
    assert.equal(response.status, 500);
    assert.equal(await response.text(), '');
    assert.ok(lines.some((line) => line.includes('[boom] the handler threw: Error: kaboom')));
  });

  it('reports what it cannot serve and keeps serving the rest', () => {
    assert.deepEqual(
      host.functions.map((fn) => `${fn.name} ${fn.path} ${fn.authLevel}`),
      ['items /v1/items/{id}/{detail?} anonymous', 'boom /v1/boom function', 'echo /v1/echo admin'],
    );
    assert.deepEqual(
      host.problems.map((problem) => `${problem.app}: ${problem.message}`),
      [
        'demo-app: function "tick" has a timerTrigger trigger; the local host serves HTTP triggers only',
        'broken-app: failed to load: cannot load this app',
      ],
    );
    assert.match(lines.join('\n'), /broken-app: failed to load: cannot load this app/);
    assert.doesNotMatch(lines.join('\n'), /Try the gate/);
  });
});
