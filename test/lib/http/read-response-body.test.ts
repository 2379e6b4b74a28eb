import assert from 'node:assert/strict';

import { parseMediaType, readResponseBody } from '../../../lib/http/read-response-body';

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('readResponseBody', () => {
  it('parses JSON announced as application/json or a +json type', () => {
    assert.deepEqual(readResponseBody(bytes('{"a":1}'), 'application/json; charset=utf-8'), {
      kind: 'json',
      value: { a: 1 },
    });
    assert.deepEqual(readResponseBody(bytes('[1]'), 'application/problem+json'), {
      kind: 'json',
      value: [1],
    });
  });

  it('parses JSON when no content type is announced, and keeps other text as text', () => {
    assert.deepEqual(readResponseBody(bytes('{"a":1}'), undefined), { kind: 'json', value: { a: 1 } });
    assert.deepEqual(readResponseBody(bytes('hello'), undefined), {
      kind: 'text',
      text: 'hello',
      mediaType: undefined,
    });
  });

  it('keeps an HTML page as text with its media type', () => {
    assert.deepEqual(readResponseBody(bytes('<html></html>'), 'text/html'), {
      kind: 'text',
      text: '<html></html>',
      mediaType: 'text/html',
    });
  });

  it('reports announced JSON that does not parse as malformed', () => {
    assert.deepEqual(readResponseBody(bytes('{"a":'), 'application/json'), {
      kind: 'malformed-json',
      text: '{"a":',
    });
  });

  it('reports an empty or blank body as empty', () => {
    assert.deepEqual(readResponseBody(Buffer.alloc(0), 'application/json'), { kind: 'empty' });
    assert.deepEqual(readResponseBody(bytes(' \n'), undefined), { kind: 'empty' });
  });
});

describe('parseMediaType', () => {
  it('lower-cases and drops parameters', () => {
    assert.equal(parseMediaType('Application/JSON; charset=UTF-8'), 'application/json');
    assert.equal(parseMediaType(''), undefined);
    assert.equal(parseMediaType(undefined), undefined);
  });
});
