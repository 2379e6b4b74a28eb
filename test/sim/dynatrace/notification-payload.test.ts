import assert from 'node:assert/strict';

import {
  type NotificationValues,
  isJsonContentType,
  renderNotificationPayload,
} from '../../../sim/dynatrace';

const VALUES: NotificationValues = {
  placeholders: {
    State: { kind: 'text', text: 'OPEN' },
    ProblemTitle: { kind: 'text', text: 'Say "hi"\\now\nnext line' },
    ImpactedEntities: { kind: 'json', json: '[{"type":"SERVICE","name":"a","entity":"SERVICE-1"}]' },
  },
  tagValues: new Map([
    ['DeploymentGroup', 'Production'],
    ['app', ''],
  ]),
};

describe('renderNotificationPayload', () => {
  it('replaces placeholders textually: text inside the template quotes, JSON documents raw', () => {
    const payload = renderNotificationPayload(
      '{"State":"{State}","ImpactedEntities":{ImpactedEntities}}',
      VALUES,
      { json: true },
    );
    assert.deepEqual(JSON.parse(payload), {
      State: 'OPEN',
      ImpactedEntities: [{ type: 'SERVICE', name: 'a', entity: 'SERVICE-1' }],
    });
  });

  it('JSON-escapes text values of a JSON payload, so quotes, backslashes and line breaks stay valid JSON', () => {
    const payload = renderNotificationPayload('{"title":"{ProblemTitle}"}', VALUES, { json: true });
    assert.equal(payload, '{"title":"Say \\"hi\\"\\\\now\\nnext line"}');
    assert.equal((JSON.parse(payload) as { title: string }).title, 'Say "hi"\\now\nnext line');
  });

  it('inserts text as it is when the payload is not JSON', () => {
    assert.equal(
      renderNotificationPayload('title={ProblemTitle}', VALUES, { json: false }),
      'title=Say "hi"\\now\nnext line',
    );
  });

  it('gives {Tags[key]} the value of that tag, "" for a key-only tag, and leaves an absent key unreplaced', () => {
    assert.equal(
      renderNotificationPayload('{Tags[DeploymentGroup]}|{Tags[app]}|{Tags[owner]}', VALUES, { json: true }),
      'Production||{Tags[owner]}',
    );
  });

  it('leaves placeholders it does not know unreplaced', () => {
    assert.equal(
      renderNotificationPayload('{Unknown} {State[x]} {State}', VALUES, { json: true }),
      '{Unknown} {State[x]} OPEN',
    );
  });
});

describe('isJsonContentType', () => {
  it('treats no content type, application/json (with parameters) and +json types as JSON', () => {
    for (const contentType of [
      undefined,
      'application/json',
      'Application/JSON; charset=utf-8',
      'application/problem+json',
    ]) {
      assert.equal(isJsonContentType(contentType), true, String(contentType));
    }
  });

  it('treats other media types as text', () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', '']) {
      assert.equal(isJsonContentType(contentType), false, contentType);
    }
  });
});
