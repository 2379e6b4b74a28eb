import assert from 'node:assert/strict';

import { compileRouteTemplate } from '../../../scripts/local-host/route-template';

describe('compileRouteTemplate', () => {
  it('matches literal segments case-insensitively under the prefix', () => {
    const match = compileRouteTemplate('api', 'gate');
    assert.deepEqual(match('/api/gate'), {});
    assert.deepEqual(match('/API/Gate/'), {});
    assert.equal(match('/api/gates'), undefined);
    assert.equal(match('/gate'), undefined);
    assert.equal(match('/api/gate/extra'), undefined);
  });

  it('binds parameters, ignoring constraints, and decodes them', () => {
    const match = compileRouteTemplate('api', 'items/{id:int}/{name}');
    assert.deepEqual(match('/api/items/42/a%20b'), { id: '42', name: 'a b' });
    assert.equal(match('/api/items/42'), undefined);
  });

  it('allows a trailing optional parameter to be absent', () => {
    const match = compileRouteTemplate('', 'items/{id?}');
    assert.deepEqual(match('/items'), {});
    assert.deepEqual(match('/items/7'), { id: '7' });
  });

  it('gives a catch-all the rest of the path', () => {
    const match = compileRouteTemplate('api', 'files/{*path}');
    assert.deepEqual(match('/api/files/a/b/c.json'), { path: 'a/b/c.json' });
  });
});
