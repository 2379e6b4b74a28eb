import assert from 'node:assert/strict';
import { classicReleaseScenario, mergeScenarios, yamlPipelineScenario } from '../../../sim/azure-devops';

const now = Date.parse('2026-01-15T12:00:00Z');

describe('mergeScenarios', () => {
  it('merges projects of the same name and keeps the others', () => {
    const merged = mergeScenarios(
      classicReleaseScenario({ now, releases: [{ id: 1, productionStatus: 'succeeded' }] }),
      yamlPipelineScenario({ now, runs: [{ id: 1, productionResult: 'succeeded' }] }),
      yamlPipelineScenario({ now, project: 'Contoso', runs: [{ id: 2, productionResult: 'failed' }] }),
    );
    assert.deepEqual(
      merged.projects.map((project) => [
        project.name,
        project.releaseDefinitions?.length ?? 0,
        project.pipelines?.length ?? 0,
      ]),
      [
        ['Fabrikam Fiber', 1, 1],
        ['Contoso', 0, 1],
      ],
    );
  });

  it('refuses one project name with two different ids', () => {
    assert.throws(
      () => mergeScenarios({ projects: [{ name: 'A', id: '1' }] }, { projects: [{ name: 'A', id: '2' }] }),
      /two different ids/,
    );
  });
});
