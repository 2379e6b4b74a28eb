import assert from 'node:assert/strict';

import { buildEntitySelector } from '../../../../lib/monspec';
import { InputError } from '../../../../tasks/push-deployment-event/src/input-error';
import { parseTagLines } from '../../../../tasks/push-deployment-event/src/parse-tag-lines';

describe('parseTagLines', () => {
  it('reads [Context]key:value, key:value and key-only tags, one per line', () => {
    assert.deepEqual(
      parseTagLines('[Environment]DEPLOYMENT_GROUP_NAME:Staging\r\napp:shop\n  canary  ', 'tags'),
      [
        { context: 'Environment', key: 'DEPLOYMENT_GROUP_NAME', value: 'Staging' },
        { context: 'CONTEXTLESS', key: 'app', value: 'shop' },
        { context: 'CONTEXTLESS', key: 'canary' },
      ],
    );
  });

  it('splits at the first unescaped colon, so values may contain colons and keys escaped ones', () => {
    assert.deepEqual(parseTagLines('url:https://shop:8443\nns\\:name:v\\:1\nback\\\\slash', 'tags'), [
      { context: 'CONTEXTLESS', key: 'url', value: 'https://shop:8443' },
      { context: 'CONTEXTLESS', key: 'ns:name', value: 'v\\:1' },
      { context: 'CONTEXTLESS', key: 'back\\slash' },
    ]);
  });

  it('yields tags whose entity selector escapes the key again, as Dynatrace expects', () => {
    const tags = parseTagLines('ns\\:name:v\n[Kubernetes]app', 'tags');
    assert.equal(
      buildEntitySelector('SERVICE', { name: 'tags', match: { kind: 'tags', tags } }),
      'type(SERVICE),tag("ns\\:name:v"),tag("[Kubernetes]app")',
    );
  });

  it('skips blank lines and # comments', () => {
    assert.deepEqual(parseTagLines('\n# stage tag\n\nstage:prod\n', 'tags'), [
      { context: 'CONTEXTLESS', key: 'stage', value: 'prod' },
    ]);
  });

  const invalid: readonly [string, string, RegExp][] = [
    ['no tag at all', '\n# only a comment\n', /no tag given/],
    ['an unclosed context', '[Environment stage:prod', /line 1 .*expected a context such as \[Environment\]/],
    ['an empty context', '[]stage', /expected a context/],
    ['an empty key', 'ok\n:prod', /line 2 ":prod": expected a tag key/],
    ['an empty value after the colon', 'stage:', /expected a value after ":"/],
  ];
  for (const [what, text, pattern] of invalid) {
    it(`refuses ${what}, naming the input and the line`, () => {
      assert.throws(
        () => parseTagLines(text, 'tags'),
        (error: unknown) =>
          error instanceof InputError && error.input === 'tags' && pattern.test(error.message),
      );
    });
  }
});
