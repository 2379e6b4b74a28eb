import assert from 'node:assert/strict';
import { HttpRequest } from '@azure/functions';
import { readLimitedBody } from '../../../selfheal-function/src/read-limited-body';

const request = (body: string, headers: Record<string, string> = {}): HttpRequest =>
  new HttpRequest({ method: 'POST', url: 'http://localhost/api/selfheal', headers, body: { string: body } });

describe('readLimitedBody', () => {
  it('reads a body within the limit as UTF-8 text', async () => {
    assert.deepEqual(await readLimitedBody(request('{"ProblemTitle":"Überlast"}'), 100), {
      kind: 'text',
      text: '{"ProblemTitle":"Überlast"}',
    });
  });

  it('accepts a body of exactly the limit', async () => {
    assert.deepEqual(await readLimitedBody(request('x'.repeat(10)), 10), {
      kind: 'text',
      text: 'x'.repeat(10),
    });
  });

  it('refuses a body one byte over the limit', async () => {
    assert.deepEqual(await readLimitedBody(request('x'.repeat(11)), 10), { kind: 'too-large' });
  });

  it('refuses a declared Content-Length over the limit before reading', async () => {
    const declared = request('small', { 'content-length': '5000000' });
    assert.deepEqual(await readLimitedBody(declared, 1024), { kind: 'too-large' });
    assert.equal(declared.bodyUsed, false);
  });

  it('reads an empty body as empty text', async () => {
    const empty = new HttpRequest({ method: 'POST', url: 'http://localhost/api/selfheal' });
    assert.deepEqual(await readLimitedBody(empty), { kind: 'text', text: '' });
  });
});
