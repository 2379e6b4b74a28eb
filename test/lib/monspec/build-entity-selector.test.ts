import assert from 'node:assert/strict';
import { buildEntitySelector, quoteSelectorValue } from '../../../lib/monspec/build-entity-selector';
import { type MonspecEnvironment, type MonspecTag } from '../../../lib/monspec/monspec';

function tagged(...tags: MonspecTag[]): MonspecEnvironment {
  return { name: 'Staging', match: { kind: 'tags', tags } };
}

describe('buildEntitySelector', () => {
  const cases: readonly [string, MonspecEnvironment, string][] = [
    [
      'omits the context of a CONTEXTLESS tag',
      tagged({ context: 'CONTEXTLESS', key: 'DeploymentGroup', value: 'Staging' }),
      'type(SERVICE),tag("DeploymentGroup:Staging")',
    ],
    [
      'omits CONTEXTLESS in any letter case',
      tagged({ context: 'Contextless', key: 'DeploymentGroup', value: 'Staging' }),
      'type(SERVICE),tag("DeploymentGroup:Staging")',
    ],
    [
      'prefixes other contexts as written',
      tagged({ context: 'Environment', key: 'DEPLOYMENT_GROUP_NAME', value: 'Staging' }),
      'type(SERVICE),tag("[Environment]DEPLOYMENT_GROUP_NAME:Staging")',
    ],
    [
      'writes a key-only tag without a value',
      tagged({ context: 'CONTEXTLESS', key: 'frontend' }),
      'type(SERVICE),tag("frontend")',
    ],
    [
      'requires every tag with one tag() per tag',
      tagged(
        { context: 'CONTEXTLESS', key: 'app', value: 'shop' },
        { context: 'KUBERNETES', key: 'stage', value: 'prod' },
      ),
      'type(SERVICE),tag("app:shop"),tag("[KUBERNETES]stage:prod")',
    ],
    [
      'escapes a colon and a backslash inside the key',
      tagged({ context: 'CONTEXTLESS', key: 'team:a\\b', value: 'x:y' }),
      'type(SERVICE),tag("team\\:a\\\\b:x:y")',
    ],
    [
      'escapes quotes and tildes inside the quoted tag',
      tagged({ context: 'CONTEXTLESS', key: 'say"hi"', value: '~home' }),
      'type(SERVICE),tag("say~"hi~":~~home")',
    ],
    [
      'lists explicit entity IDs, quoted',
      { name: 'Production', match: { kind: 'entities', entities: ['SERVICE-1', 'SERVICE-2'] } },
      'type(SERVICE),entityId("SERVICE-1","SERVICE-2")',
    ],
  ];
  for (const [what, environment, expected] of cases) {
    it(what, () => assert.equal(buildEntitySelector('SERVICE', environment), expected));
  }

  for (const etype of ['APPLICATION', 'HOST', 'PROCESS_GROUP_INSTANCE', 'PROCESS_GROUP'] as const) {
    it(`uses type(${etype}) for ${etype} definitions`, () => {
      assert.equal(
        buildEntitySelector(etype, tagged({ context: 'CONTEXTLESS', key: 'k' })),
        `type(${etype}),tag("k")`,
      );
    });
  }
});

describe('quoteSelectorValue', () => {
  it('quotes plain text', () => assert.equal(quoteSelectorValue('SERVICE-1'), '"SERVICE-1"'));
  it('escapes ~ and " with ~', () => assert.equal(quoteSelectorValue('a~b"c'), '"a~~b~"c"'));
});
