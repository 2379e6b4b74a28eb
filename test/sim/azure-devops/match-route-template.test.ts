import assert from 'node:assert/strict';
import { matchRouteTemplate } from '../../../sim/azure-devops/match-route-template';

describe('matchRouteTemplate', () => {
  const releases = (segments: string[]) =>
    matchRouteTemplate(
      '{project}/_apis/{area}/{resource}/{releaseId}',
      { area: 'Release', resource: 'releases' },
      segments,
    );

  it('captures route values and treats a trailing value as optional', () => {
    assert.deepEqual(releases(['Fabrikam Fiber', '_apis', 'Release', 'releases', '4']), {
      project: 'Fabrikam Fiber',
      releaseId: '4',
    });
    assert.deepEqual(releases(['p', '_apis', 'release', 'releases']), { project: 'p' });
  });

  it('compares literal segments case-insensitively', () => {
    assert.deepEqual(releases(['p', '_APIS', 'RELEASE', 'Releases', '1']), { project: 'p', releaseId: '1' });
  });

  it('does not match other resources, shorter or longer paths', () => {
    assert.equal(releases(['p', '_apis', 'Release', 'deployments']), undefined);
    assert.equal(releases(['p', '_apis', 'Release']), undefined);
    assert.equal(releases(['p', '_apis', 'Release', 'releases', '4', 'environments']), undefined);
  });
});
