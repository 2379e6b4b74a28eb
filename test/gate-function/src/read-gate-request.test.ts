import assert from 'node:assert/strict';

import { HttpRequest } from '@azure/functions';

import { GateRequestError } from '../../../gate-function/src/gate-request-error';
import { MAX_REQUEST_BYTES, readGateRequest } from '../../../gate-function/src/read-gate-request';

const BOUNDARY = '----unbreakable-gate-4f1c9a2e7d';

function jsonRequest(body: unknown, contentType = 'application/json'): HttpRequest {
  return new HttpRequest({
    method: 'POST',
    url: 'http://localhost/api/gate',
    headers: { 'content-type': contentType },
    body: { string: typeof body === 'string' ? body : JSON.stringify(body) },
  });
}

function formRequest(fields: Record<string, string>): HttpRequest {
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return new HttpRequest({
    method: 'POST',
    url: 'http://localhost/api/gate',
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    body: { string: `${parts.join('')}--${BOUNDARY}--\r\n` },
  });
}

async function refused(request: HttpRequest): Promise<GateRequestError> {
  const error = await readGateRequest(request).then(
    () => assert.fail('expected the request to be refused'),
    (reason: unknown) => reason,
  );
  assert.ok(error instanceof GateRequestError, String(error));
  return error;
}

describe('readGateRequest', () => {
  describe('with a JSON body', () => {
    it('reads every field', async () => {
      const request = await readGateRequest(
        jsonRequest({
          monspec: { Svc: {} },
          service: ' Svc ',
          comparison: 'StagingToProduction',
          window: 10,
          end: '2026-11-22T12:00:00Z',
          onmissingsource: 'warn',
          onMissingCompare: 'FAIL',
          context: { release: 42 },
        }),
      );
      assert.deepEqual(request, {
        monspec: { kind: 'document', document: { Svc: {} } },
        service: 'Svc',
        comparison: 'StagingToProduction',
        windowMinutes: 10,
        end: { kind: 'at', epochMs: Date.UTC(2026, 10, 22, 12) },
        onMissingSource: 'warn',
        onMissingCompare: 'fail',
        context: { release: 42 },
      });
    });

    it('takes a monspecUrl, numeric strings and "now"', async () => {
      const request = await readGateRequest(
        jsonRequest({
          monspecUrl: 'https://x.example/m.json',
          service: 's',
          comparison: 'c',
          window: '2.5',
          end: 'NOW',
        }),
      );
      assert.deepEqual(request.monspec, { kind: 'url', url: 'https://x.example/m.json' });
      assert.equal(request.windowMinutes, 2.5);
      assert.deepEqual(request.end, { kind: 'now' });
    });

    it('takes the monspec as text and defaults window and end', async () => {
      const request = await readGateRequest(
        jsonRequest({ monspec: '// c\n{}', service: 's', comparison: 'c' }),
      );
      assert.deepEqual(request.monspec, { kind: 'text', text: '// c\n{}' });
      assert.equal(request.windowMinutes, undefined);
      assert.deepEqual(request.end, { kind: 'default' });
    });

    it('refuses a body that is not a JSON object', async () => {
      assert.match((await refused(jsonRequest('{"service": '))).message, /^the body is not valid JSON/);
      assert.match((await refused(jsonRequest([1]))).message, /expected a JSON object, found an array/);
      assert.match((await refused(jsonRequest(''))).message, /the request has no body/);
    });

    it('names an unknown field and lists the known ones', async () => {
      const error = await refused(jsonRequest({ monspec: {}, service: 's', comparision: 'c' }));
      assert.equal(error.path, 'comparision');
      assert.match(error.message, /unknown field "comparision"; a gate request has monspec, monspecUrl/);
    });

    it('refuses a field given twice in different cases', async () => {
      const error = await refused(jsonRequest({ monspec: {}, service: 's', Service: 't', comparison: 'c' }));
      assert.match(error.message, /"Service" is given more than once/);
    });

    it('requires service and comparison', async () => {
      const error = await refused(jsonRequest({ monspec: {}, comparison: 'c' }));
      assert.equal(error.path, 'service');
      assert.match(error.message, /service is required/);
      assert.equal(
        (await refused(jsonRequest({ monspec: {}, service: 's', comparison: ' ' }))).path,
        'comparison',
      );
      assert.equal(
        (await refused(jsonRequest({ monspec: {}, service: 7, comparison: 'c' }))).path,
        'service',
      );
    });

    it('requires exactly one of monspec and monspecUrl', async () => {
      const none = await refused(jsonRequest({ service: 's', comparison: 'c' }));
      assert.equal(none.path, 'monspec');
      assert.match(none.message, /either monspec \(the document itself\) or monspecUrl/);
      const both = await refused(
        jsonRequest({ monspec: {}, monspecUrl: 'https://x/m', service: 's', comparison: 'c' }),
      );
      assert.match(both.message, /not both/);
      const array = await refused(jsonRequest({ monspec: [], service: 's', comparison: 'c' }));
      assert.match(array.message, /as a JSON object \(or as text in a string\), found an array/);
    });

    it('refuses windows out of range and unreadable ends', async () => {
      const base = { monspec: {}, service: 's', comparison: 'c' };
      for (const window of [0, -1, 1441, '5m', true]) {
        assert.equal((await refused(jsonRequest({ ...base, window }))).path, 'window', String(window));
      }
      for (const end of ['yesterday', '2026-11-22T12:00:00', -5, 1.5]) {
        const error = await refused(jsonRequest({ ...base, end }));
        assert.equal(error.path, 'end', String(end));
        assert.match(error.message, /ISO 8601 time with a zone/);
      }
    });

    it('refuses unknown missing-data policies and a context that is not an object', async () => {
      const base = { monspec: {}, service: 's', comparison: 'c' };
      assert.match(
        (await refused(jsonRequest({ ...base, onmissingsource: 'ignore' }))).message,
        /one of fail, warn, pass/,
      );
      assert.equal((await refused(jsonRequest({ ...base, context: 'x' }))).path, 'context');
    });

    it('says when a value is an Azure DevOps variable that was never defined', async () => {
      const error = await refused(
        jsonRequest({ monspec: {}, service: '$(UnbreakableService)', comparison: 'c' }),
      );
      assert.equal(error.path, 'service');
      assert.match(
        error.message,
        /found \$\(UnbreakableService\), an Azure DevOps variable that is not defined/,
      );
    });
  });

  describe('with a multipart form body', () => {
    it('reads the fields the quality-gate task sends, values verbatim', async () => {
      const monspec = '{\n  "Svc": { "name": "a \\"quoted\\" \\\\ name" }\n}\n';
      const request = await readGateRequest(
        formRequest({
          monspecSource: 'inline',
          monspecUrl: '$(UnbreakableMonspecUrl)',
          monspec,
          service: 'Svc',
          comparison: 'Staging "to" Production\\',
          window: '5',
        }),
      );
      assert.deepEqual(request, {
        monspec: { kind: 'text', text: monspec },
        service: 'Svc',
        comparison: 'Staging "to" Production\\',
        windowMinutes: 5,
        end: { kind: 'default' },
      });
    });

    it('uses the URL when monspecSource says so and ignores the unused inline input', async () => {
      const request = await readGateRequest(
        formRequest({
          monspecSource: 'url',
          monspecUrl: 'https://x.example/m.json',
          monspec: '$(monspec)',
          service: 's',
          comparison: 'c',
        }),
      );
      assert.deepEqual(request.monspec, { kind: 'url', url: 'https://x.example/m.json' });
    });

    it('treats empty fields as not given', async () => {
      const request = await readGateRequest(
        formRequest({ monspec: '{}', monspecUrl: '', service: 's', comparison: 'c', window: '' }),
      );
      assert.equal(request.windowMinutes, undefined);
      assert.deepEqual(request.monspec, { kind: 'text', text: '{}' });
    });

    it('refuses a selected source that is empty', async () => {
      const error = await refused(
        formRequest({ monspecSource: 'url', monspecUrl: '', service: 's', comparison: 'c' }),
      );
      assert.equal(error.path, 'monspecUrl');
    });

    it('refuses a single context part and unknown fields', async () => {
      assert.match(
        (await refused(formRequest({ context: '{}', service: 's' }))).message,
        /context as context\.<name> parts/,
      );
      assert.equal((await refused(formRequest({ services: 's' }))).path, 'services');
    });

    it('collects context.<name> parts into the context, dropping empty ones and unexpanded variables', async () => {
      const request = await readGateRequest(
        formRequest({
          monspecSource: 'inline',
          monspec: '{}',
          service: 's',
          comparison: 'c',
          'context.releaseId': '42',
          'context.stage': ' Production ',
          'context.runId': '$(Build.BuildId)',
          'context.attempt': '',
        }),
      );
      assert.deepEqual(request.context, { releaseId: '42', stage: 'Production' });
    });

    it('sends no context when every context part is empty or unexpanded', async () => {
      const request = await readGateRequest(
        formRequest({
          monspec: '{}',
          service: 's',
          comparison: 'c',
          'context.releaseId': '$(Release.ReleaseId)',
        }),
      );
      assert.equal(request.context, undefined);
    });

    it('refuses a context part sent twice in any case, and more than 32 of them', async () => {
      const twice = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="context.releaseId"\r\n\r\n1\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="CONTEXT.RELEASEID"\r\n\r\n2\r\n--${BOUNDARY}--\r\n`;
      const duplicated = new HttpRequest({
        method: 'POST',
        url: 'http://localhost/api/gate',
        headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
        body: { string: twice },
      });
      assert.match((await refused(duplicated)).message, /given more than once/);
      const many = Object.fromEntries(Array.from({ length: 33 }, (_, index) => [`context.k${index}`, 'v']));
      const tooMany = await refused(formRequest({ service: 's', comparison: 'c', ...many }));
      assert.equal(tooMany.path, 'context');
    });

    it('refuses a field sent twice, even when one of them is empty', async () => {
      const part = (value: string): string =>
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="service"\r\n\r\n${value}\r\n`;
      const request = new HttpRequest({
        method: 'POST',
        url: 'http://localhost/api/gate',
        headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
        body: { string: `${part('')}${part('s')}--${BOUNDARY}--\r\n` },
      });
      assert.match((await refused(request)).message, /"service" is given more than once/);
    });

    it('explains a body that cannot be read', async () => {
      const request = new HttpRequest({
        method: 'POST',
        url: 'http://localhost/api/gate',
        headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
        body: { string: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="service"\r\n\r\nx` },
      });
      assert.match(
        (await refused(request)).message,
        /^the multipart\/form-data body cannot be read: part 1 \(field "service"\)/,
      );
    });
  });

  it('refuses other media types with 415 and a hint for curl -d', async () => {
    const error = await refused(jsonRequest('service=s', 'application/x-www-form-urlencoded'));
    assert.equal(error.status, 415);
    assert.match(error.message, /curl -d sends that/);
  });

  it('refuses bodies above the limit with 413', async () => {
    const error = await refused(jsonRequest({ monspec: 'x'.repeat(MAX_REQUEST_BYTES) }));
    assert.equal(error.status, 413);
  });
});
