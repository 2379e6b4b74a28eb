import assert from 'node:assert/strict';

import { postJson } from '../../../scripts/demo/post-json';
import { hangReply, jsonReply, startStubServer, type StubServer, textReply } from '../../support/stub-server';

describe('postJson', () => {
  let server: StubServer;

  before(async () => {
    server = await startStubServer();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => server.reset());

  it('POSTs a JSON body with the given headers and parses a JSON answer', async () => {
    server.reply(jsonReply(201, { ok: true }));
    const answer = await postJson(`${server.url}/path`, { a: 'ü' }, { 'x-extra': '1' });
    assert.deepEqual(answer, { status: 201, text: '{"ok":true}', json: { ok: true } });
    const [request] = server.requests;
    assert.equal(request?.method, 'POST');
    assert.equal(request?.body, '{"a":"ü"}');
    assert.equal(request?.headers['x-extra'], '1');
    assert.equal(request?.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(request?.headers['content-length'], String(Buffer.byteLength('{"a":"ü"}')));
  });

  it('keeps an answer that is not JSON as text', async () => {
    server.reply(textReply(500, 'oops'), { status: 204 });
    assert.deepEqual(await postJson(`${server.url}/path`, {}), {
      status: 500,
      text: 'oops',
      json: undefined,
    });
    assert.deepEqual(await postJson(`${server.url}/path`, {}), { status: 204, text: '', json: undefined });
  });

  it('gives up after its time limit, naming the request without its query string', async () => {
    server.reply(hangReply);
    await assert.rejects(
      postJson(`${server.url}/slow?code=secret-key`, {}, {}, 20),
      (error: unknown) =>
        error instanceof Error &&
        error.message === `POST ${server.url}/slow failed: no answer within 20 ms` &&
        !error.message.includes('secret-key'),
    );
  });
});
