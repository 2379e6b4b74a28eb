import assert from 'node:assert/strict';

import { formatTag, matchesTag, parseTagFilter } from '../../../sim/dynatrace/tag-filter';

describe('parseTagFilter', () => {
  it('reads [Context]key:value, key:value and key', () => {
    assert.deepEqual(parseTagFilter('[Environment]DEPLOYMENT_GROUP_NAME:Staging'), {
      context: 'Environment',
      key: 'DEPLOYMENT_GROUP_NAME',
      value: 'Staging',
    });
    assert.deepEqual(parseTagFilter('DeploymentGroup:Staging'), { key: 'DeploymentGroup', value: 'Staging' });
    assert.deepEqual(parseTagFilter('easytravel'), { key: 'easytravel' });
  });

  it('treats \\: as a literal colon and splits at the first unescaped one', () => {
    assert.deepEqual(parseTagFilter('a\\:b'), { key: 'a:b' });
    assert.deepEqual(parseTagFilter('url:http://x'), { key: 'url', value: 'http://x' });
    assert.deepEqual(parseTagFilter('k\\\\:v'), { key: 'k\\', value: 'v' });
  });

  it('rejects a tag without a key', () => {
    assert.throws(() => parseTagFilter('[AWS]:x'), /a tag needs a key/);
  });
});

describe('matchesTag', () => {
  const tag = { context: 'ENVIRONMENT', key: 'DEPLOYMENT_GROUP_NAME', value: 'Staging' };

  it('compares contexts case-insensitively and keys and values case-sensitively', () => {
    assert.ok(matchesTag(parseTagFilter('[Environment]DEPLOYMENT_GROUP_NAME:Staging'), tag));
    assert.ok(!matchesTag(parseTagFilter('[Environment]deployment_group_name:Staging'), tag));
    assert.ok(!matchesTag(parseTagFilter('[Environment]DEPLOYMENT_GROUP_NAME:staging'), tag));
  });

  it('reads a filter without context as CONTEXTLESS', () => {
    assert.ok(!matchesTag(parseTagFilter('DEPLOYMENT_GROUP_NAME:Staging'), tag));
    assert.ok(matchesTag(parseTagFilter('app'), { context: 'CONTEXTLESS', key: 'app', value: 'x' }));
  });

  it('matches a key-only filter whatever the value', () => {
    assert.ok(matchesTag(parseTagFilter('[ENVIRONMENT]DEPLOYMENT_GROUP_NAME'), tag));
  });
});

describe('formatTag', () => {
  it('writes stringRepresentation with the context only when it is not CONTEXTLESS', () => {
    assert.equal(formatTag({ context: 'CONTEXTLESS', key: 'stage', value: 'dev' }), 'stage:dev');
    assert.equal(formatTag({ context: 'ENVIRONMENT', key: 'k', value: 'v' }), '[ENVIRONMENT]k:v');
    assert.equal(formatTag({ context: 'CONTEXTLESS', key: 'a:b' }), 'a\\:b');
  });
});
