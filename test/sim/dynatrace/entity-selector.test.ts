import assert from 'node:assert/strict';

import {
  type SelectableEntity,
  matchesEntitySelector,
  parseEntitySelector,
} from '../../../sim/dynatrace/entity-selector';
import { SelectorSyntaxError } from '../../../sim/dynatrace/selector-criteria';

const staging: SelectableEntity = {
  id: 'SERVICE-1',
  type: 'SERVICE',
  displayName: 'Staging/SampleNodeJsService',
  tags: [
    { context: 'CONTEXTLESS', key: 'DeploymentGroup', value: 'Staging' },
    { context: 'ENVIRONMENT', key: 'DEPLOYMENT_GROUP_NAME', value: 'Staging' },
    { context: 'CONTEXTLESS', key: 'a:b' },
  ],
};
const host: SelectableEntity = { ...staging, id: 'HOST-1', type: 'HOST', displayName: 'staging-1' };

function matches(selector: string, entity: SelectableEntity = staging): boolean {
  return matchesEntitySelector(parseEntitySelector(selector), entity);
}

describe('parseEntitySelector', () => {
  it('matches by type, quoted or bare, and by the dt.entity.* form', () => {
    assert.ok(matches('type(SERVICE)'));
    assert.ok(matches('type("SERVICE")'));
    assert.ok(matches('type("dt.entity.service")'));
    assert.ok(!matches('type(SERVICE)', host));
  });

  it('matches by entity ids', () => {
    assert.ok(matches('entityId("HOST-1","SERVICE-1")'));
    assert.ok(!matches('entityId("SERVICE-2")'));
  });

  it('ORs the values of one tag() and ANDs several tag() criteria', () => {
    assert.ok(matches('type(SERVICE),tag("DeploymentGroup:Production","DeploymentGroup:Staging")'));
    assert.ok(
      matches(
        'type(SERVICE),tag("DeploymentGroup:Staging"),tag("[Environment]DEPLOYMENT_GROUP_NAME:Staging")',
      ),
    );
    assert.ok(
      !matches(
        'type(SERVICE),tag("DeploymentGroup:Staging"),tag("[Environment]DEPLOYMENT_GROUP_NAME:Production")',
      ),
    );
    assert.ok(matches('type(SERVICE),tag("a\\:b")'));
  });

  it('compares entityName.equals case-insensitively unless caseSensitive() wraps it', () => {
    assert.ok(matches('type(SERVICE),entityName.equals("staging/samplenodejsservice")'));
    assert.ok(!matches('type(SERVICE),caseSensitive(entityName.equals("staging/samplenodejsservice"))'));
    assert.ok(matches('type(SERVICE),entityName.startsWith("Staging/")'));
    assert.ok(matches('type(SERVICE),entityName.in("x","STAGING/SampleNodeJsService")'));
    assert.ok(matches('type(SERVICE),entityName("Staging/SampleNodeJsService")'));
  });

  it('negates a criterion with not()', () => {
    assert.ok(matches('type(SERVICE),not(tag("DeploymentGroup:Production"))'));
    assert.ok(!matches('type(SERVICE),not(entityId("SERVICE-1"))'));
  });

  for (const [text, message] of [
    ['tag("a")', /must contain type\(…\) or entityId\(…\)/],
    ['type(SERVICE),type(HOST)', /only one type\(…\) criterion is allowed, found 2/],
    ['type(SERVICE),mzName("prod")', /unsupported criterion mzName\(…\); supported: type, entityId, tag/],
    ['type(SERVICE),not(type(HOST))', /not\(…\) cannot be applied to type\(…\)/],
    ['type(SERVICE),not("x")', /not\(…\) takes exactly one criterion/],
    ['type(SERVICE),caseSensitive(tag(x))', /caseSensitive\(…\) applies to entityName criteria only/],
    ['type(SERVICE,HOST)', /type\(…\) takes exactly one value, found 2/],
    ['type(SERVICE),tag()', /tag\(…\) needs at least one value/],
    ['type(SERVICE),tag(":x")', /a tag needs a key/],
    ['type(SERVICE),tag(not(x))', /tag\(…\) takes values, not the criterion not\(…\)/],
  ] as const) {
    it(`rejects ${text}`, () => {
      assert.throws(
        () => parseEntitySelector(text),
        (error: unknown) => {
          assert.ok(error instanceof SelectorSyntaxError);
          assert.match(error.message, message);
          return true;
        },
      );
    });
  }
});
