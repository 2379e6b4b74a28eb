import assert from 'node:assert/strict';

import { EntityRegistry } from '../../../sim/dynatrace/entity-registry';
import { parseEntitySelector } from '../../../sim/dynatrace/entity-selector';

const service = { id: 'SERVICE-1', type: 'SERVICE', displayName: 'svc', tags: [] };

describe('EntityRegistry', () => {
  it('adds entities once', () => {
    const registry = new EntityRegistry([service]);
    assert.throws(() => registry.add(service), /entity "SERVICE-1" already exists/);
    registry.add({ ...service, id: 'SERVICE-2' });
    assert.deepEqual(
      registry.list().map((entity) => entity.id),
      ['SERVICE-1', 'SERVICE-2'],
    );
  });

  it('adds tags as an auto-tagging rule would, without duplicates, so selectors start to match', () => {
    const registry = new EntityRegistry([service]);
    const selector = parseEntitySelector('type(SERVICE),tag("DeploymentGroup:Staging")');
    assert.deepEqual(registry.select(selector), []);
    const tag = { context: 'CONTEXTLESS', key: 'DeploymentGroup', value: 'Staging' };
    registry.addTags('SERVICE-1', [tag]);
    registry.addTags('SERVICE-1', [{ ...tag, context: 'contextless' }]);
    assert.deepEqual(registry.get('SERVICE-1')?.tags, [tag]);
    assert.deepEqual(
      registry.select(selector).map((entity) => entity.id),
      ['SERVICE-1'],
    );
  });

  it('replaces tags and rejects unknown entities', () => {
    const registry = new EntityRegistry([{ ...service, tags: [{ context: 'CONTEXTLESS', key: 'a' }] }]);
    registry.setTags('SERVICE-1', []);
    assert.deepEqual(registry.get('SERVICE-1')?.tags, []);
    assert.throws(() => registry.setTags('SERVICE-9', []), /entity "SERVICE-9" does not exist/);
  });
});
